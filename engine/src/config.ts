/**
 * @module config
 * Every engine setting, read from environment variables once at start. Each option documents its env var and
 * default; the README's configuration table mirrors this file. Secrets (JWT secret/keys, master keys) are read here
 * and never logged: `describeConfig` redacts them.
 */
import path from 'node:path';
import { loadSafetyConfig, type SafetyConfig } from './safety/config.ts';

export interface EngineConfig {
  /** PORT — HTTP/WebSocket port. @default 8080 */
  port: number;
  /** HOST — interface to bind. @default 127.0.0.1 */
  host: string;
  /** DATA_DIR — embedded PostgreSQL data, generated dev keys. @default ./data */
  dataDir: string;
  /** CLIENTS_DIR — built web clients (<dir>/<name>/dist), served by the engine. @default ./clients */
  clientsDir: string;
  /** DATABASE_URL — external PostgreSQL; unset → embedded PostgreSQL in DATA_DIR/pg. */
  databaseUrl: string | undefined;
  /** EMBEDDED_PG_PORT — port of the embedded PostgreSQL. @default 54329 */
  embeddedPgPort: number;
  /** DB_POOL_MAX — PostgreSQL connections. @default 10 */
  dbPoolMax: number;
  /** REDIS_URL — Redis for scale-out (broker, queues); unset → single-node in-process mode. */
  redisUrl: string | undefined;
  /** LOG_LEVEL — pino level. @default info */
  logLevel: string;

  /** JWT_SECRET — HS256 secret (≥ 32 bytes). Unset and no EdDSA keys → generated into DATA_DIR (dev only). */
  jwtSecret: string | undefined;
  /** JWT_PRIVATE_KEY / JWT_PUBLIC_KEY — PEM Ed25519 keys; when set, tokens are EdDSA instead of HS256. */
  jwtPrivateKey: string | undefined;
  jwtPublicKey: string | undefined;
  /** TOKEN_TTL_S — lifetime of issued tokens. @default 3600 */
  tokenTtlS: number;
  /** MASTER_KEY — base64 32-byte key wrapping conversation keys; unset → generated into DATA_DIR (dev, warns). */
  masterKey: string | undefined;
  /** MASTER_KEY_ID — id stored beside each wrapped key. @default k1 */
  masterKeyId: string;
  /** MASTER_KEYS_RETIRED — `id:base64,id:base64` older master keys still accepted for unwrapping during rotation. */
  masterKeysRetired: string | undefined;
  /** SCRYPT_COST — scrypt N for password hashing (power of two). @default 32768 */
  scryptCost: number;

  /** TLS_CERT_FILE / TLS_KEY_FILE — serve https:// and wss:// when both are set. */
  tlsCertFile: string | undefined;
  tlsKeyFile: string | undefined;

  /** AUTH_TIMEOUT_MS — time allowed between connect and `auth`. @default 10000 */
  authTimeoutMs: number;
  /** MAX_FRAME_BYTES — largest inbound frame; larger closes with 1009. @default 65536 */
  maxFrameBytes: number;
  /** MAX_TEXT_CHARS — longest `body.text`. @default 8000 */
  maxTextChars: number;
  /** RATE_PER_SEC / RATE_BURST — per-connection command token bucket. @default 20 / 40 */
  ratePerSec: number;
  rateBurst: number;
  /** AUTH_RATE_PER_SEC / AUTH_RATE_BURST — register/login/guest attempts per client address. @default 5 / 20 */
  authRatePerSec: number;
  authRateBurst: number;
  /** CONTACT_RATE_PER_HOUR / CONTACT_RATE_BURST — `POST /api/contact` requests per client address. @default 6 / 3 */
  contactRatePerHour: number;
  contactRateBurst: number;
  /** BAD_FRAME_LIMIT / BAD_FRAME_WINDOW_MS — bad frames tolerated before close 4002. @default 10 / 60000 */
  badFrameLimit: number;
  badFrameWindowMs: number;
  /** BACKPRESSURE_LIMIT_BYTES — buffered bytes after which a slow consumer is closed with 4501. @default 1048576 */
  backpressureLimitBytes: number;
  /** IDLE_TIMEOUT_S — close sockets silent this long (the server pings before). @default 120 */
  idleTimeoutS: number;
  /** RECOVERY_WINDOW — most messages replayed by `join … since` before answering `recovered: false`. @default 1000 */
  recoveryWindow: number;
  /** ROOM_CACHE_SIZE — recent messages kept in memory per active room. @default 200 */
  roomCacheSize: number;

