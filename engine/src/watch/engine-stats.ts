/**
 * @module watch/engine-stats
 * The admin `engine` topic: rates between consecutive counter snapshots, bot outcomes over a sliding window.
 * Holds only the snapshots of the last `windowMs`, taken while someone watches.
 */
import type { EngineStats } from '../../../schema/index.ts';
import type { CounterSnapshot } from './counters.ts';

export interface EngineGauges {
  connections: number;
  pendingWrites: number;
  lagMs: number;
  uptimeS: number;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

export class EngineStatsWindow {
  #snapshots: CounterSnapshot[] = [];

  constructor(private readonly windowMs = 60_000) {}

  /** Adds a snapshot and returns the figures since the previous one (the first sample's rates are 0). */
  sample(now: CounterSnapshot, gauges: EngineGauges): EngineStats {
    const previous = this.#snapshots.at(-1) ?? now;
    this.#snapshots.push(now);
    while (this.#snapshots.length > 1 && now.at - this.#snapshots[0]!.at > this.windowMs) this.#snapshots.shift();
    const oldest = this.#snapshots[0]!;
    const seconds = Math.max((now.at - previous.at) / 1000, 0.001);
    const perSec = (field: keyof CounterSnapshot) => (now === previous ? 0 : round((now[field] - previous[field]) / seconds));
    const batches = now.batches - previous.batches;
    const turns = now.botTurns - oldest.botTurns;
    const errors = now.botErrors - oldest.botErrors;
    return {
      connections: gauges.connections,
      messagesPerSec: perSec('messagesStored'),
      commandsPerSec: perSec('commands'),
      persistence: {
        pending: gauges.pendingWrites,
        lagMs: Math.round(gauges.lagMs),
        batchMs: batches > 0 ? round(((now.batchSeconds - previous.batchSeconds) / batches) * 1000, 3) : null,
        batches,
      },
      bots: {
        inFlight: now.botsInFlight,
        // Neither runtime queue (in-process, BullMQ) exposes its waiting turns yet: say so instead of guessing.
        queued: null,
        turns,
        errors,
        errorRate: turns > 0 ? round(errors / turns, 4) : 0,
      },
      errorsPerSec: perSec('errors'),
      uptimeS: Math.round(gauges.uptimeS),
    };
  }

  reset(): void {
    this.#snapshots = [];
  }
}
