/**
 * @module watch/watch-hub
 * Who watches which stats topic, and the one timer that samples and pushes. The timer runs only while some socket
 * watches; each tick samples each watched topic once and sends the same `stats` push to all its watchers. Closed
 * sockets are dropped at the next tick (no hook in the socket close path needed).
 */
import type { ImpactStats, StatsPush, StatsTopic } from '../../../schema/index.ts';
import type { Logger } from '../log.ts';
import type { Connection } from '../socket/connection.ts';
import type { CounterSnapshot } from './counters.ts';
import { EngineStatsWindow, type EngineGauges } from './engine-stats.ts';

export interface WatchSources {
  /** Open WebSocket connections of this node. */
  connections(): number;
  messagesToday(): Promise<number>;
  botsAvailable(): Promise<number>;
  counters(): Promise<CounterSnapshot>;
  gauges(): Omit<EngineGauges, 'connections'>;
}

export interface WatchHubOptions {
  /** Push cadence. @default 1000 */
  intervalMs?: number;
}

export class WatchHub {
  readonly #watchers = new Map<StatsTopic, Set<Connection>>([['impact', new Set()], ['engine', new Set()]]);
  readonly #engineWindow = new EngineStatsWindow();
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;
  #closed = false;

  constructor(private readonly sources: WatchSources, private readonly log: Logger, options: WatchHubOptions = {}) {
    this.#intervalMs = options.intervalMs ?? 1000;
  }

  /** Adds the socket to the topic's watchers and returns the current sample (to push at once). */
  async subscribe(conn: Connection, topic: StatsTopic): Promise<StatsPush> {
    const push = await this.#sample(topic);
    if (!conn.closed && !this.#closed) {
      this.#watchers.get(topic)!.add(conn);
      this.#startTimer();
    }
    return push;
  }

  unsubscribe(conn: Connection, topic: StatsTopic): void {
    this.#watchers.get(topic)!.delete(conn);
  }

  /** Sockets watching `topic` now (tests, diagnostics). */
  watcherCount(topic: StatsTopic): number {
    return [...this.#watchers.get(topic)!].filter((c) => !c.closed).length;
  }

  close(): void {
    this.#closed = true;
    this.#stopTimer();
    for (const set of this.#watchers.values()) set.clear();
  }

  #startTimer(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.#tick(), this.#intervalMs);
    this.#timer.unref();
  }

  #stopTimer(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#engineWindow.reset();
  }

  async #tick(): Promise<void> {
    if (this.#ticking) return; // a slow sample (database) skips a beat rather than piling up
    this.#ticking = true;
    try {
      let watched = 0;
      for (const [topic, set] of this.#watchers) {
        for (const conn of set) if (conn.closed) set.delete(conn);
        if (set.size === 0) continue;
        watched += set.size;
        let push: StatsPush;
        try {
          push = await this.#sample(topic);
        } catch (err) {
          this.log.warn({ err, topic }, 'stats sample failed; skipping this push');
          continue;
        }
        for (const conn of set) conn.send(push);
      }
      if (watched === 0) this.#stopTimer();
    } finally {
      this.#ticking = false;
    }
  }

  async #sample(topic: StatsTopic): Promise<StatsPush> {
    const ts = Date.now();
    if (topic === 'impact') {
      const [messagesToday, botsAvailable] = await Promise.all([this.sources.messagesToday(), this.sources.botsAvailable()]);
      const data: ImpactStats = { connections: this.sources.connections(), messagesToday, botsAvailable };
      return { type: 'stats', topic, data, ts };
    }
    const counters = await this.sources.counters();
    const data = this.#engineWindow.sample(counters, { connections: this.sources.connections(), ...this.sources.gauges() });
    return { type: 'stats', topic, data, ts };
  }
}
