import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Allow } from '../access/decorators.js';
import { CandidateAccess } from '../access/candidate-access.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { Candidate } from '../candidates/candidate.entity.js';
import { DomainError } from '../common/domain-error.js';
import { ParseUuid } from '../common/pipes.js';
import { AuditEvent } from './audit-event.entity.js';
import { auditView } from './audit.views.js';
import { candidateStream } from './streams.js';
import { ROLE_GROUPS } from '#domain';

@ApiTags('Nhật ký / Audit')
@Controller()
export class AuditController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CandidateAccess,
  ) {}

  @Get('candidates/:id/history')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Toàn bộ lịch sử của hồ sơ / A candidate’s full history, oldest first' })
  async candidateHistory(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    await this.access.assertReadable(actor, id);
    const records = await this.dataSource.getRepository(AuditEvent).find({ where: { stream: candidateStream(id) }, order: { seq: 'ASC' } });
    return { candidateId: id, records: records.map(auditView) };
  }
}
