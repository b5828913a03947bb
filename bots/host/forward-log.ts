/**
 * @module host/forward-log
 * Child processes (plugin hosts, the inference service) log pino JSON lines on their own stdout; the parent
 * re-emits each on its logger at the child's level, dropping the fields the parent's logger sets itself.
 */
import type { Logger } from 'pino';

const PINO_LEVELS: Readonly<Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'>> = {
  10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal',
};

/** `drop`: record fields not to copy (besides level, msg, time, hostname); `rename` maps a field to a new name. */
export function forwardPinoLine(
  log: Logger,
  line: string,
  options: { drop?: readonly string[]; rename?: Readonly<Record<string, string>>; stream?: string } = {},
): void {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    log.info({ stream: options.stream ?? 'stdout' }, line.slice(0, 1_000));
    return;
  }
  const { level, msg, time: _time, hostname: _host, ...rest } = record;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (options.drop?.includes(key)) continue;
    fields[options.rename?.[key] ?? key] = value;
  }
  const method = PINO_LEVELS[typeof level === 'number' ? level : 30] ?? 'info';
  log[method](fields, typeof msg === 'string' ? msg : '');
}
