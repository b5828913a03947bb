/**
 * @module llm/sdk-logger
 * Both SDKs log through `console` unless given a logger. We hand them this adapter so their warnings reach our pino
 * logger (or nowhere). Only the SDK's message string is forwarded: its extra arguments can hold request details.
 */
import type { Logger } from 'pino';

type LogFn = (message: string, ...rest: unknown[]) => void;

export interface SdkLogger {
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
}

const ignore: LogFn = () => {};

export function sdkLoggerFor(logger: Logger | undefined, provider: string): SdkLogger {
  if (logger === undefined) return { error: ignore, warn: ignore, info: ignore, debug: ignore };
  return {
    error: (message) => logger.error({ provider }, message),
    warn: (message) => logger.warn({ provider }, message),
    info: ignore,
    debug: ignore,
  };
}
