import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLE_GROUPS } from '#domain';
import { Allow } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { DashboardsService } from './dashboards.service.js';

@ApiTags('Bảng điều hành / Dashboards')
@Controller('dashboards')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Get('office')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({
    summary: 'Bảng điều hành của cơ quan thi đua: hồ sơ theo giai đoạn và cấp, bồi dưỡng quá hạn, phiên xét và hạn, năm nay so với năm trước / The office dashboard',
    description: 'Computed from the database when asked, within the reader’s units (a unit head sees their subtree).',
  })
  office(@CurrentActor() actor: Actor) {
    return this.dashboards.office(actor);
  }

  @Get('audit')
  @Allow('AUDITOR')
  @ApiOperation({
    summary: 'Bảng điều hành kiểm tra: trạng thái kiểm tra, điểm kiểm và nơi chứng thực gần nhất, các lần bị từ chối truy cập / The auditors’ dashboard',
    description: 'Reads only: checks the checkpoint history (timeliness, witness) now; the full verification is GET /api/audit/verify.',
  })
  audit() {
    return this.dashboards.audit();
  }
}
