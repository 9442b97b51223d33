/**
 * A revocation's record beyond its text: the grounds it rests on and the chain it ends (written with it), and each
 * certificate, reward object or sum of reward money recovered after it, recorded by the secretariat as an audited
 * change of the revocation's authority stream (Luật Thi đua, khen thưởng 2022 Chương VII: the reward's objects and
 * money are recovered).
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RevocationRecoveryView, RevocationView } from '#contracts';
import { RECOVERY_ITEMS, REVOCATION_GROUNDS, labelsOf, type RecoveryItem } from '#domain';
import { AuditWriter } from '../audit/audit.writer.js';
import { decisionStream } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { RecognitionDecisionRepository } from './recognition-decision.repository.js';
import { DecisionRevocation, RevocationRecovery } from './revocation.entities.js';

export interface RecoveryCommand {
  candidateId: string;
  item: RecoveryItem;
  quantity?: number;
  amount?: number;
  recoveredOn: string;
  document: string;
  note?: string;
}

@Injectable()
export class Revocations {
  constructor(
    private readonly dataSource: DataSource,
    private readonly decisions: RecognitionDecisionRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async view(decisionId: string): Promise<RevocationView> {
    const em = this.dataSource.manager;
    const d = await this.decisions.find(em, decisionId);
    if (!d) throw new DomainError('DECISION_NOT_FOUND', { decisionId });
    if (d.kind !== 'REVOCATION') throw new DomainError('NOT_A_REVOCATION', { decisionId, kind: d.kind });
    const record = await em.findOneBy(DecisionRevocation, { decisionId });
    const recipients = await this.decisions.recipients(em, decisionId);
    const recoveries = await this.recoveries(decisionId);
    return {
      decisionId,
      number: `${d.number}/${d.symbol}`,
      // A revocation issued before grounds were codes has none recorded.
      grounds: (record?.grounds ?? []).map((code) => {
        const g = REVOCATION_GROUNDS.find((x) => x.code === code)!;
        return { code: g.code, vi: g.vi, en: g.en, article: g.article, citation: g.citation };
      }),
      chain: record?.chain ?? [],
      recipients: recipients.map((r) => ({ candidateId: r.candidateId, name: r.name, certificateRecovered: recoveries.some((x) => x.candidateId === r.candidateId && x.item === 'CERTIFICATE') })),
      recoveries,
    };
  }

  async record(decisionId: string, command: RecoveryCommand, actor: Actor): Promise<RevocationRecoveryView> {
    return this.dataSource.transaction(async (em) => {
      const d = await this.decisions.lock(em, decisionId);
      if (!d) throw new DomainError('DECISION_NOT_FOUND', { decisionId });
      if (d.kind !== 'REVOCATION') throw new DomainError('NOT_A_REVOCATION', { decisionId, kind: d.kind });
      const recipients = await this.decisions.recipients(em, decisionId);
      const recipient = recipients.find((r) => r.candidateId === command.candidateId);
      if (!recipient) throw new DomainError('RECOVERY_NOT_IN_REVOCATION', { field: 'candidateId', candidateId: command.candidateId });
      const money = command.item === 'REWARD_MONEY';
      if (money ? !command.amount : !command.quantity) throw new DomainError('RECOVERY_AMOUNT_REQUIRED', { field: money ? 'amount' : 'quantity', item: command.item });
      const today = this.clock.today();
      if (command.recoveredOn > today || command.recoveredOn < d.issuedOn) {
        throw new DomainError('RECOVERED_ON_OUT_OF_RANGE', { field: 'recoveredOn', recoveredOn: command.recoveredOn, earliest: d.issuedOn, latest: today });
      }
      const now = this.clock.now();
      const row: RevocationRecovery = {
        id: randomUUID(),
        revocationId: decisionId,
        candidateId: command.candidateId,
        item: command.item,
        quantity: money ? null : command.quantity!,
        amount: money ? String(command.amount) : null,
        recoveredOn: command.recoveredOn,
        document: command.document,
        note: command.note ?? null,
        recordedBy: actor.username,
        recordedAt: now,
      };
      await em.insert(RevocationRecovery, row);
      await this.audit.append(em, {
        stream: decisionStream(d.authorityCode, d.year),
        eventType: 'REVOCATION_RECOVERY',
        payload: { decisionId, number: `${d.number}/${d.symbol}`, recoveryId: row.id, candidateId: row.candidateId, item: row.item, quantity: row.quantity, amount: row.amount, recoveredOn: row.recoveredOn, document: row.document, note: row.note },
        actor: actor.username,
        occurredAt: now,
      });
      return this.toView(row, recipient.name);
    });
  }

  private async recoveries(decisionId: string): Promise<RevocationRecoveryView[]> {
    const rows = (await this.dataSource.query(
      `SELECT x.id, x.revocation_id AS "revocationId", x.candidate_id AS "candidateId", x.item, x.quantity, x.amount, to_char(x.recovered_on, 'YYYY-MM-DD') AS "recoveredOn",
              x.document, x.note, x.recorded_by AS "recordedBy", x.recorded_at AS "recordedAt", r.name AS "candidateName"
         FROM revocation_recovery x JOIN decision_recipient r ON r.decision_id = x.revocation_id AND r.candidate_id = x.candidate_id
        WHERE x.revocation_id = $1 ORDER BY x.recorded_at, x.id`,
      [decisionId],
    )) as (RevocationRecovery & { candidateName: string })[];
    return rows.map((r) => this.toView(r, r.candidateName));
  }

  private toView(r: RevocationRecovery, candidateName: string): RevocationRecoveryView {
    return {
      id: r.id,
      candidateId: r.candidateId,
      candidateName,
      item: r.item,
      itemLabel: labelsOf(RECOVERY_ITEMS, r.item)!,
      quantity: r.quantity,
      amount: r.amount === null ? null : Number(r.amount),
      recoveredOn: r.recoveredOn,
      document: r.document,
      note: r.note,
      recordedBy: r.recordedBy,
      recordedAt: new Date(r.recordedAt).toISOString(),
    };
  }
}
