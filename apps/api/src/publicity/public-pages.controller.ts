/**
 * The public pages (/cong-khai, no sign-in): server-rendered HTML in Vietnamese, outside the API and its
 * description. Every GET page carries an ETag and Cache-Control and answers 304 to a matching If-None-Match. The
 * comment form posts here as multipart (the attachment optional); a refusal re-renders the form with the message
 * beside its field and the status of the refusal (400, 404, 409, 413, 415, 429).
 */
import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UploadedFile, UseFilters, UseInterceptors, Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { FieldCodes, type Field } from '#domain';
import { Public } from '../access/decorators.js';
import { clientAddress } from '../accounts/client.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { errorBody } from '../common/exception.filter.js';
import { AppConfig } from '../config/app-config.js';
import type { UploadedFileParts } from '../evidence/evidence-policy.js';
import { CONTENT_SECURITY_POLICY } from '../web/web-app.js';
import { PublicPageServer } from './public-page-server.js';
import { COMMENT_SCRIPT, STYLESHEET, shareCard } from './public-assets.js';
import {
  PUBLIC_ROOT,
  SHARE_CARD_PATH,
  atomFeed,
  commentFormPage,
  commentSentPage,
  exemplarPage,
  galleryPage,
  galleryQuery,
  homePage,
  messagePage,
  noticePage,
  noticesPage,
  type CommentFormState,
  type PageMeta,
} from './public-html.js';
import { PublicPagesRepository, type GalleryFilter } from './public-pages.repository.js';
import { issueChallenge } from './proof-of-work.js';
import { SubmitPublicComment, type FieldProblem, type PublicCommentForm } from './use-cases/submit-public-comment.js';
import { formatDateVi } from '../documents/vietnamese-format.js';

const GALLERY_PAGE_SIZE = 20;
const HTML = 'text/html; charset=utf-8';
/**
 * The notice's pages change while it runs (answers published, the list itself): any cache keeps them but asks
 * again each time, with the ETag (a 304 costs no body). The gallery changes with decisions: five minutes. Assets: a day.
 */
const NOTICE_CACHE_CONTROL = 'public, no-cache';
const PAGE_CACHE_CONTROL = 'public, max-age=300';
const ASSET_CACHE_CONTROL = 'public, max-age=86400';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Errors on the public pages answer a Vietnamese HTML page, never the API's JSON. */
@Catch()
export class PublicPageErrors implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request & { id?: string }>();
    const res = host.switchToHttp().getResponse<Response>();
    const body = errorBody(error, String(req.id ?? randomUUID()));
    if (res.headersSent) return;
    const message = body.statusCode === 413 ? 'Tệp đính kèm (trường attachment) vượt quá dung lượng cho phép. Vui lòng chọn tệp nhỏ hơn và gửi lại.' : body.message;
    const meta: PageMeta = { title: 'Không thực hiện được', description: message, url: `${PUBLIC_ROOT}`, image: SHARE_CARD_PATH, noindex: true };
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.status(body.statusCode).setHeader('Cache-Control', 'no-store').type(HTML).send(messagePage(meta, body.statusCode === 404 ? 'Không tìm thấy trang' : 'Không thực hiện được', message));
  }
}

