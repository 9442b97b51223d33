/**
 * The application's configuration, read once from the environment and validated at boot.
 * A bad value stops the process with a message naming the variable; nothing reads process.env elsewhere.
 */
import { BlockList, isIP } from 'node:net';
import { join } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateBy, validateSync } from 'class-validator';
import { isValidKey } from '../audit/ed25519.js';
import { parseRehearsalClock } from '../rehearsal/rehearsal-clock.js';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const IsEd25519Key = (kind: 'private' | 'public-list') =>
  ValidateBy({
    name: 'isEd25519Key',
    validator: {
      validate: (v: unknown) => isValidKey(v, kind),
      defaultMessage: () =>
        kind === 'private'
          ? 'must be an Ed25519 private key: PKCS#8 PEM, or base64 of the PKCS#8 DER'
          : 'must be Ed25519 public keys: SPKI PEM blocks, or base64 of the SPKI DER, separated by commas',
    },
  });
/** Parses `a.b.c.d/n, x::/n` into a BlockList, or throws naming the bad entry. */
export function parseCidrs(list: string): BlockList {
  const blocks = new BlockList();
  for (const entry of list.split(',').map((e) => e.trim()).filter(Boolean)) {
    const match = /^([^/]+)\/(\d{1,3})$/.exec(entry);
    const family = match ? isIP(match[1]!) : 0;
    const prefix = match ? Number(match[2]) : -1;
    if (!match || family === 0 || prefix > (family === 4 ? 32 : 128)) throw new Error(`not a CIDR: ${entry}`);
    blocks.addSubnet(match[1]!, prefix, family === 4 ? 'ipv4' : 'ipv6');
  }
  return blocks;
}
function isCidrList(v: string): boolean {
  try {
    parseCidrs(v);
    return true;
  } catch {
    return false;
  }
}
function isTimeZone(v: unknown): boolean {
  try {
    return typeof v === 'string' && v.length > 0 && Boolean(new Intl.DateTimeFormat('en-CA', { timeZone: v }));
  } catch {
    return false;
  }
}
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class AppConfig {
  /**
   * Check every JSON response against the route's contract (libs/contracts) and answer 500
   * RESPONSE_CONTRACT_BROKEN, naming the differences, when it does not hold. On in the tests; costs time.
   */
  @Transform(toBool) @IsBoolean()
  VALIDATE_RESPONSES = false;

  /** HTTP port of the API and the web app. */
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  /** A PostgreSQL server (postgres://user:pass@host:port/db). Unset: the embedded PostgreSQL (PGlite) under DATA_DIR. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string = undefined;

  /** Folder of the embedded database's files (used only without DATABASE_URL). */
  @IsString()
  DATA_DIR = './data';

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_MAX = 10;

  /** Longest a single SQL statement may run before the server cancels it. */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000)
  DB_STATEMENT_TIMEOUT_MS = 15_000;

  /** Longest a transaction may sit idle before the server ends it (and releases its locks). */
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000)
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

  /**
   * Longest wait for a database connection: opening a new one, or getting one from a full pool. Past it the
   * request fails with 503 DATABASE_UNAVAILABLE instead of hanging (e.g. while the server restarts).
   */
  @Transform(toInt) @IsInt() @Min(100) @Max(120_000)
  DB_CONNECTION_TIMEOUT_MS = 5_000;

  /** How long a state-changing request's Idempotency-Key is kept and its response replayed (at least 24 h). */
  @Transform(toInt) @IsInt() @Min(24) @Max(24 * 365)
  IDEMPOTENCY_KEY_RETENTION_HOURS = 24;

  /**
   * How long a request holds its Idempotency-Key while it runs; a retry within it gets 409 IDEMPOTENCY_KEY_IN_PROGRESS.
   * After a crash, a retry may take the key over once it has run out. Correctness does not depend on it.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  IDEMPOTENCY_LEASE_SECONDS = 60;

  /** Must stay false: the schema comes from migrations only. Present so that a mistaken `true` is refused loudly. */
  @Transform(toBool) @IsBoolean() @IsIn([false], { message: 'must be false: the schema comes from migrations only' })
  DB_SYNCHRONIZE = false;

  /** Seed the demo province on first start: `auto` seeds an empty embedded database only. */
  @IsIn(['auto', 'true', 'false'])
  SEED_DEMO: 'auto' | 'true' | 'false' = 'auto';

  @Transform(toInt) @IsInt() @Min(1) @Max(100 * 1024 * 1024)
  EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

  /** The public side (/cong-khai): largest attachment of a public comment (same types as evidence). */
  @Transform(toInt) @IsInt() @Min(1) @Max(100 * 1024 * 1024)
  PUBLIC_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

  /** Leading zero bits the proof of work of a public comment needs (16: about a second of a phone's time). */
  @Transform(toInt) @IsInt() @Min(0) @Max(28)
  PUBLIC_COMMENT_POW_BITS = 16;

  /** Public comments kept from one address within an hour, and within a day; more are refused (429). */
  @Transform(toInt) @IsInt() @Min(1) @Max(100000)
  PUBLIC_COMMENTS_PER_ADDRESS_PER_HOUR = 5;

  @Transform(toInt) @IsInt() @Min(1) @Max(100000)
  PUBLIC_COMMENTS_PER_ADDRESS_PER_DAY = 20;

  /** Longest reuse of a rendered public page of the current version (any change to what it shows renders it again at once; 0: never reused). */
  @Transform(toInt) @IsInt() @Min(0) @Max(3600)
  PUBLIC_PAGE_CACHE_SECONDS = 300;

  /** The public address of the site (https://…), for shared links (og:url) and the Atom feed; unset: from the request. */
  @IsOptional() @IsString()
  PUBLIC_BASE_URL?: string = undefined;

  /**
   * The server-side signing certificate (PKCS#12 file: private key, certificate and its chain) that signs issued
   * decisions and certificates (PAdES). Unset: documents are signed with the signer's own token and uploaded; a
   * rehearsal (the demo) signs with a demo key generated at first start in the key folder.
   */
  @IsOptional() @IsString()
  SIGNING_P12_FILE?: string = undefined;

  /** The PKCS#12 file's passphrase (required with SIGNING_P12_FILE). */
  @IsOptional() @IsString()
  SIGNING_P12_PASSPHRASE?: string = undefined;

  /**
   * A PEM file of the root certificates a signature must chain to (the government CA's root in production), for
   * uploaded signed files and for verification. The demo's own root is trusted on a rehearsal instance.
   */
  @IsOptional() @IsString()
  SIGNING_TRUSTED_ROOTS?: string = undefined;

  /** An RFC 3161 time-stamp authority (http(s) URL): signatures made on the server are then PAdES B-T. */
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  SIGNING_TSA_URL?: string = undefined;

  /** How often a candidate being nurtured should be checked on; later than this, its check-in is overdue. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650)
  NURTURING_CHECK_IN_INTERVAL_DAYS = 90;

  /** A session ends after this long without a request. */
  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 60)
  SESSION_IDLE_MINUTES = 30;

  /**
   * How long a session lookup is kept in the process (0: not kept). Sign-out and account changes made through this
   * process reach it at once; a change made by another instance, within this time.
   */
  @Transform(toInt) @IsInt() @Min(0) @Max(60_000)
  SESSION_CACHE_MS = 2_000;

  /** A session ends this long after sign-in, however active. */
  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 30)
  SESSION_ABSOLUTE_HOURS = 12;

  /** `auto`: Secure cookies except when the request is for localhost (plain HTTP on one's own machine). */
  @IsIn(['auto', 'true', 'false'])
  COOKIE_SECURE: 'auto' | 'true' | 'false' = 'auto';

  /**
   * Failures of one account from one address (since its last success there, within SIGN_IN_FAILURE_MEMORY_HOURS)
   * that are free; each one after waits twice as long: SIGN_IN_DELAY_BASE_SECONDS, then 2×, 4× … up to
   * SIGN_IN_DELAY_MAX_SECONDS. A correct password from another address is not held back by it.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  SIGN_IN_FREE_FAILURES = 5;

  @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  SIGN_IN_DELAY_BASE_SECONDS = 1;

  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 3600)
  SIGN_IN_DELAY_MAX_SECONDS = 15 * 60;

  /** How long the failures of one account from one address are remembered for the growing delay. */
  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 30)
  SIGN_IN_FAILURE_MEMORY_HOURS = 24;

  /**
   * The account-wide limit (a spread-out attack): this many failures of one account within the window, from at
   * least SIGN_IN_ACCOUNT_LIMIT_MIN_ADDRESSES addresses, hold back every address outside TRUSTED_NETWORKS (429)
   * until failures leave the window.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000)
  SIGN_IN_MAX_FAILURES_PER_ACCOUNT = 20;

  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  SIGN_IN_ACCOUNT_LIMIT_MIN_ADDRESSES = 3;

  /** Failed sign-ins from one address, on any accounts, within the window before it is refused with 429 (password spraying). Successes do not count. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000)
  SIGN_IN_MAX_FAILURES_PER_ADDRESS = 30;

  @Transform(toInt) @IsInt() @Min(1) @Max(24 * 60)
  SIGN_IN_WINDOW_MINUTES = 15;

  /**
   * Networks (CIDRs, comma-separated, e.g. the office LAN `10.20.0.0/16, 2001:db8::/48`) never held back by the
   * account-wide limit, so the office can still sign in while an account is attacked from outside. The growing
   * delay per address and the per-address limit still apply to them.
   */
  @IsString() @ValidateBy({ name: 'isCidrList', validator: { validate: (v: unknown) => typeof v === 'string' && isCidrList(v), defaultMessage: () => 'must be CIDRs such as 10.20.0.0/16 or 2001:db8::/48, separated by commas' } })
  TRUSTED_NETWORKS = '';

  /**
   * Refused requests and rate-limited sign-ins are recorded once per (account or address, reason) per window of
   * this many seconds: the first at once with its details, the count of the rest when the window closes.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(3600)
  REFUSAL_AGGREGATION_WINDOW_SECONDS = 60;

  /** Distinct (account or address, reason) keys per window; past it, refusals are counted under one overflow record. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000)
  REFUSAL_AGGREGATION_MAX_KEYS = 100;

  /** Origins allowed to call the API from a browser (comma-separated); empty: same origin only. */
  @IsString()
  CORS_ORIGINS = '';

  /** Trust X-Forwarded-For from this many proxies in front (0: use the socket's address). */
  @Transform(toInt) @IsInt() @Min(0) @Max(10)
  TRUST_PROXY_HOPS = 0;

  /**
   * The first administrator of a real deployment, created at start when no administrator exists.
   * Use once, then remove from the environment (or use `node dist/apps/api/src/accounts/cli.js create-admin`).
   */
  @IsOptional() @Matches(/^[a-z0-9._-]{3,50}$/, { message: 'must be 3–50 lower-case letters, digits, ., _ or -' })
  INITIAL_ADMIN_USERNAME?: string = undefined;

  @IsOptional() @IsString() @MinLength(12, { message: 'must have at least 12 characters' })
  INITIAL_ADMIN_PASSWORD?: string = undefined;

  /**
   * Folder of the product's secret keys (the checkpoint signing key, the audit records' MAC keys). Kept outside
   * the database it vouches for, and backed up apart from it. Unset: `DATA_DIR/keys` on the embedded database;
   * with DATABASE_URL it must be given (see `keyDirectory`).
   */
  @IsOptional() @IsString()
  KEY_DIR?: string = undefined;

  /**
   * Signs the audit checkpoints (Ed25519 private key, PKCS#8 PEM or base64 DER). Unset: the key in the key folder
   * (`keyDirectory`), generated on first start; with DATABASE_URL and no KEY_DIR the application refuses to start.
   */
  @IsOptional() @IsEd25519Key('private')
  AUDIT_SIGNING_KEY?: string = undefined;

  /**
   * The audit records' authentication keys (`id:base64-secret`, comma-separated; the last is current), for a
   * server without KEY_DIR. Unset: the keyring file in the key directory (created on first start).
   */
  @IsOptional() @Matches(/^[A-Za-z0-9._-]+:[A-Za-z0-9+/]{43}=(\s*,\s*[A-Za-z0-9._-]+:[A-Za-z0-9+/]{43}=)*$/, { message: 'must be id:base64 of 32 bytes, comma-separated' })
  AUDIT_RECORD_KEYS?: string = undefined;

  /** Public keys of earlier signing keys (comma-separated), so that checkpoints they signed still verify. */
  @IsOptional() @IsEd25519Key('public-list')
  AUDIT_TRUSTED_PUBLIC_KEYS?: string = undefined;

  /** How often the background job signs a checkpoint over the audit records not yet covered; 0 turns it off. */
  @Transform(toInt) @IsInt() @Min(0) @Max(86_400_000)
  AUDIT_CHECKPOINT_INTERVAL_MS = 60_000;

  /**
   * A folder on another machine (a mounted share) where every checkpoint is also appended, one line of JSON each,
   * so that whoever owns the database cannot rewrite the checkpoint history with it. Unset: `DATA_DIR/witness` on
   * the embedded database (point it elsewhere), none with DATABASE_URL (verification says so).
   */
  @IsOptional() @IsString()
  AUDIT_WITNESS_DIR?: string = undefined;

  /**
   * How long after the checkpoint interval a record may stay uncovered before verification reports the checkpoints
   * as missing (CHECKPOINTS_MISSING). Unset: 5 minutes, and no such check while the job is off (interval 0).
   */
  @Transform(toInt) @IsOptional() @IsInt() @Min(0) @Max(30 * 86_400_000)
  AUDIT_CHECKPOINT_GRACE_MS?: number = undefined;

  /**
   * Folder the backups made from the administrator's screen and by the schedule are written to (one archive each,
   * `*.dth-backup.tar`). Put it on another disk or a mounted share. Unset: `DATA_DIR/backups` on the embedded
   * database; none with DATABASE_URL (the screen says so and makes none).
   */
  @IsOptional() @IsString()
  BACKUP_DIR?: string = undefined;

  /**
   * The passphrase scheduled backups encrypt the keys with (at least 12 characters). Unset: no scheduled backup
   * (the administrator's screen says so); a backup made from the screen asks for its own.
   */
  @IsOptional() @IsString() @MinLength(12, { message: 'must have at least 12 characters' })
  BACKUP_PASSPHRASE?: string = undefined;

  /**
   * An S3-compatible bucket the backups go to instead of BACKUP_DIR (AWS S3, MinIO, Ceph, a provider's object
   * storage). With it, BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY are required (never logged or shown).
   */
  @IsOptional() @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens' })
  BACKUP_S3_BUCKET?: string = undefined;

  /** The S3-compatible server's address (`https://minio.tinh.gov.vn:9000`); unset: AWS S3 of BACKUP_S3_REGION. */
  @IsOptional() @Matches(/^https?:\/\/[A-Za-z0-9.[\]:-]+(:\d{1,5})?\/?$/, { message: 'must be an http:// or https:// address without a path: https://minio.example.vn:9000' })
  BACKUP_S3_ENDPOINT?: string = undefined;

  /** The bucket's region (any value most S3-compatible servers accept: us-east-1). */
  @Matches(/^[a-z0-9-]{2,32}$/, { message: 'must be a region name such as us-east-1 or ap-southeast-1' })
  BACKUP_S3_REGION = 'us-east-1';

  /** The folder inside the bucket the archives go to (`dth/backups/`); empty: the bucket's top. */
  @Matches(/^([A-Za-z0-9._-]+\/)*$/, { message: 'must be a folder path of letters, digits, dots, hyphens and underscores ending with / (dth/backups/), or empty' })
  BACKUP_S3_PREFIX = '';

  @IsOptional() @Matches(/^[\x21-\x7e]{1,128}$/, { message: 'must be an access key id (up to 128 visible ASCII characters, no spaces)' })
  BACKUP_S3_ACCESS_KEY_ID?: string = undefined;

  @IsOptional() @Matches(/^[\x21-\x7e]{1,256}$/, { message: 'must be a secret access key (up to 256 visible ASCII characters, no spaces)' })
  BACKUP_S3_SECRET_ACCESS_KEY?: string = undefined;

  /** Path-style addresses (`endpoint/bucket/key`), which most S3-compatible servers need. Unset: on with BACKUP_S3_ENDPOINT. */
  @Transform(toBool) @IsOptional() @IsBoolean()
  BACKUP_S3_FORCE_PATH_STYLE?: boolean = undefined;

  /** Hours between scheduled backups (24: daily); 0 turns the schedule off. */
  @Transform(toInt) @IsInt() @Min(0) @Max(24 * 31)
  BACKUP_INTERVAL_HOURS = 24;

  /** Archives kept in BACKUP_DIR after each scheduled run: the newest of each of the last N days, ISO weeks, months. */
  @Matches(/^\d{1,3},\d{1,3},\d{1,3}$/, { message: 'must be three counts: daily,weekly,monthly (e.g. 7,4,12)' })
  BACKUP_RETENTION = '7,4,12';

  /** The province's time zone: "today" for deadlines and notice periods is the date there. */
  @IsString() @ValidateBy({ name: 'isTimeZone', validator: { validate: (v: unknown) => isTimeZone(v), defaultMessage: () => 'must be an IANA time zone such as Asia/Ho_Chi_Minh' } })
  TIME_ZONE = 'Asia/Ho_Chi_Minh';

  /**
   * Extra days off (comma-separated YYYY-MM-DD) for counting working days, added to the announced public holidays
   * (libs/domain/src/calendar.ts): the office adds each year's Tết and compensatory days as they are announced.
   */
  @IsString() @Matches(/^(\d{4}-\d{2}-\d{2}(,\s*\d{4}-\d{2}-\d{2})*)?$/, { message: 'must be dates YYYY-MM-DD separated by commas' })
  PUBLIC_HOLIDAYS = '';

  /**
   * What this instance is: `production` (the office's real system) or `rehearsal` (a copy where staff train and
   * releases are accepted). Only a rehearsal instance may run the rehearsal clock. Unset: `rehearsal` on the
   * embedded database (the demo of `npm start`), `production` with DATABASE_URL (a real deployment); see
   * `instanceKind`.
   */
  @IsOptional() @IsIn(['production', 'rehearsal'])
  INSTANCE_KIND?: 'production' | 'rehearsal' = undefined;

  /**
   * The rehearsal clock at start (docs/rehearsal-clock.md): `+35d` / `-3d` shifts the product's date by whole days,
   * `2027-01-15` fixes it to that date (the time of day runs). Unset: the setting an administrator last made stays
   * in force; `off` clears it. A production instance refuses to start with it.
   */
  @IsOptional() @ValidateBy({ name: 'isRehearsalClock', validator: { validate: (v: unknown) => typeof v === 'string' && (v === 'off' || parseRehearsalClock(v) !== null), defaultMessage: () => 'must be +Nd or -Nd (whole days, at most 3650), a date YYYY-MM-DD, or off' } })
  REHEARSAL_CLOCK?: string = undefined;

  /**
   * The mail server notifications go out through: `smtp://user:password@host:587` (STARTTLS when the server offers
   * it) or `smtps://…:465`. Unset: no mail leaves the application; every message stays in the outbox with the
   * status KEPT, readable by administrators in the app (the embedded demo shows them there).
   */
  @IsOptional() @Matches(/^smtps?:\/\/([^\s@/]+@)?[A-Za-z0-9.[\]:-]+(:\d{1,5})?\/?(\?\S*)?$/, { message: 'must be an smtp:// or smtps:// URL: smtp://user:password@host:587' })
  SMTP_URL?: string = undefined;

  /** The sender of notification mail (`Tên <address>` or an address). */
  @IsString() @Matches(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, { message: 'must be an e-mail address, or a name and <address>' })
  MAIL_FROM = 'Điển hình tiên tiến <khong-tra-loi@localhost>';

  /** The web address people open the application at: the links in mail point there. */
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http:// or https:// URL' })
  APP_URL = 'http://localhost:3000';

  /** Whether this process delivers queued mail (several instances may all deliver: each message goes out once). */
  @Transform(toBool) @IsBoolean()
  MAIL_DELIVERY = true;

  /** Attempts of one message after the first, with exponential backoff from MAIL_RETRY_DELAY_SECONDS. */
  @Transform(toInt) @IsInt() @Min(0) @Max(50)
  MAIL_RETRY_LIMIT = 6;

  @Transform(toInt) @IsInt() @Min(1) @Max(86_400)
  MAIL_RETRY_DELAY_SECONDS = 30;

  /** How long a sender may hold a message before another instance takes it over (a killed process). */
  @Transform(toInt) @IsInt() @Min(2) @Max(3600)
  MAIL_EXPIRE_SECONDS = 120;

  /** How often the queue looks for new messages and expired ones. */
  @Transform(toInt) @IsInt() @Min(1) @Max(300)
  MAIL_POLL_SECONDS = 2;

  /** When reminders are looked for (cron, TIME_ZONE): checklists and votes still open, check-ins overdue, yearly deadlines. */
  @IsString() @Matches(/^(\S+\s+){4}\S+$/, { message: 'must be a cron expression of five fields' })
  NOTIFICATION_REMINDER_CRON = '0 7 * * *';

  /** When the daily digest goes out (cron, TIME_ZONE). */
  @IsString() @Matches(/^(\S+\s+){4}\S+$/, { message: 'must be a cron expression of five fields' })
  NOTIFICATION_DIGEST_CRON = '30 7 * * *';

  /** Days before a yearly dossier deadline of the jurisdiction profile that unit heads and the secretariat are reminded. */
  @Transform(toInt) @IsInt() @Min(1) @Max(90)
  DEADLINE_REMINDER_DAYS = 14;

  /** Days before a review session's checklist or voting deadline that those who have not done the work are reminded. */
  @Transform(toInt) @IsInt() @Min(0) @Max(30)
  SESSION_REMINDER_DAYS = 2;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  get publicHolidays(): string[] {
    return this.PUBLIC_HOLIDAYS.split(',').map((d) => d.trim()).filter(Boolean);
  }

  get trustedNetworks(): BlockList {
    return parseCidrs(this.TRUSTED_NETWORKS);
  }

  get embedded(): boolean {
    return !this.DATABASE_URL;
  }

  /** INSTANCE_KIND, or by default: a rehearsal on the embedded database (the demo), production on a server. */
  get instanceKind(): 'production' | 'rehearsal' {
    return this.INSTANCE_KIND ?? (this.embedded ? 'rehearsal' : 'production');
  }

  /** Uncovered records older than this are a missing checkpoint; null: not checked (the job is off, no grace set). */
  get checkpointOverdueMs(): number | null {
    if (this.AUDIT_CHECKPOINT_INTERVAL_MS === 0 && this.AUDIT_CHECKPOINT_GRACE_MS === undefined) return null;
    return this.AUDIT_CHECKPOINT_INTERVAL_MS + (this.AUDIT_CHECKPOINT_GRACE_MS ?? 300_000);
  }

  /** Where backups go: BACKUP_DIR, else `DATA_DIR/backups` on the embedded database, else none. */
  get backupDirectory(): string | undefined {
    return this.BACKUP_DIR ?? (this.embedded ? join(this.DATA_DIR, 'backups') : undefined);
  }

  /** The bucket backups go to, or undefined when BACKUP_S3_BUCKET is unset. */
  get backupS3(): { endpoint: string | undefined; bucket: string; region: string; accessKeyId: string; secretAccessKey: string; prefix: string; forcePathStyle: boolean } | undefined {
    if (!this.BACKUP_S3_BUCKET) return undefined;
    return {
      endpoint: this.BACKUP_S3_ENDPOINT,
      bucket: this.BACKUP_S3_BUCKET,
      region: this.BACKUP_S3_REGION,
      accessKeyId: this.BACKUP_S3_ACCESS_KEY_ID!,
      secretAccessKey: this.BACKUP_S3_SECRET_ACCESS_KEY!,
      prefix: this.BACKUP_S3_PREFIX,
      forcePathStyle: this.BACKUP_S3_FORCE_PATH_STYLE ?? this.BACKUP_S3_ENDPOINT !== undefined,
    };
  }

  get backupRetention(): { daily: number; weekly: number; monthly: number } {
    const [daily, weekly, monthly] = this.BACKUP_RETENTION.split(',').map(Number) as [number, number, number];
    return { daily, weekly, monthly };
  }

  /** Where keys are kept: KEY_DIR, else `DATA_DIR/keys` on the embedded database, else none (server without KEY_DIR). */
  get keyDirectory(): string | undefined {
    return this.KEY_DIR ?? (this.embedded ? join(this.DATA_DIR, 'keys') : undefined);
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const KEYS = Object.keys(new AppConfig());

/** Reads and validates the configuration; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const key of KEYS) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length === 0 && config.instanceKind === 'production' && config.REHEARSAL_CLOCK !== undefined && config.REHEARSAL_CLOCK !== 'off') {
    throw new ConfigError([
      `REHEARSAL_CLOCK=${JSON.stringify(config.REHEARSAL_CLOCK)}: a production instance never runs the rehearsal clock (INSTANCE_KIND is production${config.INSTANCE_KIND ? '' : ' by default with DATABASE_URL'}); set INSTANCE_KIND=rehearsal on a copy, or remove REHEARSAL_CLOCK`,
    ]);
  }
  if (errors.length === 0 && (config.SIGNING_P12_FILE === undefined) !== (config.SIGNING_P12_PASSPHRASE === undefined)) {
    throw new ConfigError([
      'SIGNING_P12_FILE, SIGNING_P12_PASSPHRASE: phải đặt cả hai (tệp PKCS#12 của chứng thư số ký trên máy chủ và mật khẩu của nó) hoặc không đặt cái nào. / ' +
        'Set both (the server-side signing certificate\'s PKCS#12 file and its passphrase) or neither.',
    ]);
  }
  if (errors.length === 0 && config.BACKUP_S3_BUCKET && (!config.BACKUP_S3_ACCESS_KEY_ID || !config.BACKUP_S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError(['BACKUP_S3_BUCKET is set: BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY are required too']);
  }
  if (errors.length === 0 && !config.BACKUP_S3_BUCKET && (config.BACKUP_S3_ENDPOINT || config.BACKUP_S3_ACCESS_KEY_ID || config.BACKUP_S3_SECRET_ACCESS_KEY || config.BACKUP_S3_PREFIX)) {
    throw new ConfigError(['BACKUP_S3_ENDPOINT, BACKUP_S3_PREFIX and the S3 keys need BACKUP_S3_BUCKET (the bucket backups go to)']);
  }
  if (errors.length > 0) {
    throw new ConfigError(
      // Secrets are named, never echoed.
      errors.map((e) => `${e.property}=${/PASSWORD|PASSPHRASE|KEY|SECRET/.test(e.property) ? '(hidden)' : JSON.stringify(raw[e.property] ?? e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  return config;
}
