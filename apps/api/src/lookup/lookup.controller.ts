import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { LookupQuery } from './dto/lookup.query.js';
import { LookupService } from './lookup.service.js';
import { ROLE_GROUPS } from '#domain';

@ApiTags('Tra cứu / Lookup')
@Controller('lookup')
export class LookupController {
  constructor(private readonly lookup: LookupService) {}

  @Get()
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({
    summary: 'Tra cứu tập thể, cá nhân, hộ gia đình, đơn vị, phong trào (có dấu hoặc không dấu) / Search candidates, units and movements (with or without diacritics)',
  })
  search(@Query() query: LookupQuery, @CurrentActor() actor: Actor) {
    return this.lookup.search(query, actor);
  }

  @Get('subjects/:candidateId')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({
    summary: 'Các lần đối tượng của hồ sơ này là điển hình và kết quả (một thành tích chỉ khen thưởng một lần) / Every candidacy of this subject and what became of it',
  })
  subject(@Param('candidateId', ParseUuid) candidateId: string, @CurrentActor() actor: Actor) {
    return this.lookup.subjectHistory(actor, candidateId);
  }
}
