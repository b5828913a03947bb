/**
 * @module storage/room-changes
 * LISTEN for rooms another process changed (the admin CLI erasing a user while engines run), on a dedicated
 * connection that comes back after a database outage. Notifications sent inside a transaction arrive on commit.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import { ROOM_CHANGES_CHANNEL } from './erase-user.ts';

const RETRY_MS = 2000;

export async function watchRoomChanges(url: string, listener: (roomId: string) => void, log: Logger): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    next.on('notification', (n) => { if (n.channel === ROOM_CHANGES_CHANNEL && n.payload) listener(n.payload); });
    next.on('error', (err) => {
      log.warn({ err: { message: err.message } }, 'room change listener lost its connection; reconnecting');
      void next.end().catch(() => undefined);
      schedule();
    });
    await next.connect();
    await next.query(`LISTEN ${ROOM_CHANGES_CHANNEL}`);
    client = next;
  };
  const schedule = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch(() => schedule());
    }, RETRY_MS);
    retry.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
