import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateBy, validateSync } from 'class-validator';
import { isIP } from 'node:net';
import { resolve } from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'info', 'debug', 'verbose'] as const;
export type LogLevelSetting = (typeof LOG_LEVELS)[number];

/**
 * Every environment variable the service reads, declared once. `validateEnvironment` runs at
 * start-up and stops the process with a list of what is wrong. Secrets are marked so they are
 * never printed.
 */
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  /**
   * The least severe level written: `log` (the default, also `info`) is what a person running
   * the service needs; `debug`/`verbose` add the start-up's module and route lines and each
   * component's detail; `warn`, `error`, `fatal` write less. Nest's names, as containers set them.
   */
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelSetting = 'log';

  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** `mysql://user:pass@host:3306/db`; unset → embedded SQLite file under DATA_DIR. */
  @IsOptional()
  @Matches(/^mysql:\/\/[^/]+\/[A-Za-z0-9_$-]+(\?.*)?$/, {
    message: 'DATABASE_URL must look like mysql://user:password@host:3306/database',
  })
  DATABASE_URL?: string;

  /**
   * Read replicas of DATABASE_URL, comma-separated `mysql://…` URLs: figures (the stats API, the
   * widget, reports) are read from them; every write and everything read to decide a write goes
   * to DATABASE_URL.
   */
  @IsOptional()
  @Matches(/^mysql:\/\/[^/,]+\/[A-Za-z0-9_$-]+(\?[^,]*)?(,\s*mysql:\/\/[^/,]+\/[A-Za-z0-9_$-]+(\?[^,]*)?)*$/, {
    message: 'DATABASE_READ_URL must be one or more mysql://user:password@host:3306/database, separated by commas',
  })
  DATABASE_READ_URL?: string;

  /** Folder for the embedded database and the e-mail outbox. */
  @IsString()
  DATA_DIR = './data';

  /** Base address the widget, embed.js and e-mails link to, e.g. https://tthc.example.gov.vn */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  PUBLIC_BASE_URL?: string;

  /** Secret. An admin API key guaranteed to exist at start-up (at least 24 characters). */
  @IsOptional()
  @IsString()
  @MinLength(24, { message: 'BOOTSTRAP_ADMIN_KEY must be at least 24 characters' })
  BOOTSTRAP_ADMIN_KEY?: string;

  /** `auto` seeds the demo units into an empty embedded database only. */
  @IsIn(['auto', 'never'])
  DEMO_DATA: 'auto' | 'never' = 'auto';

  /** Secret (may hold a password). smtp(s)://user:pass@host:port; unset → .eml files in DATA_DIR/outbox. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must look like smtp://user:password@host:587 or smtps://…:465' })
  SMTP_URL?: string;

  /** The From of report e-mails. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Báo cáo TTHC <bao-cao@tthc-monitor.local>';

  /** Seconds between report scheduler ticks; 0 turns the scheduler off (tests call the tick). */
  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(3600)
  REPORTS_TICK_SECONDS = 60;

  /** This instance's name in claims and locks; default host name and process id. */
  @IsOptional()
  @IsString()
  INSTANCE_ID?: string;

  /**
   * The proxies in front of the service whose X-Forwarded-For / -Proto are believed, so that the
   * sign-in throttle, the public rate limit and the audit log see the client's address. Unset or
   * `none`: no one (the address is the connection's). A hop count (`1`: one proxy in front), or
   * a comma list of addresses, CIDR ranges (IPv4 /8 or narrower, IPv6 /16 or narrower) and
   * `loopback`, `linklocal`, `uniquelocal`.
   */
  @IsOptional()
  @ValidateBy({
    name: 'trustProxy',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && trustProxyProblem(value) === null,
      defaultMessage: (args) => `TRUST_PROXY ${trustProxyProblem(String(args?.value)) ?? 'is not valid'}`,
    },
  })
  TRUST_PROXY?: string;

  /** Requests a minute one network address may make to the public stats and widget; 0: no limit. */
  @Transform(({ value }) => (value === undefined || value === '' ? 1200 : Number(value)))
  @IsInt()
  @Min(0)
  PUBLIC_RATE_LIMIT = 1200;

  /** Seconds a public widget answer may be cached by browsers and proxies. */
  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(3600)
  WIDGET_MAX_AGE = 60;

  /**
   * Milliseconds an instance trusts the data version of a widget's scope before asking the
   * database again: a hot widget request costs no query, and another instance's write shows
   * within this window. 0 asks on every request.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 1000 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(60_000)
  WIDGET_REVALIDATE_MS = 1000;

  /**
   * Megabytes of rendered widget answers an instance keeps (and as much again of their last good
   * copies, served while the database is away): a host serving every commune's portal needs
   * thousands of them. Within the 192 MB heap `npm start` gives.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 24 : Number(value)))
  @IsInt()
  @Min(1)
  @Max(4096)
  WIDGET_CACHE_MB = 24;

  /**
   * Seconds an import waits for a database that went away (stopped, restarting) before it
   * stops as failed; it goes on by itself when the database is back within that time.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 300 : Number(value)))
  @IsInt()
  @Min(0)
  @Max(86_400)
  IMPORT_DB_WAIT_SECONDS = 300;
}

export const SECRET_VARIABLES: readonly (keyof EnvironmentVariables)[] = ['BOOTSTRAP_ADMIN_KEY', 'DATABASE_URL', 'DATABASE_READ_URL', 'SMTP_URL'];

export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const known = Object.fromEntries(
    Object.keys(new EnvironmentVariables()).concat('DATABASE_URL', 'DATABASE_READ_URL', 'PUBLIC_BASE_URL', 'BOOTSTRAP_ADMIN_KEY', 'SMTP_URL', 'INSTANCE_ID', 'TRUST_PROXY')
      .filter((key) => raw[key] !== undefined && raw[key] !== '')
      .map((key) => [key, raw[key]]),
  );
  const config = plainToInstance(EnvironmentVariables, known);
  const errors = validateSync(config, { whitelist: true });
  if (errors.length > 0) {
    const lines = errors.flatMap((error) => Object.values(error.constraints ?? {}));
    throw new Error(`Invalid configuration:\n  - ${lines.join('\n  - ')}`);
  }
  return config;
}

export interface DatabaseSettings {
  kind: 'mysql' | 'sqlite';
  url?: string;
  /** Read replicas (MySQL only). */
  readUrls?: string[];
  sqlitePath?: string;
}

