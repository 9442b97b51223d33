import { Body, Controller, Get, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '../common/domain-error.js';
import { Allow } from '../access/decorators.js';
import { AuditCheckpoints } from './audit-checkpoints.service.js';
import { AuditExport } from './audit-export.js';
import { AuditTrails } from './audit-trails.service.js';
import { AuditVerifier } from './audit-verifier.service.js';
import { AuditTrailFilter, AuditTrailQuery, ConsistencyQuery, ListCheckpointsQuery, VerifyRequest } from './dto/audit-queries.js';
import { fieldName, invalidField } from '../common/validation.js';
import { attachment } from '../common/download-name.js';

/** What auditors use: verification, signed checkpoints and their proofs, trails and the export bundle. */
@ApiTags('Kiểm toán nhật ký / Audit')
@Controller('audit')
// Auditors read and verify everything; nobody else sees the trail as a whole.
@Allow('AUDITOR')
export class AuditVerificationController {
  constructor(
    private readonly verifier: AuditVerifier,
    private readonly checkpoints: AuditCheckpoints,
    private readonly trails: AuditTrails,
    private readonly exporter: AuditExport,
  ) {}

  @Get('verify')
  @ApiOperation({
    summary: 'Kiểm tra toàn bộ nhật ký / Verify the whole audit trail',
    description: 'Every hash chain, every stored checkpoint (root and signature), and the replay of every candidate. Names the first broken record of each broken chain.',
  })
  verify() {
    return this.verifier.verify();
  }

  @Post('verify')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Kiểm tra nhật ký với các điểm kiểm kiểm toán viên đã lưu / Verify, also against checkpoints the auditor kept',
    description: 'Each supplied checkpoint must be signed by a trusted key, match the tree recomputed now, and be proven a prefix of the latest checkpoint.',
  })
  verifyWith(@Body() body: VerifyRequest) {
    return this.verifier.verify({ supplied: body.checkpoints ?? [] });
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'Các điểm kiểm đã ký, mới nhất trước / Signed checkpoints, newest first' })
  async listCheckpoints(@Query() query: ListCheckpointsQuery) {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    return { page, pageSize, ...(await this.checkpoints.list(page, pageSize)) };
  }

  @Get('checkpoints/latest')
  @ApiOperation({ summary: 'Tải điểm kiểm mới nhất để lưu giữ bên ngoài / Download the latest checkpoint, to keep outside the system' })
  async latestCheckpoint(@Res({ passthrough: true }) res: Response) {
    const checkpoint = await this.checkpoints.latest();
    if (!checkpoint) throw new DomainError('NOT_FOUND', { reason: 'NO_CHECKPOINT_YET' }, { vi: 'Chưa có điểm kiểm nào.', en: 'There is no checkpoint yet.' });
    res.setHeader('Content-Disposition', attachment(`Điểm kiểm ${checkpoint.treeSize}.json`));
    return checkpoint;
  }

  @Get('checkpoints/consistency')
  @ApiOperation({
    summary: 'Chứng minh tính nhất quán giữa hai điểm kiểm / Consistency proof between two tree sizes (RFC 6962 §2.1.2)',
    description: 'With the root the auditor kept for `from` and the signed root for `to`, the proof shows the newer tree extends the older one unchanged.',
  })
  async consistency(@Query() query: ConsistencyQuery) {
    const latest = await this.checkpoints.latest();
    const to = query.to ?? latest?.treeSize;
    if (to === undefined) throw new DomainError('NOT_FOUND', { reason: 'NO_CHECKPOINT_YET' }, { vi: 'Chưa có điểm kiểm nào.', en: 'There is no checkpoint yet.' });
    if (query.from > to) {
      throw invalidField('from', 'max', { vi: `${fieldName('from').vi} phải nhỏ hơn hoặc bằng ${to}.`, en: `${fieldName('from').en} must be at most ${to}.` });
    }
    const proof = await this.checkpoints.consistencyProof(query.from, to);
    if (!proof) {
      throw new DomainError('NOT_FOUND', { reason: 'TREE_TOO_SMALL', to }, { vi: 'Cây Merkle chưa có đủ số lá này.', en: 'The Merkle tree does not have that many leaves.' });
    }
    return {
      from: { treeSize: query.from, rootHash: proof.fromRoot, checkpoint: await this.checkpoints.atSize(query.from) },
      to: { treeSize: to, rootHash: proof.toRoot, checkpoint: await this.checkpoints.atSize(to) },
      proof: proof.proof,
    };
  }

  @Post('checkpoints')
  @Allow('AUDITOR', 'ADMIN')
  @ApiOperation({ summary: 'Lập và ký điểm kiểm ngay / Build and sign a checkpoint now' })
  async buildCheckpoint(@Res({ passthrough: true }) res: Response) {
    const outcome = await this.checkpoints.build();
    switch (outcome.status) {
      case 'created':
        return outcome;
      case 'unchanged':
        res.status(200);
        return outcome;
      case 'busy':
        throw new DomainError('CONCURRENT_CHANGE', {}, { vi: 'Một tiến trình khác đang lập điểm kiểm; vui lòng thử lại.', en: 'Another instance is building a checkpoint; try again.' });
      case 'disabled':
        throw new DomainError(
          'REQUEST_REFUSED',
          { reason: 'AUDIT_SIGNING_KEY_MISSING' },
          { vi: 'Chưa cấu hình khóa ký (AUDIT_SIGNING_KEY): không lập được điểm kiểm.', en: 'No signing key is configured (AUDIT_SIGNING_KEY): checkpoints are off.' },
        );
      case 'refused':
        throw new DomainError(
          'REQUEST_REFUSED',
          { reason: 'LATEST_CHECKPOINT_INVALID', treeSize: outcome.treeSize, detail: outcome.reason },
          { vi: 'Điểm kiểm gần nhất không hợp lệ: không ký tiếp lên một lịch sử có thể đã bị giả mạo.', en: 'The latest checkpoint does not verify: no new checkpoint is signed over a possibly forged history.' },
        );
    }
  }

  @Get('records')
  @ApiOperation({
    summary: 'Nhật ký theo hồ sơ, người thực hiện, đơn vị, thời gian / The trail by candidate, person, unit and period',
    description: 'Oldest first. Decisions list the evidence (with SHA-256) attached before them.',
  })
  records(@Query() query: AuditTrailQuery) {
    const { page, pageSize, ...filter } = query;
    return this.trails.page(filter, page ?? 1, pageSize ?? 100);
  }

  @Get('export')
  @ApiOperation({
    summary: 'Tải bộ hồ sơ nhật ký (zip) / Download the export bundle (zip)',
    description: 'records.json, records.csv (UTF-8 with BOM), the latest checkpoint and the verification report of these records’ chains.',
  })
  async export(@Query() filter: AuditTrailFilter, @Res() res: Response) {
    await this.exporter.write(filter, res);
  }
}
