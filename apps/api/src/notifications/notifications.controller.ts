import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLE_GROUPS } from '#domain';
import { Allow } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { MailQueryDto, MarkReadDto, NotificationQueryDto, SetPreferencesDto } from './dto/notifications.dto.js';
import { NotificationCentre } from './notification-centre.js';

/** Everyone reads and marks their own notifications and sets their own mail; administrators see the outbox. */
@ApiTags('Thông báo / Notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly centre: NotificationCentre) {}

  @Get()
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Thông báo của tôi, mới nhất trước, và số chưa đọc / My notifications, newest first, and the unread count' })
  list(@Query() query: NotificationQueryDto, @CurrentActor() actor: Actor) {
    return this.centre.list(actor, query);
  }

  @Post('read')
  @HttpCode(200)
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Đánh dấu đã đọc / Mark read (some, or all)' })
  markRead(@Body() body: MarkReadDto, @CurrentActor() actor: Actor) {
    return this.centre.markRead(actor, body);
  }

  @Get('preferences')
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Cách nhận thư theo từng loại thông báo / My mail choices per kind' })
  preferences(@CurrentActor() actor: Actor) {
    return this.centre.preferences(actor);
  }

  @Post('preferences')
  @HttpCode(200)
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Đặt cách nhận thư: không gửi, gửi ngay, tổng hợp hằng ngày / Set mail: none, at once, daily digest' })
  setPreferences(@Body() body: SetPreferencesDto, @CurrentActor() actor: Actor) {
    return this.centre.setPreferences(actor, body.preferences);
  }

  @Get('mail')
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Hộp thư đi: thư đã gửi, đang chờ, đang lưu, không gửi được / The mail outbox' })
  outbox(@Query() query: MailQueryDto) {
    return this.centre.outbox(query);
  }

  @Post('mail/:id/retry')
  @HttpCode(200)
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Gửi lại thư không gửi được / Queue an undeliverable message again' })
  retry(@Param('id', ParseUuid) id: string) {
    return this.centre.retry(id);
  }
}
