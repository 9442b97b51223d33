/**
 * The jurisdiction profile in force, and its publication. Documents ask for the version in force on their date and
 * record the version they used; administrators publish new versions, each an audited record, none retroactive.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { JurisdictionProfileView, PeopleNames } from '#contracts';
import { peopleAmong, peopleNamed } from '../audit/audit-names.js';
import { profileAuthority, type IssuingAuthority, type JurisdictionProfileContent, type ProfileAuthority } from '#domain';
import { AuditWriter } from '../audit/audit.writer.js';
import { JURISDICTION_PROFILE_STREAM } from '../audit/streams.js';
import type { Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { JurisdictionProfileRepository, type JurisdictionProfileRow } from './jurisdiction-profile.repository.js';

/** A version as documents use it. */
export interface ProfileInForce {
  version: number;
  content: JurisdictionProfileContent;
}

@Injectable()
export class JurisdictionProfiles {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: JurisdictionProfileRepository,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /** The version in force on `date` (YYYY-MM-DD), or a 409 saying an administrator must publish one. */
  async inForceOn(date: string, em: EntityManager = this.profiles.reader): Promise<ProfileInForce> {
    const row = await this.profiles.inForceOn(em, date);
    if (!row) throw new DomainError('PROFILE_NOT_IN_FORCE', { date });
    return { version: row.version, content: row.content };
  }

  /**
   * The extra days off the profile in force on `date` announces (none when no profile is in force: the built-in
   * holidays and PUBLIC_HOLIDAYS still count).
   */
  async extraHolidaysOn(date: string, em: EntityManager = this.profiles.reader): Promise<string[]> {
    return (await this.profiles.inForceOn(em, date))?.content.holidays ?? [];
  }

  /** A version a document recorded. */
  async version(version: number, em: EntityManager = this.profiles.reader): Promise<ProfileInForce> {
    const row = await this.profiles.version(em, version);
    if (!row) throw new DomainError('PROFILE_VERSION_NOT_FOUND', { version });
    return { version: row.version, content: row.content };
  }

  /** An issuing authority as a profile defines it, or a 422 naming the authority. */
  authority(profile: ProfileInForce, code: IssuingAuthority): ProfileAuthority {
    const authority = profileAuthority(profile.content, code);
    if (!authority) throw new DomainError('PROFILE_AUTHORITY_MISSING', { field: 'authorityCode', authorityCode: code, profileVersion: profile.version });
    return authority;
  }

  async list(): Promise<JurisdictionProfileView[]> {
    const rows = await this.profiles.all();
    const current = await this.profiles.inForceOn(this.profiles.reader, this.clock.today());
    const people = await peopleNamed(this.profiles.reader, rows.map((r) => r.publishedBy));
    return rows.map((r) => view(r, r.version === current?.version, people));
  }

  async current(): Promise<JurisdictionProfileView> {
    const row = await this.profiles.inForceOn(this.profiles.reader, this.clock.today());
    if (!row) throw new DomainError('PROFILE_NOT_IN_FORCE', { date: this.clock.today() });
    return view(row, true, await peopleNamed(this.profiles.reader, [row.publishedBy]));
  }

  async get(version: number): Promise<JurisdictionProfileView> {
    const row = await this.profiles.version(this.profiles.reader, version);
    if (!row) throw new DomainError('PROFILE_VERSION_NOT_FOUND', { version });
    const current = await this.profiles.inForceOn(this.profiles.reader, this.clock.today());
    return view(row, row.version === current?.version, await peopleNamed(this.profiles.reader, [row.publishedBy]));
  }

  /** Publishes a new version taking effect on `effectiveFrom` (today or later), with its audit record. */
  async publish(input: { effectiveFrom: string; content: JurisdictionProfileContent; note?: string }, actor: Actor): Promise<JurisdictionProfileView> {
    const today = this.clock.today();
    if (input.effectiveFrom < today) throw new DomainError('PROFILE_EFFECTIVE_IN_PAST', { field: 'effectiveFrom', effectiveFrom: input.effectiveFrom, earliest: today });
    const codes = input.content.authorities.map((a) => a.code);
    const repeated = codes.filter((c, i) => codes.indexOf(c) !== i);
    if (repeated.length > 0) throw new DomainError('PROFILE_AUTHORITY_REPEATED', { field: 'content.authorities', codes: [...new Set(repeated)] });
    const agencies = (input.content.clearanceAgencies ?? []).map((a) => a.code);
    const repeatedAgencies = agencies.filter((c, i) => agencies.indexOf(c) !== i);
    if (repeatedAgencies.length > 0) throw new DomainError('PROFILE_AGENCY_REPEATED', { field: 'content.clearanceAgencies', codes: [...new Set(repeatedAgencies)] });
    // A JSON round trip drops undefined members, as jsonb will: the row and the audit record hold the same content.
    const content = JSON.parse(JSON.stringify(input.content)) as JurisdictionProfileContent;
    return this.dataSource.transaction(async (em) => {
      await this.audit.lockStream(em, JURISDICTION_PROFILE_STREAM);
      const now = this.clock.now();
      const row: JurisdictionProfileRow = {
        version: (await this.profiles.newestVersion(em)) + 1,
        effectiveFrom: input.effectiveFrom,
        content,
        note: input.note ?? null,
        publishedBy: actor.username,
        publishedAt: now,
      };
      await this.profiles.insert(em, row);
      await this.audit.append(em, {
        stream: JURISDICTION_PROFILE_STREAM,
        eventType: 'JURISDICTION_PROFILE_PUBLISHED',
        payload: { version: row.version, effectiveFrom: row.effectiveFrom, content, note: row.note },
        actor: actor.username,
        occurredAt: now,
      });
      return view(row, input.effectiveFrom === today, await peopleNamed(em, [row.publishedBy]));
    });
  }
}

function view(row: JurisdictionProfileRow, inForce: boolean, people: PeopleNames): JurisdictionProfileView {
  return {
    version: row.version,
    effectiveFrom: row.effectiveFrom,
    content: row.content,
    note: row.note,
    publishedBy: row.publishedBy,
    publishedAt: new Date(row.publishedAt).toISOString(),
    people: peopleAmong(people, [row.publishedBy]),
    inForce,
  };
}
