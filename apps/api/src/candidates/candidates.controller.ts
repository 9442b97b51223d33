import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { CandidatesService } from './candidates.service.js';
import { CreateCandidateDto } from './dto/create-candidate.dto.js';
import { ListCandidatesQuery } from './dto/list-candidates.query.js';
import { ROLE_GROUPS } from '#domain';
import type { CandidateDetail, CandidatePage, NominatedCandidate } from '#contracts';

@ApiTags('Hồ sơ điển hình / Candidates')
@Controller('candidates')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Post()
  @Allow('UNIT_HEAD')
  @ApiOperation({ summary: 'Ghi nhận một điển hình mới phát hiện / Record a newly discovered candidate' })
  discover(@Body() dto: CreateCandidateDto, @CurrentActor() actor: Actor): Promise<NominatedCandidate> {
    return this.candidates.discover(dto, actor);
  }

  @Get()
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Danh sách hồ sơ, có lọc và phân trang / List candidates with filters and pages' })
  list(@Query() query: ListCandidatesQuery, @CurrentActor() actor: Actor): Promise<CandidatePage> {
    return this.candidates.list(query, actor);
  }

  @Get(':id')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Một hồ sơ, kèm các thao tác được phép / One candidate with the events allowed now' })
  get(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor): Promise<CandidateDetail> {
    return this.candidates.get(id, actor);
  }
}
