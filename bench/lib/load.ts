/**
 * @module load
 * The publishing and measuring half of a load generator: runs one phase over already-joined connections.
 * - closed loop: each connection keeps `window` publishes in flight and sends the next when its own message comes
 *   back (the engine and both baselines deliver to the sender too), which saturates the server: the peak.
 * - open loop: a fixed schedule of `ratePerSec` publishes/s for this process, round-robin over its connections,
 *   independent of the replies, which is what latency at a given load needs.
 * Deliveries and publishes count only inside the window [start + warmup, start + warmup + measure).
 */
import { nowMs, nowUs, sleep } from './clock.ts';
import { createHistogram, encodeHistogram, recordLatencyUs, type Histogram } from './histogram.ts';
import type { GenPhase, GenResult } from './ipc.ts';
import { decodePayload, encodePayload } from './payload.ts';
import type { BenchConnection } from './protocols/types.ts';

export interface LoadConn {
  /** Unique across generators; carried in the payload so a connection recognises its own messages. */
  key: string;
  link: BenchConnection;
  open: boolean;
  inflight: number;
  lastProgressMs: number;
}

interface Active {
  spec: GenPhase;
  startUs: number;
  winStartUs: number;
  winEndUs: number;
  sending: boolean;
  hist: Histogram;
  published: number;
  delivered: number;
  sendErrors: number;
  closes: number;
  stalls: number;
  lagMaxMs: number;
}

/** A closed-loop slot whose message has not come back for this long is given up (and counted as a stall). */
const STALL_MS = 5000;
const TICK_MS = 2;

export class LoadDriver {
  private active: Active | undefined;

  constructor(
    private readonly conns: readonly LoadConn[],
    private readonly payloadSize: number,
  ) {}

  onDelivery(conn: LoadConn, text: string): void {
    const a = this.active;
    if (!a) return;
    const t = nowUs();
    const head = decodePayload(text);
    if (!head) return;
    if (t >= a.winStartUs && t < a.winEndUs) {
      a.delivered++;
      recordLatencyUs(a.hist, t - head.sendUs);
    }
    // Own message back: free its slot and refill. Messages from before this phase must not free slots of this one.
    if (a.spec.mode === 'closed' && head.key === conn.key && head.sendUs >= a.startUs) this.settle(conn, a);
  }

  onSendFailed(conn: LoadConn): void {
    const a = this.active;
    if (!a) return;
    a.sendErrors++;
    if (a.spec.mode === 'closed') this.settle(conn, a);
  }

  onClose(conn: LoadConn): void {
    conn.open = false;
    if (this.active) this.active.closes++;
  }

  async run(spec: GenPhase): Promise<GenResult> {
    const startUs = Math.round(spec.startAtMs * 1000);
    const winStartUs = startUs + spec.warmupMs * 1000;
    const a: Active = {
      spec,
      startUs,
      winStartUs,
      winEndUs: winStartUs + spec.measureMs * 1000,
      sending: false,
      hist: createHistogram(),
      published: 0,
      delivered: 0,
      sendErrors: 0,
      closes: 0,
      stalls: 0,
      lagMaxMs: 0,
    };
    await sleep(spec.startAtMs - nowMs());
    this.active = a;
    a.sending = true;
    const stopTimer = spec.mode === 'closed' ? this.startClosed(a) : this.startOpen(a);
    await sleep(a.winEndUs / 1000 - nowMs());
    a.sending = false;
    clearInterval(stopTimer);
    await sleep(spec.drainMs);
    this.active = undefined;
    return {
      t: 'result',
      phase: spec.phase,
      published: a.published,
      delivered: a.delivered,
      hist: encodeHistogram(a.hist),
      sendErrors: a.sendErrors,
      closes: a.closes,
      stalls: a.stalls,
      lagMaxMs: Math.round(a.lagMaxMs),
    };
  }

  private publish(conn: LoadConn, a: Active): void {
    const t = nowUs();
    conn.link.publish(encodePayload(t, conn.key, this.payloadSize));
    if (t >= a.winStartUs && t < a.winEndUs) a.published++;
  }

  private settle(conn: LoadConn, a: Active): void {
    conn.inflight = Math.max(0, conn.inflight - 1);
    conn.lastProgressMs = nowMs();
    if (a.sending && conn.open && conn.inflight < a.spec.window) {
      conn.inflight++;
      this.publish(conn, a);
    }
  }

  private startClosed(a: Active): NodeJS.Timeout {
    const fill = (conn: LoadConn): void => {
      while (conn.open && conn.inflight < a.spec.window) {
        conn.inflight++;
        this.publish(conn, a);
      }
    };
    const now = nowMs();
    for (const conn of this.conns) {
      conn.inflight = 0;
      conn.lastProgressMs = now;
      fill(conn);
    }
    // Watchdog: a lost message would otherwise take its connection out of the loop for good.
    return setInterval(() => {
      const t = nowMs();
      for (const conn of this.conns) {
        if (conn.inflight > 0 && t - conn.lastProgressMs > STALL_MS) {
          a.stalls += conn.inflight;
          conn.inflight = 0;
          conn.lastProgressMs = t;
          if (a.sending) fill(conn);
        }
      }
    }, 250);
  }

  private startOpen(a: Active): NodeJS.Timeout {
    const rate = a.spec.ratePerSec;
    const startMs = a.spec.startAtMs;
    // At most 50 ms of schedule per tick: keeps each tick bounded; a generator that cannot keep up shows as lag.
    const maxPerTick = Math.max(1, Math.ceil(rate * 0.05));
    let sent = 0;
    let rr = 0;
    const n = this.conns.length;
    return setInterval(() => {
      if (!a.sending) return;
      const due = Math.floor(((nowMs() - startMs) * rate) / 1000);
      const behind = due - sent;
      if (behind <= 0) return;
      a.lagMaxMs = Math.max(a.lagMaxMs, (behind / rate) * 1000);
      const batch = Math.min(behind, maxPerTick);
      for (let i = 0, tries = 0; i < batch && tries < n * 2; tries++) {
        const conn = this.conns[rr++ % n];
        if (!conn?.open) continue;
        this.publish(conn, a);
        i++;
      }
      sent += batch;
    }, TICK_MS);
  }
}