export function databaseSettings(config: EnvironmentVariables): DatabaseSettings {
  if (config.DATABASE_URL) {
    const readUrls = (config.DATABASE_READ_URL ?? '').split(',').map((url) => url.trim()).filter(Boolean);
    return { kind: 'mysql', url: config.DATABASE_URL, ...(readUrls.length > 0 ? { readUrls } : {}) };
  }
  return { kind: 'sqlite', sqlitePath: resolve(config.DATA_DIR, 'tthc-monitor.sqlite') };
}

// ---------------------------------------------------------------------------------------------
// TRUST_PROXY

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
const MAX_HOPS = 10;
/**
 * The widest range a proxy may be trusted in: a few ranges wider than these cover every address
 * (0.0.0.0/1 and 128.0.0.0/1 are all of IPv4), and then any client names its own address.
 * ::ffff:0:0/96 holds every IPv4 client as an IPv4-mapped address, so an IPv6 range over it
 * is held to the IPv4 bound.
 */
const MIN_PREFIX = { ipv4: 8, ipv6: 16, ipv4Mapped: 96 + 8 } as const;

/**
 * Why a TRUST_PROXY value is refused, or null when Express may be given it. `true`, ranges of
 * every address (…/0) and ranges wider than MIN_PREFIX are refused: with them any client could
 * name its own address.
 */
export function trustProxyProblem(value: string): string | null {
  const text = value.trim();
  if (text === '' || text.toLowerCase() === 'none') return null;
  if (/^[0-9]+$/.test(text)) return Number(text) <= MAX_HOPS ? null : `must be a hop count 0–${MAX_HOPS}, not ${text}`;
  const items = text.split(',').map((item) => item.trim());
  const quoted = (list: string[]) => list.map((item) => JSON.stringify(item.slice(0, 60))).join(', ');
  const wrong = items.filter((item) => !isProxyAddress(item));
  if (wrong.length > 0) {
    return `must be none, a hop count (1), or a comma list of IP addresses, CIDR ranges (10.0.0.0/8) and ${PROXY_NAMES.join(', ')}; not ${quoted(wrong)}`;
  }
  const wide = items.filter(isTooWide);
  if (wide.length > 0) {
    return (
      `must name the proxies, not whole networks: IPv4 ranges /${MIN_PREFIX.ipv4} or narrower, IPv6 ranges /${MIN_PREFIX.ipv6} or narrower ` +
      `(over IPv4-mapped ::ffff:0:0/96, /${MIN_PREFIX.ipv4Mapped} or narrower); not ${quoted(wide)}`
    );
  }
  return null;
}

function isProxyAddress(item: string): boolean {
  if (PROXY_NAMES.includes(item)) return true;
  const [address, prefix, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^[0-9]{1,3}$/.test(prefix)) return false;
  const bits = Number(prefix);
  return bits <= (family === 4 ? 32 : 128);
}

/** A well-formed range (isProxyAddress) wider than MIN_PREFIX allows. */
function isTooWide(item: string): boolean {
  const [address, prefix] = item.split('/');
  if (prefix === undefined) return false;
  const bits = Number(prefix);
  if (isIP(address) === 4) return bits < MIN_PREFIX.ipv4;
  if (bits < MIN_PREFIX.ipv6) return true;
  const start = ipv6Value(address);
  const mapped = 0xffffn << 32n;
  // Overlapping CIDR ranges nest: the range holds the mapped block, or lies inside it.
  const shift = BigInt(128 - Math.min(bits, 96));
  const overlapsMapped = start >> shift === mapped >> shift;
  return overlapsMapped && bits < MIN_PREFIX.ipv4Mapped;
}

/** An IPv6 address (already checked by isIP) as its 128-bit value; a zone (%eth0) is ignored. */
function ipv6Value(address: string): bigint {
  let text = address.split('%')[0];
  const dotted = /([0-9]+)\.([0-9]+)\.([0-9]+)\.([0-9]+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const all = tail === undefined ? groups(head) : [...groups(head), ...Array<string>(8 - groups(head).length - groups(tail).length).fill('0'), ...groups(tail)];
  return all.reduce((value, group) => (value << 16n) | BigInt(parseInt(group, 16)), 0n);
}

/** The value for Express's `trust proxy`: false (no one), a hop count, or the list of addresses. */
export function trustProxySetting(value: string | undefined): false | number | string[] {
  const text = (value ?? '').trim();
  if (text === '' || text.toLowerCase() === 'none') return false;
  if (/^[0-9]+$/.test(text)) return Number(text) === 0 ? false : Number(text);
  return text.split(',').map((item) => item.trim());
}
