/**
 * @module watch
 * Live stats over the socket (`watch` / `stats`, schema/PROTOCOL.md "Live stats"): wires the hub to the engine's
 * real sources — open sockets, the message writer, the Prometheus counters, the database.
 */
import type { Registry } from 'prom-client';
import type { Logger } from '../log.ts';
import type { EngineMetrics } from '../metrics.ts';
import type { MessageWriter } from '../storage/message-writer.ts';
import type { Store } from '../storage/store.ts';
import { readCounters } from './counters.ts';
import { MessagesToday } from './messages-today.ts';
import { WatchHub } from './watch-hub.ts';

export { handleWatch } from './handler.ts';
export { WatchHub } from './watch-hub.ts';

/** The bot catalogue changes only at start (plugin discovery) or by an admin: re-read at most this often. */
const BOTS_TTL_MS = 10_000;

export interface WatchDeps {
  store: Store;
  metrics: EngineMetrics;
  registry: Registry;
  writer: () => MessageWriter;
  connections: () => number;
  log: Logger;
  intervalMs?: number;
  /** How often "messages today" is recounted in the database. @default 30000 */
  resyncMs?: number;
}

export interface Watch {
  hub: WatchHub;
  /** Tell it about messages this node stored (the writer's commit callback), so "messages today" moves at once. */
  messagesStored(count: number): void;
}

export function createWatch(deps: WatchDeps): Watch {
  const { store, metrics, registry, log } = deps;
  const startedAt = Date.now();
  let storedTotal = 0;
  // Prometheus counters are async to read; the writer's commits are counted synchronously here instead.
  const messagesToday = new MessagesToday({
    count: (since) => store.countMessagesSince(since),
    storedTotal: () => storedTotal,
    resyncMs: deps.resyncMs,
  });
  let bots: { at: number; count: number } | undefined;
  const hub = new WatchHub({
    connections: deps.connections,
    messagesToday: () => messagesToday.value(),
    async botsAvailable() {
      if (!bots || Date.now() - bots.at > BOTS_TTL_MS) bots = { at: Date.now(), count: (await store.listBots()).filter((b) => b.enabled).length };
      return bots.count;
    },
    counters: () => readCounters(metrics, registry),
    gauges: () => ({ pendingWrites: deps.writer().pending, lagMs: deps.writer().lagMs, uptimeS: (Date.now() - startedAt) / 1000 }),
  }, log.child({ component: 'watch' }), { intervalMs: deps.intervalMs });
  return { hub, messagesStored: (count) => { storedTotal += count; } };
}
