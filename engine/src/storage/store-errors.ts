/**
 * @module storage/store-errors
 * Translates driver errors into the contract's errors: anything that means "the database cannot be reached right
 * now" becomes StoreUnavailableError (temporary, worth retrying), a duplicate e-mail becomes ConflictError.
 */
import { ConflictError, PartialAppendError, StoreUnavailableError } from './store.ts';

/** Socket errors (Node) and SQLSTATEs (PostgreSQL) that mean the server is unreachable, refusing or going away. */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  '57P01', // admin_shutdown: terminated by pg_terminate_backend or a fast shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up / shutting down
  '53300', // too_many_connections
  '08000', '08001', '08003', '08004', '08006', // connection exceptions
]);

const UNAVAILABLE_MESSAGES: readonly RegExp[] = [
  /Connection terminated/i,
  /Connection ended unexpectedly/i,
  /is not currently accepting connections/i,
  /Timeout acquiring a connection/i,
  /timeout expired/i,
  /Client has encountered a connection error/i,
  /Client was closed and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection/i,
];

function* causes(err: unknown): Generator<unknown> {
  const seen = new Set<unknown>();
  const stack = [err];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || current === undefined || seen.has(current)) continue;
    seen.add(current);
    yield current;
    if (typeof current === 'object') {
      const { cause, errors } = current as { cause?: unknown; errors?: unknown };
      stack.push(cause);
      if (Array.isArray(errors)) stack.push(...errors);
    }
  }
}

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    if (e instanceof StoreUnavailableError) return true;
    if (typeof e !== 'object' || e === null) continue;
    const { code, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    if (name === 'KnexTimeoutError') return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}

export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && e.constraint === constraint;
}

/** The error to throw from a Store method for `err`; unknown errors pass through unchanged. */
export function toStoreError(err: unknown): unknown {
  // A partial failure keeps its committed outcomes; its cause says whether the database went away.
  if (err instanceof StoreUnavailableError || err instanceof ConflictError || err instanceof PartialAppendError) return err;
  if (isDatabaseUnavailable(err)) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return new StoreUnavailableError(`database unavailable: ${reason}`, { cause: err });
  }
  if (isUniqueViolation(err, 'users_email_unique')) return new ConflictError('e-mail already registered', { cause: err });
  return err;
}

/** Runs `operation`, rethrowing its failure as the contract's error. */
export async function withStoreErrors<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    throw toStoreError(err);
  }
}
