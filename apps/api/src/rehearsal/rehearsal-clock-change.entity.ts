import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RehearsalClockMode } from './rehearsal-clock.js';

/**
 * One change of the rehearsal clock: set (an offset or a fixed date) or cleared. The table is append-only; the
 * setting in force is the newest row. `set_at` is the real instant of the change, never the rehearsal clock's.
 */
@Entity('rehearsal_clock_change')
export class RehearsalClockChange {
  @PrimaryColumn('int')
  version: number;

  @Column('text')
  mode: RehearsalClockMode;

  @Column('int', { name: 'offset_days', nullable: true })
  offsetDays: number | null;

  @Column('date', { name: 'fixed_date', nullable: true })
  fixedDate: string | null;

  /** Why (a training session, a release's acceptance run). */
  @Column('text', { nullable: true })
  reason: string | null;

  /** ADMIN: set by an administrator at runtime; CONFIGURATION: REHEARSAL_CLOCK at start. */
  @Column('text')
  source: 'ADMIN' | 'CONFIGURATION';

  @Column('text', { name: 'set_by' })
  setBy: string;

  @Column('timestamptz', { name: 'set_at' })
  setAt: Date;
}
