/**
 * @module live
 * The live engine view's data: one SDK client for this view, subscribed to the admin-only `engine` stats topic
 * (schema/PROTOCOL.md "Live stats"; one sample per second), keeping the last minute of samples as a signal.
 * The subscription is renewed by the SDK after every reconnect.
 */
import { createSignal, type Accessor } from 'solid-js';
import type { EngineStats } from '../../../schema/protocol.ts';
import { createClient } from '../../sdk/src/index.ts';
import type { Session } from '../../hub/src/session.ts';

/** Samples kept: one minute at one per second. */
export const WINDOW = 60;

export type LiveState = 'connecting' | 'live' | 'offline' | 'forbidden';

export interface Sample {
  ts: number;
  data: EngineStats;
}

export interface LiveFeed {
  samples: Accessor<Sample[]>;
  state: Accessor<LiveState>;
  stop(): void;
}

export function watchEngine(session: Session): LiveFeed {
  const [samples, setSamples] = createSignal<Sample[]>([]);
  const [state, setState] = createSignal<LiveState>('connecting');
  const client = createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
    codec: 'msgpack',
    token: session.token,
  });
  client.on('state', ({ to }) => {
    if (state() === 'forbidden') return;
    if (to === 'connecting') setState('connecting');
    else if (to === 'reconnecting' || to === 'closed') setState('offline');
  });
  const handle = client.watch('engine', (data, ts) => {
    setState('live');
    setSamples((list) => [...list.slice(-(WINDOW - 1)), { ts, data }]);
  });
  handle.ready.catch((err: { code?: string }) => {
    if (err?.code === 'FORBIDDEN' || err?.code === 'UNAUTHORIZED') setState('forbidden');
  });
  client.connect().catch(() => setState('offline'));
  return {
    samples,
    state,
    stop() {
      handle.stop();
      client.close();
    },
  };
}
