/**
 * @module procs
 * Child processes of the orchestrator: forked TypeScript scripts (run through tsx's loader, in one process each so
 * that their pid is the one doing the work), waiting for IPC messages with timeouts, and stopping them all, so that
 * no run leaves orphans behind.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const children = new Set<ChildProcess>();

/** Forks `script` (relative to the repository root) with tsx as loader and an IPC channel. */
export function forkTs(script: string, env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = fork(path.join(REPO_ROOT, script), [], {
    cwd: REPO_ROOT,
    // `--import tsx` rather than the tsx CLI: the CLI would add a wrapper process between us and the worker.
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Resolves with the child's next message of type `t`. Rejects on a `fatal` message, on exit, or after `timeoutMs`.
 */
export function waitFor<T extends { t: string }>(
  child: ChildProcess,
  label: string,
  t: T['t'],
  timeoutMs: number,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (msg: unknown): void => {
      if (!isObject(msg)) return;
      if (msg.t === t) {
        done();
        resolve(msg as unknown as T);
      } else if (msg.t === 'fatal') {
        done();
        reject(new Error(`${label}: ${String(msg.message)}`));
      }
    };
    const onExit = (code: number | null, signal: string | null): void => {
      done();
      reject(new Error(`${label} exited (${signal ?? `code ${code}`}) while waiting for "${t}"`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${label}: no "${t}" within ${Math.round(timeoutMs / 1000)} s`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null;

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/** Asks the child to stop (IPC `stop`), then escalates to SIGTERM and SIGKILL. */
export async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (exited(child)) return;
  if (child.connected) child.send({ t: 'stop' });
  else child.kill('SIGTERM');
  if (await waitExit(child, graceMs)) return;
  child.kill('SIGTERM');
  if (await waitExit(child, 2000)) return;
  child.kill('SIGKILL');
  await waitExit(child, 2000);
}

export const stopAll = async (graceMs: number): Promise<void> => {
  await Promise.all([...children].map((c) => stopChild(c, graceMs)));
};

/** Last resort from a synchronous `exit` handler: SIGTERM lets the engine supervisor still drop its database. */
export function killAllSync(): void {
  for (const child of children) if (!exited(child)) child.kill('SIGTERM');
}

/** Sends a message; false if the channel is already gone. */
export function sendTo(child: ChildProcess, msg: unknown): boolean {
  if (!child.connected) return false;
  child.send(msg as object);
  return true;
}
