/**
 * Records an agency's answer to a clearance request, with its document (number, date, and the scanned file when
 * given, stored with its SHA-256 like evidence). Disagreeing needs reasons. One answer per request, never replaced.
 * An answer arriving after the deadline is recorded and counts; until one arrives, the request reads NO_ANSWER
 * from the day after its deadline.
 */
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { ClearanceAnswer as ClearanceAnswerCode } from '#workflow';
import type { ClearanceView } from '#contracts';
import { CLEARANCE_DOCUMENT_TYPES } from '#contracts';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { invalidField, vietnameseDate } from '../../common/validation.js';
import { SessionChanges } from '../../reviews/session-changes.js';
import { EVIDENCE_TYPES, cleanFileName, extensionOf } from '../../evidence/evidence-policy.js';
import type { IncomingFile } from '../../evidence/evidence.service.js';
import { ClearanceRepository } from '../clearance.repository.js';
import { peopleNamed } from '../../audit/audit-names.js';
import { clearanceLogins, clearanceView } from '../clearance.views.js';
import { requireOpenForClearances } from './request-clearances.js';

export interface ClearanceAnswerCommand {
  answer: ClearanceAnswerCode;
  reasons?: string;
  documentNumber: string;
  documentDate: string;
}

@Injectable()
export class RecordClearanceAnswer {
  constructor(
    private readonly sessions: SessionChanges,
    private readonly clearances: ClearanceRepository,
    private readonly clock: Clock,
  ) {}

  execute(sessionId: string, requestId: string, input: ClearanceAnswerCommand, file: IncomingFile | undefined, actor: Actor): Promise<ClearanceView> {
    if (input.answer === 'DISAGREES' && !input.reasons) {
      throw invalidField('reasons', 'required', { vi: 'Cần ghi lý do khi cơ quan không đồng ý.', en: 'Reasons are required when the agency disagrees.' });
    }
    const today = this.clock.today();
    if (input.documentDate > today) throw invalidField('documentDate', 'max', { vi: 'Ngày văn bản trả lời không được sau hôm nay.', en: 'The answering document cannot be dated after today.' });
    const stored = file && file.size > 0 ? this.checkedFile(file) : null;

    return this.sessions.run(sessionId, 'RECORD_CLEARANCE_ANSWER', actor, async (em) => {
      const request = await this.clearances.request(em, sessionId, requestId);
      if (!request) throw new DomainError('CLEARANCE_NOT_FOUND', { sessionId, requestId });
      const target = (await this.clearances.target(em, sessionId, request.itemId))!;
      requireOpenForClearances(target);
      if (request.answer) throw new DomainError('CLEARANCE_ALREADY_ANSWERED', { requestId, answer: request.answer.answer });
      if (input.documentDate < request.requestedOn) {
        throw invalidField('documentDate', 'min', { vi: `Ngày văn bản trả lời không được trước ngày đề nghị hiệp y (${vietnameseDate(request.requestedOn)}).`, en: `The answering document cannot be dated before the request (${vietnameseDate(request.requestedOn)}).` });
      }
      const now = this.clock.now();
      const answerId = randomUUID();
      await this.clearances.insertAnswer(em, {
        id: answerId,
        requestId,
        answer: input.answer,
        reasons: input.reasons ?? null,
        documentNumber: input.documentNumber,
        documentDate: input.documentDate,
        fileName: stored?.fileName ?? null,
        contentType: stored?.contentType ?? null,
        sizeBytes: stored?.sizeBytes ?? null,
        sha256: stored?.sha256 ?? null,
        content: stored?.content ?? null,
        recordedBy: actor.username,
        recordedAt: now,
      });
      await this.sessions.record(
        em,
        sessionId,
        'CLEARANCE_ANSWERED',
        {
          itemId: request.itemId,
          requestId,
          answerId,
          agencyCode: request.agencyCode,
          agencyName: request.agencyName,
          answer: input.answer,
          reasons: input.reasons ?? null,
          documentNumber: input.documentNumber,
          documentDate: input.documentDate,
          dueOn: request.dueOn,
          late: today > request.dueOn,
          file: stored ? { fileName: stored.fileName, contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256 } : null,
        },
        actor,
        now,
        request.candidateId,
      );
      const row = (await this.clearances.request(em, sessionId, requestId))!;
      return clearanceView(row, target.candidateName, today, await peopleNamed(em, clearanceLogins([row])));
    });
  }

  /** The document's file: an accepted type whose extension and first bytes agree, with its SHA-256. */
  private checkedFile(file: IncomingFile) {
    const fileName = cleanFileName(file.originalname);
    const contentType = file.mimetype.toLowerCase().split(';')[0]!.trim();
    const policy = (CLEARANCE_DOCUMENT_TYPES as readonly string[]).includes(contentType) ? EVIDENCE_TYPES[contentType] : undefined;
    if (!policy || !policy.extensions.includes(extensionOf(fileName)) || !policy.magic(file.buffer)) {
      throw new DomainError('CLEARANCE_DOCUMENT_TYPE_NOT_ALLOWED', { field: 'file', contentType, allowed: CLEARANCE_DOCUMENT_TYPES });
    }
    return { fileName, contentType, sizeBytes: file.size, sha256: createHash('sha256').update(file.buffer).digest('hex'), content: file.buffer };
  }
}
