/** @module log — the engine's pino logger. Never log message bodies, tokens, passwords or keys. */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { svc: 'engine' },
    // Belt and braces: even if a secret-bearing object is logged by mistake, these paths are censored.
    redact: { paths: ['token', 'password', '*.token', '*.password', 'body', '*.body', 'authorization', '*.authorization'], censor: '[redacted]' },
  });
}
