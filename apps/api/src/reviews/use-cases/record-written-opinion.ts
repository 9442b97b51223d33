/**
 * The secretariat records an absent member's written opinion (ý kiến bằng văn bản) while voting is open: the signed
 * form, stored like evidence (type checked by content, SHA-256 kept), and the member's choice on each candidate as
 * the form states it. Only for a member recorded as giving a written opinion when voting opened, once; a choice on
 * a candidate the member must recuse from is refused.
 */
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { WrittenOpinionView } from '#contracts';
import type { Actor } from '../../common/actor.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { EVIDENCE_TYPES, cleanFileName, evidenceTypeOf, extensionOf } from '../../evidence/evidence-policy.js';
import type { IncomingFile } from '../../evidence/evidence.service.js';
import { conflictOfInterest, inConflict } from '../conflict-of-interest.js';
import type { WrittenChoice } from '../council-attendance.entities.js';
import { CouncilAttendanceRepository } from '../council-attendance.repository.js';
import { ReviewSessionRepository } from '../review-session.repository.js';
import { SessionChanges } from '../session-changes.js';

const CHOICES: readonly string[] = ['IN_FAVOUR', 'AGAINST', 'ABSTAIN'];
/** The form is a scan or a PDF. */
const FORM_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

function parseChoices(raw: string): Record<string, WrittenChoice> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new DomainError('WRITTEN_OPINION_CHOICES_INVALID', { field: 'choices' });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new DomainError('WRITTEN_OPINION_CHOICES_INVALID', { field: 'choices' });
  for (const [k, v] of Object.entries(parsed)) {
    if (!/^[0-9a-f-]{36}$/i.test(k) || typeof v !== 'string' || !CHOICES.includes(v)) throw new DomainError('WRITTEN_OPINION_CHOICES_INVALID', { field: 'choices', itemId: k });
  }
  return parsed as Record<string, WrittenChoice>;
}

@Injectable()
export class RecordWrittenOpinion {
  constructor(
    private readonly changes: SessionChanges,
    private readonly sessions: ReviewSessionRepository,
    private readonly attendance: CouncilAttendanceRepository,
    private readonly clock: Clock,
  ) {}

  execute(sessionId: string, input: { memberId: string; choices: string }, file: IncomingFile | undefined, actor: Actor): Promise<WrittenOpinionView> {
    const choices = parseChoices(input.choices);
    if (!file || file.size === 0) throw new DomainError('WRITTEN_OPINION_FILE_MISSING', { field: 'file' });
    const fileName = cleanFileName(file.originalname);
    const declared = file.mimetype.toLowerCase().split(';')[0]!.trim();
    const contentType = evidenceTypeOf(declared);
    if (!contentType || !FORM_TYPES.includes(contentType)) throw new DomainError('WRITTEN_OPINION_FILE_MISSING', { field: 'file', contentType: declared, allowed: FORM_TYPES });
    const policy = EVIDENCE_TYPES[contentType]!;
    if (!policy.extensions.includes(extensionOf(fileName)) || !policy.magic(file.buffer)) throw new DomainError('EVIDENCE_TYPE_NOT_ALLOWED', { field: 'file', contentType });
    return this.changes.run(sessionId, 'CAST_VOTE', actor, async (em) => {
      if (!(await this.attendance.pinned(em, sessionId))) throw new DomainError('WRITTEN_OPINIONS_NEED_RULE_SET', { field: 'memberId' });
      const members = await this.sessions.members(em, sessionId);
      const member = members.find((m) => m.accountId === input.memberId);
      if (!member) throw new DomainError('NOT_A_SESSION_MEMBER', { field: 'memberId', accountId: input.memberId });
      if (member.attendance !== 'WRITTEN_OPINION') throw new DomainError('NOT_WRITTEN_OPINION_MEMBER', { field: 'memberId', attendance: member.attendance });
      if ((await this.attendance.writtenOpinions(em, sessionId)).some((o) => o.accountId === member.accountId)) throw new DomainError('WRITTEN_OPINION_ALREADY_RECORDED', { field: 'memberId' });
      const items = await this.sessions.items(em, sessionId);
      for (const itemId of Object.keys(choices)) {
        const item = items.find((i) => i.id === itemId);
        if (!item || item.status !== 'PENDING') throw new DomainError('WRITTEN_OPINION_CHOICES_INVALID', { field: 'choices', itemId });
        const facts = await this.sessions.itemFacts(em, item);
        if (inConflict(member.unitPath, facts.candidate.unitPath)) throw conflictOfInterest(member, facts.candidate);
      }
      const now = this.clock.now();
      const row = {
        id: randomUUID(),
        sessionId,
        accountId: member.accountId,
        fileName,
        contentType,
        sizeBytes: file.size,
        sha256: createHash('sha256').update(file.buffer).digest('hex'),
        content: file.buffer,
        choices,
        recordedBy: actor.username,
        recordedAt: now,
      };
      await this.attendance.insertWrittenOpinion(em, row);
      await this.changes.record(em, sessionId, 'WRITTEN_OPINION_RECORDED', { opinionId: row.id, memberId: member.accountId, fileName, contentType, sizeBytes: row.sizeBytes, sha256: row.sha256, choices }, actor, now);
      const { content: _content, ...view } = row;
      return { ...view, recordedAt: now.toISOString() };
    });
  }
}
