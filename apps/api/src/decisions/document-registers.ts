/**
 * Document registers (sổ đăng ký văn bản): one per issuing authority and the symbol its documents carry, which the
 * jurisdiction profile gives. A register is opened when its authority first drafts a decision under that symbol;
 * an administrator may then change how it numbers. Every opening and change of mode is audited. Numbers are
 * unique per register, symbol and year: entered by the clerk from the office's own register (CLERK_ENTERED, the
 * default: the office's register is shared with every other document of the authority), or reserved from this
 * product's counter when the office keeps its register here (COUNTER).
 */
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { DocumentRegisterView } from '#contracts';
import { ISSUING_AUTHORITIES, REGISTER_MODES, labelsOf, type IssuingAuthority, type RegisterMode } from '#domain';
import { AuditWriter } from '../audit/audit.writer.js';
import { documentRegisterStream } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { DecisionDraftRepository, type RegisterRow } from './decision-draft.repository.js';

/** How a register opened on first use numbers: from the office's own register, which the clerk copies. */
export const DEFAULT_REGISTER_MODE: RegisterMode = 'CLERK_ENTERED';

export function registerView(r: RegisterRow): DocumentRegisterView {
  const authority = ISSUING_AUTHORITIES.find((a) => a.code === r.authorityCode)!;
  return {
    id: r.id,
    authority: { code: authority.code, vi: authority.vi, en: authority.en },
    symbol: r.symbol,
    name: r.name,
    mode: r.mode,
    modeLabel: labelsOf(REGISTER_MODES, r.mode)!,
    openedBy: r.openedBy,
    openedAt: new Date(r.openedAt).toISOString(),
    version: r.version,
  };
}

@Injectable()
export class DocumentRegisters {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repo: DecisionDraftRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<DocumentRegisterView[]> {
    return (await this.repo.registers(this.repo.reader)).map(registerView);
  }

  async setMode(id: string, command: { mode: RegisterMode; expectedVersion: number }, actor: Actor): Promise<DocumentRegisterView> {
    return this.dataSource.transaction(async (em) => {
      const register = await this.repo.register(em, id, true);
      if (!register) throw new DomainError('DOCUMENT_REGISTER_NOT_FOUND', { registerId: id });
      if (register.version !== command.expectedVersion) throw new DomainError('DOCUMENT_REGISTER_VERSION_CONFLICT', { field: 'expectedVersion', version: register.version });
      if (register.mode === command.mode) return registerView(register);
      await this.repo.setMode(em, id, command.mode, command.expectedVersion);
      await this.audit.append(em, {
        stream: documentRegisterStream(id),
        eventType: 'DOCUMENT_REGISTER_MODE_CHANGED',
        payload: { registerId: id, authorityCode: register.authorityCode, symbol: register.symbol, from: register.mode, to: command.mode },
        actor: actor.username,
        occurredAt: this.clock.now(),
      });
      return registerView((await this.repo.register(em, id))!);
    });
  }

  /** The register of an authority and symbol, opened (with the default mode, audited) if it is the first use. */
  async ensure(em: EntityManager, authorityCode: IssuingAuthority, symbol: string, actor: Actor): Promise<RegisterRow> {
    return (await this.repo.registerOf(em, authorityCode, symbol)) ?? (await this.openWithin(em, authorityCode, symbol, DEFAULT_REGISTER_MODE, actor));
  }

  private async openWithin(em: EntityManager, authorityCode: IssuingAuthority, symbol: string, mode: RegisterMode, actor: Actor): Promise<RegisterRow> {
    const authority = ISSUING_AUTHORITIES.find((a) => a.code === authorityCode)!;
    const row: RegisterRow = {
      id: randomUUID(),
      authorityCode,
      symbol,
      name: `Sổ đăng ký văn bản đi — ${authority.vi} (${symbol})`,
      mode,
      openedBy: actor.username,
      openedAt: this.clock.now(),
      version: 1,
    };
    if (!(await this.repo.openRegister(em, row))) return (await this.repo.registerOf(em, authorityCode, symbol))!;
    await this.audit.append(em, {
      stream: documentRegisterStream(row.id),
      eventType: 'DOCUMENT_REGISTER_OPENED',
      payload: { registerId: row.id, authorityCode, symbol, name: row.name, mode },
      actor: actor.username,
      occurredAt: row.openedAt,
    });
    return row;
  }
}
