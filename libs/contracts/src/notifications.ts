/** The notification centre, mail preferences and the mail outbox. */
import { MailModeCodes, MailStatusCodes, NotificationKindCodes } from '#domain';
import { Code, Instant, Labels, Nullable, Type, Uuid, json, type EndpointTable, type Static } from './schema.js';

export const NotificationView = Type.Object({
  id: Uuid,
  kind: Code(NotificationKindCodes),
  kindLabel: Labels,
  title: Type.String(),
  titleEn: Type.String(),
  body: Type.String(),
  bodyEn: Type.String(),
  /** The web route where the person acts on it. */
  link: Type.String(),
  createdAt: Instant,
  readAt: Nullable(Instant),
});
export type NotificationView = Static<typeof NotificationView>;

export const NotificationList = Type.Object({ unread: Type.Integer({ minimum: 0 }), items: Type.Array(NotificationView) });
export type NotificationList = Static<typeof NotificationList>;

export const MarkReadResult = Type.Object({ marked: Type.Integer({ minimum: 0 }), unread: Type.Integer({ minimum: 0 }) });

export const NotificationPreferenceView = Type.Object({
  kind: Code(NotificationKindCodes),
  kindLabel: Labels,
  mail: Code(MailModeCodes),
  /** The kind's default when the person has not chosen. */
  defaultMail: Code(MailModeCodes),
});
export const NotificationPreferences = Type.Object({
  /** Where the mail goes; null: no address, so no mail whatever the choices. */
  email: Nullable(Type.String()),
  preferences: Type.Array(NotificationPreferenceView),
});
export type NotificationPreferences = Static<typeof NotificationPreferences>;

export const MailMessageView = Type.Object({
  id: Uuid,
  accountId: Uuid,
  username: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.String(),
  status: Code(MailStatusCodes),
  statusLabel: Labels,
  attempts: Type.Integer({ minimum: 0 }),
  lastError: Nullable(Type.String()),
  createdAt: Instant,
  sentAt: Nullable(Instant),
});
export type MailMessageView = Static<typeof MailMessageView>;

export const MailOutbox = Type.Object({
  counts: Type.Object({ PENDING: Type.Integer(), SENT: Type.Integer(), KEPT: Type.Integer(), FAILED: Type.Integer() }),
  /** Whether a mail server is configured (SMTP_URL); without one, mail is KEPT here. */
  smtpConfigured: Type.Boolean(),
  items: Type.Array(MailMessageView),
});
export type MailOutbox = Static<typeof MailOutbox>;

export const NOTIFICATION_ENDPOINTS = {
  'GET /api/notifications': json(NotificationList),
  'POST /api/notifications/read': json(MarkReadResult),
  'GET /api/notifications/preferences': json(NotificationPreferences),
  'POST /api/notifications/preferences': json(NotificationPreferences),
  'GET /api/notifications/mail': json(MailOutbox),
  'POST /api/notifications/mail/{id}/retry': json(MailMessageView),
} satisfies EndpointTable;
