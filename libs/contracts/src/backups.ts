/** The administrator's backups (apps/api/src/backups): status, schedule, archives, and making one now. */
import { Instant, Nullable, Type, file, json, type EndpointTable, type Static } from './schema.js';

export const BackupRunView = Type.Object({
  status: Type.Union([Type.Literal('MADE'), Type.Literal('FAILED')]),
  at: Instant,
  actor: Type.String(),
  /** Who, in words: the account's name for a run asked for on the screen; null for the schedule's. */
  actorName: Nullable(Type.String()),
  trigger: Type.Union([Type.Literal('MANUAL'), Type.Literal('SCHEDULED')]),
  file: Nullable(Type.String()),
  bytes: Nullable(Type.Integer({ minimum: 0 })),
  durationMs: Nullable(Type.Integer({ minimum: 0 })),
  /** The size of the audit tree the archive's checkpoint signs. */
  treeSize: Nullable(Type.Integer({ minimum: 0 })),
  errorCode: Nullable(Type.String()),
  /** Why a run failed, in Vietnamese. */
  message: Nullable(Type.String()),
});
export type BackupRunView = Static<typeof BackupRunView>;

export const BackupsOverview = Type.Object({
  directory: Nullable(Type.String()),
  schedule: Type.Object({
    enabled: Type.Boolean(),
    intervalHours: Type.Integer({ minimum: 0 }),
    retention: Type.Object({ daily: Type.Integer({ minimum: 0 }), weekly: Type.Integer({ minimum: 0 }), monthly: Type.Integer({ minimum: 0 }) }),
    reason: Nullable(Type.String()),
    /** Why there is no schedule, for the screen to say in its language (`reason` says it in both, for logs and the CLI). */
    reasonCode: Nullable(Type.Union([Type.Literal('OFF'), Type.Literal('NO_TARGET'), Type.Literal('NO_PASSPHRASE')])),
  }),
  lastRun: Nullable(BackupRunView),
  lastSuccess: Nullable(BackupRunView),
  archives: Type.Array(Type.Object({ file: Type.String(), bytes: Type.Integer({ minimum: 0 }), createdAt: Instant })),
});
export type BackupsOverview = Static<typeof BackupsOverview>;

export const BACKUP_ENDPOINTS = {
  'GET /api/backups': json(BackupsOverview),
  'POST /api/backups': json(BackupRunView, 201),
  'GET /api/backups/archives/{file}': file('application/x-tar'),
} satisfies EndpointTable;
