/**
 * Owns the rehearsal clock: reads the setting in force at start (and refuses to start a production instance with
 * one), records each change (an administrator's, or REHEARSAL_CLOCK's at start) as a row of rehearsal_clock_change
 * with its audit record in one transaction, and only then hands it to the Clock that everything reads.
 *
 * The audit trail under a rehearsal clock: records say when things happened by the product's clock (as the demo's
 * history already says its past dates), while their order is the append order (ids, and seq within a stream) that
 * checkpoints and the witness sign, with real times of their own. Each change of the clock is itself a record of
 * stream `rehearsal-clock` dated by the real clock, so every record between two of them (by id) was written under
 * the setting the first one names. Sign-in sessions and throttles keep to the real clock: their limits are real
 * durations.
 */
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { InstanceView, RehearsalClockAdminView, RehearsalClockChangeView } from '#contracts';
import { peopleNamed } from '../audit/audit-names.js';
import { AuditWriter } from '../audit/audit.writer.js';
import { REHEARSAL_CLOCK_STREAM } from '../audit/streams.js';
import { systemActor, type Actor } from '../common/actor.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import type { SetRehearsalClockDto } from './dto/set-rehearsal-clock.dto.js';
import { RehearsalClockChange } from './rehearsal-clock-change.entity.js';
import { RehearsalClockRepository } from './rehearsal-clock.repository.js';
import { describeSetting, parseRehearsalClock, sameSetting, shifted, type RehearsalClockSetting } from './rehearsal-clock.js';

const HISTORY_SHOWN = 50;

export function settingOf(row: RehearsalClockChange | null): RehearsalClockSetting | null {
  if (!row || row.mode === 'OFF') return null;
  return row.mode === 'OFFSET' ? { mode: 'OFFSET', offsetDays: row.offsetDays! } : { mode: 'FIXED_DATE', date: row.fixedDate! };
}

