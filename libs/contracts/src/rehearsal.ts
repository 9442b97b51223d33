/** The instance's kind and the rehearsal clock (docs/rehearsal-clock.md). */
import { CalendarDate, Code, Instant, Nullable, Type, json, type EndpointTable, type Static } from './schema.js';
import { PeopleNames } from './audit.js';

export const InstanceKinds = ['production', 'rehearsal'] as const;
export const RehearsalClockModes = ['OFFSET', 'FIXED_DATE', 'OFF'] as const;

/** The rehearsal clock in force. */
export const RehearsalClockView = Type.Object({
  mode: Code(['OFFSET', 'FIXED_DATE'] as const),
  offsetDays: Nullable(Type.Integer()),
  /** The fixed date (FIXED_DATE only). */
  date: Nullable(CalendarDate),
  /** The product's date now: the rehearsal date. */
  today: CalendarDate,
  /** The real date now, in the province's time zone. */
  realToday: CalendarDate,
  /** In Vietnamese, e.g. "tiến thêm 30 ngày so với ngày thật". */
  description: Type.String(),
  /** When (real time) and by whom it was set; null when it comes from the configuration and was never recorded. */
  since: Nullable(Instant),
  setBy: Nullable(Type.String()),
});
export type RehearsalClockView = Static<typeof RehearsalClockView>;

/** What every page needs to know, signed in or not: whether this is a rehearsal, and the clock it runs on. */
export const InstanceView = Type.Object({
  kind: Code(InstanceKinds),
  rehearsalClock: Nullable(RehearsalClockView),
});
export type InstanceView = Static<typeof InstanceView>;

export const RehearsalClockChangeView = Type.Object({
  version: Type.Integer(),
  mode: Code(RehearsalClockModes),
  offsetDays: Nullable(Type.Integer()),
  date: Nullable(CalendarDate),
  reason: Nullable(Type.String()),
  source: Code(['ADMIN', 'CONFIGURATION'] as const),
  setBy: Type.String(),
  /** The real instant of the change. */
  setAt: Instant,
});
export type RehearsalClockChangeView = Static<typeof RehearsalClockChangeView>;

export const RehearsalClockAdminView = Type.Object({
  instance: InstanceView,
  /** The newest changes first (at most 50). */
  changes: Type.Array(RehearsalClockChangeView),
  /** The people who set the clock, by login: screens show these. */
  people: PeopleNames,
});
export type RehearsalClockAdminView = Static<typeof RehearsalClockAdminView>;

export const REHEARSAL_ENDPOINTS = {
  'GET /api/instance': json(InstanceView),
  'GET /api/rehearsal-clock': json(RehearsalClockAdminView),
  'POST /api/rehearsal-clock': json(RehearsalClockAdminView, 201),
} satisfies EndpointTable;
