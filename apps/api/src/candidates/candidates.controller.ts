import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { CandidatesService } from './candidates.service.js';
import { CreateCandidateDto } from './dto/create-candidate.dto.js';
import { ListCandidatesQuery } from './dto/list-candidates.query.js';

@ApiTags('Hồ sơ điển hình / Candidates')
@Controller('candidates')
export class CandidatesController {
  constructor(private readonly candidates: CandidatesService) {}

  @Post()
  @ApiHeader({ name: 'X-Actor', description: 'Người thực hiện / Acting person', required: true })
  @ApiOperation({ summary: 'Ghi nhận một điển hình mới phát hiện / Record a newly discovered candidate' })
  discover(@Body() dto: CreateCandidateDto, @CurrentActor() actor: Actor) {
    return this.candidates.discover(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'Danh sách hồ sơ, có lọc và phân trang / List candidates with filters and pages' })
  list(@Query() query: ListCandidatesQuery) {
    return this.candidates.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một hồ sơ, kèm các thao tác được phép / One candidate with the events allowed now' })
  get(@Param('id', ParseUuid) id: string) {
    return this.candidates.get(id);
  }
}
