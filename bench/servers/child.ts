/**
 * @module servers/child
 * What every bench server process shares: telling the orchestrator its port, and exiting cleanly (after `cleanup`)
 * when asked to stop, when the orchestrator goes away (IPC disconnect) or on SIGTERM/SIGINT, so none outlives a run.
 */
import type { FromServer } from '../lib/ipc.ts';

export function send(msg: FromServer): void {
  if (process.send && process.connected) process.send(msg);
}

export function reportListening(port: number, pid = process.pid): void {
  send({ t: 'listening', port, pid });
}

/**
 * Reports a fatal error to the orchestrator and exits once the message has left (an immediate exit could lose it).
 * The returned promise never settles: `await fatal(...)` stops the caller.
 */
export function fatal(message: string): Promise<never> {
  const exit = (): void => process.exit(1);
  if (process.send && process.connected) {
    // The orchestrator prints the message; print it here only when there is no orchestrator to tell.
    process.send({ t: 'fatal', message } satisfies FromServer, exit);
    setTimeout(exit, 2000).unref();
  } else {
    console.error(`[bench server] ${message}`);
    exit();
  }
  return new Promise<never>(() => undefined);
}

export function exitOnStop(cleanup: () => Promise<void> | void = () => undefined): void {
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    // Bounded: a cleanup that hangs must not keep the process alive.
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    Promise.resolve()
      .then(cleanup)
      .catch((err: unknown) => console.error('[bench server] cleanup failed:', err))
      .finally(() => process.exit(0));
  };
  process.on('message', (msg: unknown) => {
    if (typeof msg === 'object' && msg !== null && (msg as { t?: unknown }).t === 'stop') stop();
  });
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
