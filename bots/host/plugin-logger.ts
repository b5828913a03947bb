/**
 * @module host/plugin-logger
 * The logger a plugin gets as `ctx.log`. Secret config values never leave the plugin's process in clear: keys listed
 * in the manifest's `secrets` are censored by path, and every secret value is also replaced wherever it appears in a
 * written line (a secret interpolated into a message or an error's text). Lines go to `write` (over IPC to the
 * engine's logger in production; into an array in the test kit).
 */
import pino, { type Logger } from 'pino';
import { REDACTED } from '../sdk/index.ts';

/** Secret values seen by this process; scrubs them from any text. */
export class SecretScrubber {
  readonly #values = new Set<string>();

  add(values: Iterable<string>): void {
    for (const value of values) {
      this.#values.add(value);
      // Inside a JSON line the value appears escaped (quotes, backslashes, control characters).
      this.#values.add(JSON.stringify(value).slice(1, -1));
    }
  }

  scrub(text: string): string {
    let clean = text;
    for (const value of this.#values) if (clean.includes(value)) clean = clean.split(value).join(REDACTED);
    return clean;
  }
}

export interface PluginLoggerOptions {
  readonly plugin: string;
  readonly level: string;
  readonly scrubber: SecretScrubber;
  readonly write: (line: string) => void;
}

/** One pino root per process; hooks get `child`ren of it with their bindings and secret paths. */
export function createPluginRootLogger(options: PluginLoggerOptions): Logger {
  const destination = { write: (line: string) => options.write(options.scrubber.scrub(line)) };
  return pino({ level: options.level, base: { plugin: options.plugin }, timestamp: false }, destination);
}

/** A child logger that also censors the plugin's secret keys wherever they appear as object fields. */
export function hookLogger(root: Logger, bindings: Record<string, unknown>, secretKeys: readonly string[]): Logger {
  if (secretKeys.length === 0) return root.child(bindings);
  const paths = secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);
  return root.child(bindings, { redact: { paths, censor: REDACTED } });
}