@ApiExcludeController()
@Public()
@UseFilters(PublicPageErrors)
@Controller('cong-khai')
export class PublicPagesController {
  constructor(
    private readonly pages: PublicPagesRepository,
    private readonly submit: SubmitPublicComment,
    private readonly server: PublicPageServer,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  @Get()
  async home(@Req() req: Request, @Res() res: Response) {
    await this.page(req, res, NOTICE_CACHE_CONTROL, async (meta) => {
      const notices = await this.pages.openNotices(this.clock.today());
      const gallery = await this.pages.gallery({}, 1, 0);
      return homePage(meta('Điển hình tiên tiến', 'Lấy ý kiến nhân dân về danh sách đề nghị công nhận và các điển hình tiên tiến đã được công nhận.'), notices.length, gallery.total);
    });
  }

  @Get('thong-bao')
  async notices(@Req() req: Request, @Res() res: Response) {
    await this.page(req, res, NOTICE_CACHE_CONTROL, async (meta) => {
      const notices = await this.pages.openNotices(this.clock.today());
      const all = await Promise.all(notices.map(async (notice) => ({ notice, entries: await this.pages.noticeEntries(notice.sessionId), answers: await this.pages.publishedAnswers(notice.id) })));
      return noticesPage(meta('Lấy ý kiến nhân dân', 'Danh sách đề nghị công nhận điển hình tiên tiến đang lấy ý kiến nhân dân.'), all);
    });
  }

  @Get('thong-bao/:noticeId')
  async notice(@Param('noticeId') noticeId: string, @Req() req: Request, @Res() res: Response) {
    await this.page(req, res, NOTICE_CACHE_CONTROL, async (meta) => {
      const notice = await this.openNotice(noticeId);
      const entries = await this.pages.noticeEntries(notice.sessionId);
      return noticePage(
        meta(`Lấy ý kiến: ${notice.sessionTitle}`, `${entries.length} đề nghị công nhận điển hình tiên tiến; nhận ý kiến đến hết ngày ${formatDateVi(notice.endsOn)}.`),
        notice,
        entries,
        await this.pages.publishedAnswers(notice.id),
      );
    });
  }

  @Get('thong-bao/:noticeId/gop-y')
  async commentForm(@Param('noticeId') noticeId: string, @Query('muc') itemId: string | undefined, @Req() req: Request, @Res() res: Response) {
    await this.page(req, res, NOTICE_CACHE_CONTROL, async (meta) => {
      const notice = await this.openNotice(noticeId);
      const entries = await this.pages.noticeEntries(notice.sessionId);
      const state: CommentFormState = { values: { itemId: entries.some((e) => e.itemId === itemId) ? itemId : undefined }, problems: [] };
      return commentFormPage(meta('Góp ý, phản ánh', `Góp ý về danh sách đề nghị công nhận: ${notice.sessionTitle}.`), notice, entries, state, this.formLimits());
    });
  }

  /** A fresh proof-of-work challenge for the form's script; never cached. */
  @Get('thong-bao/:noticeId/thu-thach')
  async challenge(@Param('noticeId') noticeId: string, @Res() res: Response) {
    const notice = await this.openNotice(noticeId);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ challenge: issueChallenge(notice.id, this.clock.now()), bits: this.config.PUBLIC_COMMENT_POW_BITS });
  }

  @Post('thong-bao/:noticeId/gop-y')
  @HttpCode(303)
  @UseInterceptors(FileInterceptor('attachment'))
  async sendComment(@Param('noticeId') noticeId: string, @UploadedFile() file: UploadedFileParts | undefined, @Req() req: Request, @Res() res: Response) {
    const form = formOf(req.body as Record<string, unknown> | undefined);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    try {
      await this.submit.execute(UUID.test(noticeId) ? noticeId : '00000000-0000-0000-0000-000000000000', form, file, clientAddress(req));
      res.redirect(303, `${PUBLIC_ROOT}/thong-bao/${noticeId}/da-gui`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const [notice] = UUID.test(noticeId) ? await this.pages.openNotices(this.clock.today(), noticeId) : [];
      if (!notice) throw error;
      const body = errorBody(error, String((req as Request & { id?: string }).id ?? randomUUID()));
      const problems: FieldProblem[] =
        error.code === 'PUBLIC_COMMENT_FIELD_INVALID' && Array.isArray(error.details.errors)
          ? (error.details.errors as { field: string; message: string; messageEn: string }[]).map((e) => ({ field: e.field, vi: e.message, en: e.messageEn }))
          : typeof error.details.field === 'string'
            ? [{ field: error.details.field, vi: body.message, en: body.messageEn }]
            : [];
      if (typeof body.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(body.retryAfterSeconds));
      const entries = await this.pages.noticeEntries(notice.sessionId);
      const meta = this.metaFor(req)('Góp ý, phản ánh', `Góp ý về danh sách đề nghị công nhận: ${notice.sessionTitle}.`);
      res
        .status(body.statusCode)
        .type(HTML)
        .send(commentFormPage(meta, notice, entries, { values: { ...form, challenge: '', nonce: '' }, problems, general: problems.length ? undefined : body.message }, this.formLimits()));
    }
  }

  @Get('thong-bao/:noticeId/da-gui')
  async commentSent(@Param('noticeId') noticeId: string, @Req() req: Request, @Res() res: Response) {
    await this.page(req, res, NOTICE_CACHE_CONTROL, async (meta) => commentSentPage(meta('Đã nhận ý kiến', 'Ý kiến của bạn đã được ghi nhận.'), await this.openNotice(noticeId)));
  }

  @Get('dien-hinh')
  async gallery(@Query() query: Record<string, string | string[] | undefined>, @Req() req: Request, @Res() res: Response) {
    const filter = galleryFilter(query);
    const page = Math.min(Math.max(1, Number.parseInt(one(query.trang) ?? '1', 10) || 1), 10_000);
    await this.page(req, res, PAGE_CACHE_CONTROL, async (meta) => {
      const [found, revoked, choices] = await Promise.all([
        this.pages.gallery(filter, GALLERY_PAGE_SIZE, (page - 1) * GALLERY_PAGE_SIZE),
        this.pages.revoked(50),
        this.pages.filterChoices(),
      ]);
      return galleryPage(
        { ...meta('Điển hình tiên tiến đã được công nhận', 'Các tập thể, cá nhân, hộ gia đình được công nhận điển hình tiên tiến: thành tích, quyết định, tuyên truyền và nhân rộng.'), url: `${this.baseOf(req)}${PUBLIC_ROOT}/dien-hinh${galleryQuery(filter, page)}` },
        { filter, page, pageSize: GALLERY_PAGE_SIZE, total: found.total, entries: found.entries, revoked, choices },
      );
    });
  }

  @Get('dien-hinh.atom')
  async feed(@Req() req: Request, @Res() res: Response) {
    await this.send(req, res, async () => {
      const { entries } = await this.pages.gallery({}, 50, 0);
      const updated = entries.reduce((latest, e) => (new Date(e.updatedAt) > latest ? new Date(e.updatedAt) : latest), new Date(0));
      return { body: atomFeed(this.baseOf(req), entries, updated), type: 'application/atom+xml; charset=utf-8' };
    }, PAGE_CACHE_CONTROL);
  }

  @Get('dien-hinh/:id')
  async exemplar(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    await this.page(req, res, PAGE_CACHE_CONTROL, async (meta) => {
      const exemplar = UUID.test(id) ? await this.pages.exemplar(id) : null;
      if (!exemplar) throw new DomainError('EXEMPLAR_NOT_FOUND', { id });
      const revoked = exemplar.state === 'revoked';
      const description = `${revoked ? 'Đã bị thu hồi công nhận. ' : ''}Điển hình tiên tiến của ${exemplar.unitName} (${exemplar.year}): ${exemplar.achievement}`.slice(0, 300);
      return exemplarPage({ ...meta(exemplar.name, description), type: 'profile' }, exemplar);
    });
  }

  @Get('tai-nguyen/trang.css')
  async stylesheet(@Req() req: Request, @Res() res: Response) {
    await this.send(req, res, async () => ({ body: STYLESHEET, type: 'text/css; charset=utf-8' }), ASSET_CACHE_CONTROL);
  }

  @Get('tai-nguyen/gop-y.js')
  async script(@Req() req: Request, @Res() res: Response) {
    await this.send(req, res, async () => ({ body: COMMENT_SCRIPT, type: 'text/javascript; charset=utf-8' }), ASSET_CACHE_CONTROL);
  }

  @Get('the-chia-se.png')
  async card(@Req() req: Request, @Res() res: Response) {
    await this.send(req, res, async () => ({ body: shareCard(), type: 'image/png' }), ASSET_CACHE_CONTROL);
  }

  // ---- helpers ----

  private formLimits() {
    return { maxBytes: this.config.PUBLIC_ATTACHMENT_MAX_BYTES, bits: this.config.PUBLIC_COMMENT_POW_BITS };
  }

  private async openNotice(noticeId: string) {
    const [notice] = UUID.test(noticeId) ? await this.pages.openNotices(this.clock.today(), noticeId) : [];
    if (!notice) throw new DomainError('PUBLIC_NOTICE_NOT_FOUND', { noticeId });
    return notice;
  }

  private baseOf(req: Request): string {
    return this.server.baseOf(req);
  }

  private metaFor(req: Request) {
    const base = this.baseOf(req);
    const url = `${base}${req.path}`;
    return (title: string, description: string): PageMeta => ({ title, description, url, image: `${base}${SHARE_CARD_PATH}` });
  }

  /** A page (HTML) from the cache or rendered, keyed by the whole address and the site's base. */
  private page(req: Request, res: Response, cacheControl: string, render: (meta: ReturnType<PublicPagesController['metaFor']>) => Promise<string>): Promise<void> {
    return this.send(req, res, async () => ({ body: await render(this.metaFor(req)), type: HTML }), cacheControl);
  }

  private send(req: Request, res: Response, render: () => Promise<{ body: string | Buffer; type: string }>, cacheControl: string): Promise<void> {
    return this.server.serve(req, res, async () => ({ ...(await render()), cacheControl }));
  }
}

function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function galleryFilter(query: Record<string, string | string[] | undefined>): GalleryFilter {
  const q = one(query.q)?.trim().slice(0, 100);
  const field = one(query['linh-vuc']);
  const year = Number.parseInt(one(query.nam) ?? '', 10);
  const unitId = one(query['don-vi']);
  const movementId = one(query['phong-trao']);
  return {
    ...(q ? { q } : {}),
    ...(field && (FieldCodes as readonly string[]).includes(field) ? { field: field as Field } : {}),
    ...(year >= 1900 && year <= 2100 ? { year } : {}),
    ...(unitId && UUID.test(unitId) ? { unitId } : {}),
    ...(movementId && UUID.test(movementId) ? { movementId } : {}),
  };
}

function formOf(body: Record<string, unknown> | undefined): PublicCommentForm {
  const text = (key: string) => (typeof body?.[key] === 'string' ? (body[key] as string) : undefined);
  const itemId = text('itemId');
  // An item that is not on the notice is refused by the field checks, naming itemId.
  return { itemId: itemId || undefined, name: text('name'), contact: text('contact'), body: text('body'), challenge: text('challenge'), nonce: text('nonce') };
}
