import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { Allow } from '../access/decorators.js';
import { AccountsService } from './accounts.service.js';
import { CreateAccountDto, ResetPasswordDto, SetEmailDto } from './dto/account.dto.js';

@ApiTags('Tài khoản / Accounts')
@Controller('accounts')
@Allow('ADMIN')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @ApiOperation({ summary: 'Tạo tài khoản / Create an account' })
  create(@Body() dto: CreateAccountDto, @CurrentActor() actor: Actor) {
    return this.accounts.create(dto, actor);
  }

  @Get()
  @ApiOperation({ summary: 'Danh sách tài khoản / List accounts' })
  list() {
    return this.accounts.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'Một tài khoản / One account' })
  get(@Param('id', ParseUuid) id: string) {
    return this.accounts.get(id);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Khóa tài khoản: các phiên kết thúc ngay / Disable: its sessions end at once' })
  disable(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    return this.accounts.disable(id, actor);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mở khóa tài khoản / Re-enable an account' })
  enable(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    return this.accounts.enable(id, actor);
  }

  @Post(':id/clear-sign-in-throttle')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Gỡ hạn chế đăng nhập của tài khoản (được ghi vết) / Clear the account’s sign-in throttle (audited)',
    description: 'The account’s failed sign-ins stop counting against it (they stay in the records, marked as cleared).',
  })
  clearSignInThrottle(@Param('id', ParseUuid) id: string, @CurrentActor() actor: Actor) {
    return this.accounts.clearSignInThrottle(id, actor);
  }

  @Post(':id/password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đặt lại mật khẩu: các phiên kết thúc / Reset the password: its sessions end' })
  resetPassword(@Param('id', ParseUuid) id: string, @Body() dto: ResetPasswordDto, @CurrentActor() actor: Actor) {
    return this.accounts.resetPassword(id, dto.password, actor);
  }

  @Post(':id/email')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đặt địa chỉ thư nhận thông báo (được ghi vết) / Set the address notifications are mailed to (audited)' })
  setEmail(@Param('id', ParseUuid) id: string, @Body() dto: SetEmailDto, @CurrentActor() actor: Actor) {
    return this.accounts.setEmail(id, dto.email, actor);
  }
}