@Injectable()
export class RehearsalClockService implements OnApplicationBootstrap {
  private readonly logger = new Logger('RehearsalClock');
  /** The change in force (null: never recorded). */
  private inForce: RehearsalClockChange | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
    private readonly changes: RehearsalClockRepository,
    private readonly audit: AuditWriter,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const latest = await this.changes.latest(this.changes.reader);
    const stored = settingOf(latest);
    if (this.config.instanceKind === 'production') {
      // A copy of a rehearsal's database promoted to production must not carry its clock along, silently or not.
      if (stored) {
        throw new Error(
          `Hệ thống chính thức (INSTANCE_KIND=production) không khởi động khi cơ sở dữ liệu ghi đồng hồ diễn tập đang bật (${describeSetting(stored)}, thay đổi số ${latest!.version}): tắt nó trên bản diễn tập trước. / ` +
            `A production instance does not start while its database records a rehearsal clock that is on (change ${latest!.version}): turn it off on the rehearsal instance first.`,
        );
      }
      return;
    }
    const configured = this.config.REHEARSAL_CLOCK === undefined ? undefined : this.config.REHEARSAL_CLOCK === 'off' ? null : parseRehearsalClock(this.config.REHEARSAL_CLOCK);
    if (configured !== undefined && !sameSetting(configured, stored)) {
      await this.record(configured, { reason: 'REHEARSAL_CLOCK khi khởi động / at start', source: 'CONFIGURATION' }, systemActor('he-thong'));
    } else {
      this.use(latest);
    }
    const setting = this.clock.rehearsal();
    if (setting) this.logger.warn(`Đồng hồ diễn tập đang bật: ${describeSetting(setting)}; ngày của hệ thống là ${this.clock.today()}. / The rehearsal clock is on.`);
  }

  /** The instance and its clock, for every page; re-reads the setting, so another process's change shows here too. */
  async instance(): Promise<InstanceView> {
    if (this.config.instanceKind === 'rehearsal') this.use(await this.changes.latest(this.changes.reader));
    return this.view();
  }

  async admin(): Promise<RehearsalClockAdminView> {
    const instance = await this.instance();
    const changes = (await this.changes.recent(HISTORY_SHOWN)).map(changeView);
    return { instance, changes, people: await peopleNamed(this.dataSource, [instance.rehearsalClock?.setBy, ...changes.map((c) => c.setBy)]) };
  }

  /** An administrator sets or clears the clock (refused on a production instance). */
  async set(input: SetRehearsalClockDto, actor: Actor): Promise<RehearsalClockAdminView> {
    if (this.config.instanceKind === 'production') throw new DomainError('REHEARSAL_CLOCK_IN_PRODUCTION', { instanceKind: 'production' });
    if (input.mode === 'OFFSET' && input.offsetDays === 0) throw new DomainError('REHEARSAL_CLOCK_OFFSET_ZERO', { field: 'offsetDays' });
    const setting: RehearsalClockSetting | null =
      input.mode === 'OFFSET' ? { mode: 'OFFSET', offsetDays: input.offsetDays! } : input.mode === 'FIXED_DATE' ? { mode: 'FIXED_DATE', date: input.date! } : null;
    await this.record(setting, { reason: input.reason ?? null, source: 'ADMIN' }, actor);
    return this.admin();
  }

  private async record(setting: RehearsalClockSetting | null, how: { reason: string | null; source: RehearsalClockChange['source'] }, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (em: EntityManager) => {
      await this.audit.lockStream(em, REHEARSAL_CLOCK_STREAM);
      const previous = await this.changes.latest(em);
      // The change itself happens in real time: the record that starts a rehearsal period is dated by the real clock.
      const realAt = this.clock.realNow();
      const realToday = this.clock.dateOf(realAt);
      const row: RehearsalClockChange = {
        version: (previous?.version ?? 0) + 1,
        mode: setting?.mode ?? 'OFF',
        offsetDays: setting?.mode === 'OFFSET' ? setting.offsetDays : null,
        fixedDate: setting?.mode === 'FIXED_DATE' ? setting.date : null,
        reason: how.reason,
        source: how.source,
        setBy: actor.username,
        setAt: realAt,
      };
      await this.changes.insert(em, row);
      await this.audit.append(em, {
        stream: REHEARSAL_CLOCK_STREAM,
        eventType: setting ? 'REHEARSAL_CLOCK_SET' : 'REHEARSAL_CLOCK_CLEARED',
        payload: {
          version: row.version,
          mode: row.mode,
          offsetDays: row.offsetDays,
          date: row.fixedDate,
          reason: row.reason,
          source: row.source,
          realDate: realToday,
          rehearsalDate: setting ? this.clock.dateOf(shifted(realAt, realToday, setting)) : null,
          previous: previous ? { version: previous.version, mode: previous.mode, offsetDays: previous.offsetDays, date: previous.fixedDate } : null,
        },
        actor: actor.username,
        occurredAt: realAt,
      });
    });
    // After the commit, and from what was committed (two concurrent changes apply in the order they were recorded).
    this.use(await this.changes.latest(this.changes.reader));
  }

  private use(row: RehearsalClockChange | null): void {
    this.inForce = row;
    this.clock.applyRehearsal(settingOf(row));
  }

  private view(): InstanceView {
    const setting = this.clock.rehearsal();
    if (!setting) return { kind: this.config.instanceKind, rehearsalClock: null };
    const recorded = this.inForce && sameSetting(settingOf(this.inForce), setting) ? this.inForce : null;
    return {
      kind: this.config.instanceKind,
      rehearsalClock: {
        mode: setting.mode,
        offsetDays: setting.mode === 'OFFSET' ? setting.offsetDays : null,
        date: setting.mode === 'FIXED_DATE' ? setting.date : null,
        today: this.clock.today(),
        realToday: this.clock.dateOf(this.clock.realNow()),
        description: describeSetting(setting),
        since: recorded ? new Date(recorded.setAt).toISOString() : null,
        setBy: recorded?.setBy ?? null,
      },
    };
  }
}

function changeView(row: RehearsalClockChange): RehearsalClockChangeView {
  return {
    version: row.version,
    mode: row.mode,
    offsetDays: row.offsetDays,
    date: row.fixedDate,
    reason: row.reason,
    source: row.source,
    setBy: row.setBy,
    setAt: new Date(row.setAt).toISOString(),
  };
}
