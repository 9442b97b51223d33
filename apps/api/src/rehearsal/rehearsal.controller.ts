import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Public } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { SetRehearsalClockDto } from './dto/set-rehearsal-clock.dto.js';
import { RehearsalClockService } from './rehearsal-clock.service.js';

/** Every page (even the sign-in page) asks whether this is a rehearsal; administrators set the clock. */
@ApiTags('Đồng hồ diễn tập / Rehearsal clock')
@Controller()
export class RehearsalController {
  constructor(private readonly rehearsal: RehearsalClockService) {}

  @Get('instance')
  @Public()
  @ApiOperation({ summary: 'Loại hệ thống (chính thức / diễn tập) và đồng hồ diễn tập / The instance’s kind and its rehearsal clock' })
  instance() {
    return this.rehearsal.instance();
  }

  @Get('rehearsal-clock')
  @Allow('ADMIN', 'AUDITOR')
  @ApiOperation({ summary: 'Đồng hồ diễn tập và các lần thay đổi / The rehearsal clock and its changes' })
  get() {
    return this.rehearsal.admin();
  }

  @Post('rehearsal-clock')
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Đặt hoặc tắt đồng hồ diễn tập (chỉ trên bản diễn tập) / Set or clear the rehearsal clock (rehearsal instances only)' })
  set(@Body() body: SetRehearsalClockDto, @CurrentActor() actor: Actor) {
    return this.rehearsal.set(body, actor);
  }
}
