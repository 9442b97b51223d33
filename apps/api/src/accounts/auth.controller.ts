import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { AppConfig } from '../config/app-config.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { Allow, Public } from '../access/decorators.js';
import { SESSION_COOKIE } from '../access/access.guard.js';
import { AccountsService } from './accounts.service.js';
import { clientAddress, userAgent } from './client.js';
import { ChangePasswordDto, SignInDto } from './dto/account.dto.js';
import { SignInSessions } from './sign-in-sessions.service.js';
import { ROLE_GROUPS } from '#domain';

/** Readable by the page's script (unlike the session cookie), to be echoed in X-CSRF-Token. */
export const CSRF_COOKIE = 'dth_csrf';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

@ApiTags('Đăng nhập / Sign-in')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly sessions: SignInSessions,
    private readonly accounts: AccountsService,
    private readonly config: AppConfig,
  ) {}

  private cookieOptions(req: Request, maxAgeMs?: number): CookieOptions {
    const secure = this.config.COOKIE_SECURE === 'true' || (this.config.COOKIE_SECURE === 'auto' && !LOCAL_HOSTS.has(req.hostname));
    return { secure, sameSite: 'strict', path: '/', ...(maxAgeMs !== undefined ? { maxAge: maxAgeMs } : {}) };
  }

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Đăng nhập / Sign in',
    description:
      'Sets the HttpOnly session cookie `dth_session` and the `dth_csrf` cookie; send the CSRF token back in `X-CSRF-Token` on every change. ' +
      '429 with Retry-After after too many failures.',
  })
  async signIn(@Body() dto: SignInDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const result = await this.sessions.signIn(dto.username, dto.password, { address: clientAddress(req), userAgent: userAgent(req) });
    const maxAge = result.expiresAt.getTime() - Date.now();
    res.cookie(SESSION_COOKIE, result.token, { ...this.cookieOptions(req, maxAge), httpOnly: true });
    res.cookie(CSRF_COOKIE, result.csrfToken, { ...this.cookieOptions(req, maxAge), httpOnly: false });
    return { account: await this.accounts.signedIn(result.account), csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() };
  }

  @Post('sign-out')
  @Allow(...ROLE_GROUPS.everyone)
  @HttpCode(200)
  @ApiOperation({ summary: 'Đăng xuất: phiên bị thu hồi ngay / Sign out: the session is revoked at once' })
  async signOut(@CurrentActor() actor: Actor, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.sessions.signOut(actor);
    res.clearCookie(SESSION_COOKIE, { ...this.cookieOptions(req), httpOnly: true });
    res.clearCookie(CSRF_COOKIE, this.cookieOptions(req));
    return { signedOut: true };
  }

  @Get('me')
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Người đang đăng nhập / The signed-in person' })
  me(@CurrentActor() actor: Actor) {
    return this.accounts.own(actor);
  }

  @Post('password')
  @Allow(...ROLE_GROUPS.everyone)
  @HttpCode(200)
  @ApiOperation({ summary: 'Đổi mật khẩu của mình (các phiên khác kết thúc) / Change one’s own password (other sessions end)' })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto) {
    return this.accounts.changeOwnPassword(actor, dto.currentPassword, dto.newPassword);
  }
}
