import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { Allow } from '../access/decorators.js';
import { AccountsService } from './accounts.service.js';
import { AccountSearchQuery, ChangeRoleDto, CreateAccountDto, ResetPasswordDto, SetEmailDto } from './dto/account.dto.js';

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
  @ApiOperation({ summary: 'Danh sách tài khoản, có thể tìm theo tên, vai trò, đơn vị / List and search accounts' })
  list(@Query() query: AccountSearchQuery) {
    return this.accounts.list(query);
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

  @Post(':id/role')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Đổi vai trò và đơn vị công tác (được ghi vết; các phiên đăng nhập kết thúc) / Change the role and unit (audited; sign-in sessions end)',
    description: 'A unit head or council member needs a unit (422 ACCOUNT_UNIT_REQUIRED); the last enabled administrator keeps the role (409 LAST_ADMINISTRATOR).',
  })
  changeRole(@Param('id', ParseUuid) id: string, @Body() dto: ChangeRoleDto, @CurrentActor() actor: Actor) {
    return this.accounts.changeRole(id, dto.role, dto.unitId ?? null, actor);
  }

  @Post(':id/email')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đặt địa chỉ thư nhận thông báo (được ghi vết) / Set the address notifications are mailed to (audited)' })
  setEmail(@Param('id', ParseUuid) id: string, @Body() dto: SetEmailDto, @CurrentActor() actor: Actor) {
    return this.accounts.setEmail(id, dto.email, actor);
  }
}
