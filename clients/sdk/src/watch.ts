/**
 * @module watch
 * Live stats subscriptions (`watch` → `stats` pushes, schema/PROTOCOL.md "Live stats"). One subscription per topic
 * on the wire however many handlers the app adds; it is renewed after every reconnect, and dropped when the last
 * handler stops.
 */
import type { StatsDataMap, StatsPush, StatsTopic } from '../../../schema/protocol.ts';
import { ChatError } from './errors.ts';

export type StatsHandler<T extends StatsTopic> = (data: StatsDataMap[T], ts: number) => void;

export interface WatchHandle {
  /** Resolves once the engine accepted the subscription (the first sample was already delivered); rejects with a ChatError (e.g. FORBIDDEN). */
  readonly ready: Promise<void>;
  /** Removes this handler; the last one unsubscribes on the engine. */
  stop(): void;
}

export interface WatchHost {
  readonly connected: boolean;
  request(command: { type: 'watch'; topic: StatsTopic; on?: boolean }): Promise<unknown>;
  /** A renewal after a reconnect failed (nobody awaits it): surfaced as the client's `error` event. */
  onError(error: ChatError): void;
}

interface Topic {
  handlers: Set<StatsHandler<never>>;
  ready: Promise<void>;
  settle: { resolve(): void; reject(error: ChatError): void };
}

export class StatsWatches {
  readonly #topics = new Map<StatsTopic, Topic>();

  constructor(private readonly host: WatchHost) {}

  add<T extends StatsTopic>(topic: T, handler: StatsHandler<T>): WatchHandle {
    let entry = this.#topics.get(topic);
    if (!entry) {
      let settle!: Topic['settle'];
      const ready = new Promise<void>((resolve, reject) => { settle = { resolve, reject }; });
      ready.catch(() => {}); // apps may never look at `ready`
      entry = { handlers: new Set(), ready, settle };
      this.#topics.set(topic, entry);
      if (this.host.connected) this.#subscribe(topic, entry);
    }
    const own = entry;
    own.handlers.add(handler as StatsHandler<never>);
    return {
      ready: own.ready,
      stop: () => {
        if (!own.handlers.delete(handler as StatsHandler<never>) || own.handlers.size > 0) return;
        if (this.#topics.get(topic) === own) this.#topics.delete(topic);
        if (this.host.connected) this.host.request({ type: 'watch', topic, on: false }).catch(() => {});
      },
    };
  }

  /** Connected (again): subscribe every watched topic. */
  resume(): void {
    for (const [topic, entry] of this.#topics) this.#subscribe(topic, entry);
  }

  handlePush(push: StatsPush): void {
    const entry = this.#topics.get(push.topic);
    if (!entry) return;
    for (const handler of [...entry.handlers]) (handler as StatsHandler<StatsTopic>)(push.data, push.ts);
  }

  #subscribe(topic: StatsTopic, entry: Topic): void {
    this.host.request({ type: 'watch', topic }).then(
      () => entry.settle.resolve(),
      (err: unknown) => {
        const error = err instanceof ChatError ? err : new ChatError('INTERNAL', String(err));
        // A lost connection or a timeout is retried by the next `resume`; `ready` waits for that.
        if (error.temporary) return;
        // Refused for good (e.g. FORBIDDEN): forget the topic so a later `watch` asks again.
        if (this.#topics.get(topic) === entry) this.#topics.delete(topic);
        entry.settle.reject(error);
        this.host.onError(error);
      },
    );
  }
}
