/**
 * @module ipc
 * Messages between the orchestrator (bench/run.ts) and its children over the `child_process.fork` IPC channel.
 * Everything is plain JSON; histograms travel as compressed base64.
 */
import type { PhaseName, ServerName } from './options.ts';

/** One connection a generator must open: the room it joins and, for the engine, the token it authenticates with. */
export interface ConnSpec {
  room: string;
  token?: string;
}

export interface GenInit {
  t: 'init';
  server: ServerName;
  baseUrl: string;
  genIndex: number;
  conns: ConnSpec[];
  payload: number;
}

export interface GenPhase {
  t: 'phase';
  phase: PhaseName;
  /** closed: each connection keeps `window` publishes in flight; open: `ratePerSec` publishes/s for this process. */
  mode: 'closed' | 'open';
  window: number;
  ratePerSec: number;
  /** Wall-clock ms (clock.ts) at which publishing starts; the window opens `warmupMs` later. */
  startAtMs: number;
  warmupMs: number;
  measureMs: number;
  /** Time after the window for in-flight messages to arrive before the result is sent (they are not counted). */
  drainMs: number;
}

export interface GenStop {
  t: 'stop';
}

export type ToGenerator = GenInit | GenPhase | GenStop;

export interface GenReady {
  t: 'ready';
  connected: number;
  connectMs: number;
}

export interface GenResult {
  t: 'result';
  phase: PhaseName;
  /** Publishes sent inside the window. */
  published: number;
  /** Deliveries received inside the window (every member of the room, sender included). */
  delivered: number;
  /** Latency histogram (µs) of the deliveries inside the window. */
  hist: string;
  /** Publishes the server refused (engine error replies). */
  sendErrors: number;
  /** Connections closed by the server during the phase (e.g. slow-consumer 4501). */
  closes: number;
  /** Closed loop: in-flight slots reset after 5 s without their message coming back (lost messages). */
  stalls: number;
  /** Open loop: the most the publisher fell behind its schedule, ms (a busy generator shows here, not as latency). */
  lagMaxMs: number;
}

export interface Fatal {
  t: 'fatal';
  message: string;
}

export type FromGenerator = GenReady | GenResult | Fatal;

/** A server child reports its port (and the pid whose CPU time counts as the server's). */
export interface ServerListening {
  t: 'listening';
  port: number;
  pid: number;
}

export type FromServer = ServerListening | Fatal;