  /** WRITE_BATCH_MAX — most messages per database write. @default 512 */
  writeBatchMax: number;
  /** WRITE_PIPELINE — write batches in flight at once (batches never share a room). @default 2 */
  writePipeline: number;
  /** WRITE_QUEUE_MAX — pending writes before `send` answers UNAVAILABLE. @default 20000 */
  writeQueueMax: number;
  /** WRITE_TIMEOUT_MS — a write not durable within this time answers UNAVAILABLE. @default 5000 */
  writeTimeoutMs: number;
  /** SHUTDOWN_GRACE_MS — longest wait for pending writes on shutdown. @default 10000 */
  shutdownGraceMs: number;
  /** CONFIRMATION_TTL_S — how long a bot's signed tool proposal can be confirmed (schema/PROTOCOL.md). @default 900 */
  confirmationTtlS: number;
  /** SAFETY_LAYER, SAFETY_DEFAULT_COUNTRY, SAFETY_HUMAN_CONTACT, SAFETY_CARD_LEVEL — see ./safety/config.ts. */
  safety: SafetyConfig;
}

/** A numeric setting: `fallback` when unset or empty, a clear startup error when not a number. */
export const num = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Error(`config: ${name} must be a number, got "${raw}"`);
  return n;
};
const str = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const raw = env[name];
  return raw === undefined || raw === '' ? undefined : raw;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  return {
    port: num(env, 'PORT', 8080),
    host: str(env, 'HOST') ?? '127.0.0.1',
    dataDir: path.resolve(str(env, 'DATA_DIR') ?? './data'),
    clientsDir: path.resolve(str(env, 'CLIENTS_DIR') ?? './clients'),
    databaseUrl: str(env, 'DATABASE_URL'),
    embeddedPgPort: num(env, 'EMBEDDED_PG_PORT', 54329),
    dbPoolMax: num(env, 'DB_POOL_MAX', 10),
    redisUrl: str(env, 'REDIS_URL'),
    logLevel: str(env, 'LOG_LEVEL') ?? 'info',
    jwtSecret: str(env, 'JWT_SECRET'),
    jwtPrivateKey: str(env, 'JWT_PRIVATE_KEY'),
    jwtPublicKey: str(env, 'JWT_PUBLIC_KEY'),
    tokenTtlS: num(env, 'TOKEN_TTL_S', 3600),
    masterKey: str(env, 'MASTER_KEY'),
    masterKeyId: str(env, 'MASTER_KEY_ID') ?? 'k1',
    masterKeysRetired: str(env, 'MASTER_KEYS_RETIRED'),
    scryptCost: num(env, 'SCRYPT_COST', 32768),
    tlsCertFile: str(env, 'TLS_CERT_FILE'),
    tlsKeyFile: str(env, 'TLS_KEY_FILE'),
    authTimeoutMs: num(env, 'AUTH_TIMEOUT_MS', 10_000),
    maxFrameBytes: num(env, 'MAX_FRAME_BYTES', 64 * 1024),
    maxTextChars: num(env, 'MAX_TEXT_CHARS', 8000),
    ratePerSec: num(env, 'RATE_PER_SEC', 20),
    rateBurst: num(env, 'RATE_BURST', 40),
    authRatePerSec: num(env, 'AUTH_RATE_PER_SEC', 5),
    authRateBurst: num(env, 'AUTH_RATE_BURST', 20),
    contactRatePerHour: num(env, 'CONTACT_RATE_PER_HOUR', 6),
    contactRateBurst: num(env, 'CONTACT_RATE_BURST', 3),
    badFrameLimit: num(env, 'BAD_FRAME_LIMIT', 10),
    badFrameWindowMs: num(env, 'BAD_FRAME_WINDOW_MS', 60_000),
    backpressureLimitBytes: num(env, 'BACKPRESSURE_LIMIT_BYTES', 1024 * 1024),
    idleTimeoutS: num(env, 'IDLE_TIMEOUT_S', 120),
    recoveryWindow: num(env, 'RECOVERY_WINDOW', 1000),
    roomCacheSize: num(env, 'ROOM_CACHE_SIZE', 200),
    writeBatchMax: num(env, 'WRITE_BATCH_MAX', 512),
    writePipeline: num(env, 'WRITE_PIPELINE', 2),
    writeQueueMax: num(env, 'WRITE_QUEUE_MAX', 20_000),
    writeTimeoutMs: num(env, 'WRITE_TIMEOUT_MS', 5000),
    shutdownGraceMs: num(env, 'SHUTDOWN_GRACE_MS', 10_000),
    confirmationTtlS: num(env, 'CONFIRMATION_TTL_S', 900),
    safety: loadSafetyConfig(env),
  };
}

const SECRET_KEYS: ReadonlySet<keyof EngineConfig> = new Set([
  'jwtSecret', 'jwtPrivateKey', 'masterKey', 'masterKeysRetired', 'databaseUrl', 'redisUrl',
]);

/** The config with secrets redacted, safe to log. URLs are redacted too: they may carry passwords. */
export function describeConfig(config: EngineConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    out[key] = SECRET_KEYS.has(key as keyof EngineConfig) && value !== undefined ? '[redacted]' : value;
  }
  return out;
}
