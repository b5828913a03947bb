/**
 * @module runtime/bullmq-queue
 * The scale-out queue. The engine adds each hook run as a BullMQ job on Redis; any `npm run worker` process (this
 * machine or another) takes it, runs it on its plugin pool and publishes the job's events, in order, on a Redis
 * pub/sub channel owned by the submitting engine node. Cancel: the engine marks the job cancelled (a key, so a job
 * still waiting in the queue is skipped) and announces it on a channel every worker listens to.
 *
 * Jobs are not retried (attempts: 1): a turn half-streamed to people must not be replayed. A job that stays silent
 * for `silenceTimeoutMs` (worker died) ends with PLUGIN_CRASHED.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { PLUGIN_ERROR_CATALOG, PluginErrorCode } from '../host/errors.ts';
import type { HookRequest, JobEvent, TurnQueue } from './jobs.ts';

export const QUEUE_NAME = 'hooks';

/** Redis names of one deployment's queue; every engine and worker of it must use the same prefix. */
export function queueNames(prefix: string) {
  return {
    prefix,
    cancelChannel: `${prefix}:hooks:cancel`,
    cancelledKey: (jobId: string) => `${prefix}:hooks:cancelled:${jobId}`,
    eventChannel: (nodeId: string, jobId: string) => `${prefix}:hooks:events:${nodeId}:${jobId}`,
  };
}
export type QueueNames = ReturnType<typeof queueNames>;

/** What a queued job carries: the request and where to publish its events. */
export interface QueuedHook {
  request: HookRequest;
  channel: string;
}

interface Listener {
  push(event: JobEvent): void;
}

export class BullMqTurnQueue implements TurnQueue {
  readonly #listeners = new Map<string, Listener>();
  readonly #prefix: string;

  private constructor(
    private readonly queue: Queue<QueuedHook>,
    private readonly subscriber: Redis,
    private readonly publisher: Redis,
    private readonly names: QueueNames,
    private readonly log: Logger,
    private readonly silenceTimeoutMs: number,
    nodeId: string,
  ) {
    this.#prefix = names.eventChannel(nodeId, '');
    subscriber.on('pmessage', (_pattern: string, channel: string, raw: string) => {
      const listener = this.#listeners.get(channel.slice(this.#prefix.length));
      if (!listener) return;
      try {
        listener.push(JSON.parse(raw) as JobEvent);
      } catch (err) {
        log.warn({ err, channel }, 'undecodable hook event');
      }
    });
  }

  static async connect(redisUrl: string, log: Logger, options: { prefix: string; silenceTimeoutMs?: number }): Promise<BullMqTurnQueue> {
    const names = queueNames(options.prefix);
    const nodeId = randomUUID();
    const subscriber = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const publisher = new Redis(redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue<QueuedHook>(QUEUE_NAME, { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix: names.prefix });
    await subscriber.psubscribe(`${names.eventChannel(nodeId, '')}*`);
    return new BullMqTurnQueue(queue, subscriber, publisher, names, log.child({ component: 'bullmq-queue' }), options.silenceTimeoutMs ?? 90_000, nodeId);
  }

  async *submit(request: HookRequest, signal: AbortSignal): AsyncGenerator<JobEvent> {
    const jobId = randomUUID();
    const events: JobEvent[] = [];
    let wake: (() => void) | undefined;
    const push = (event: JobEvent) => {
      events.push(event);
      wake?.();
    };
    this.#listeners.set(jobId, { push });
    const onAbort = () => {
      void this.publisher.multi().set(this.names.cancelledKey(jobId), '1', 'EX', 600).publish(this.names.cancelChannel, jobId).exec()
        .catch((err: unknown) => this.log.warn({ err }, 'could not announce a cancel'));
      push(cancelled());
    };
    try {
      await this.queue.add('hook', { request, channel: this.#prefix + jobId }, { jobId, attempts: 1, removeOnComplete: true, removeOnFail: true });
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      while (true) {
        while (events.length > 0) {
          const event = events.shift()!;
          yield event;
          if (event.type === 'done' || event.type === 'error') return;
        }
        const heard = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), this.silenceTimeoutMs);
          wake = () => { clearTimeout(timer); resolve(true); };
        });
        wake = undefined;
        if (!heard) {
          yield { type: 'error', code: PluginErrorCode.CRASHED, message: PLUGIN_ERROR_CATALOG.PLUGIN_CRASHED.userMessage, detail: `no event from any worker for ${this.silenceTimeoutMs} ms` };
          return;
        }
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.#listeners.delete(jobId);
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }
}

function cancelled(): JobEvent {
  return { type: 'error', code: PluginErrorCode.CANCELLED, message: PLUGIN_ERROR_CATALOG.PLUGIN_CANCELLED.userMessage, detail: 'cancelled by the caller' };
}
