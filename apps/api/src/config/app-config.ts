/**
 * The application's configuration, read once from the environment and validated at boot.
 * A bad value stops the process with a message naming the variable; nothing reads process.env elsewhere.
 */
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

export class AppConfig {
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

  /** Must stay false: the schema comes from migrations only. Present so that a mistaken `true` is refused loudly. */
  @Transform(toBool) @IsBoolean() @IsIn([false], { message: 'must be false: the schema comes from migrations only' })
  DB_SYNCHRONIZE = false;

  /** Seed the demo province on first start: `auto` seeds an empty embedded database only. */
  @IsIn(['auto', 'true', 'false'])
  SEED_DEMO: 'auto' | 'true' | 'false' = 'auto';

  @Transform(toInt) @IsInt() @Min(1) @Max(100 * 1024 * 1024)
  EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

  /** How often a candidate being nurtured should be checked on; later than this, its check-in is overdue. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3650)
  NURTURING_CHECK_IN_INTERVAL_DAYS = 90;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  get embedded(): boolean {
    return !this.DATABASE_URL;
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
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => `${e.property}=${JSON.stringify(raw[e.property] ?? e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  return config;
}
