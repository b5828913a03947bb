/**
 * @module runtime/bullmq-worker
 * The consumer side of the BullMQ queue (`npm run worker`): takes hook jobs, runs them on this process's plugin pool
 * and publishes each event on the job's channel. Cancels reach it on a shared channel; a job cancelled while it was
 * still waiting in the queue is skipped when taken.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { PLUGIN_ERROR_CATALOG, PluginErrorCode } from '../host/errors.ts';
import type { PluginPool } from '../host/pool.ts';
import { QUEUE_NAME, queueNames, type QueuedHook } from './bullmq-queue.ts';
import type { JobEvent } from './jobs.ts';
import { runHookOnPool } from './run-hook.ts';

export interface TurnWorker {
  close(): Promise<void>;
}

export async function startTurnWorker(options: {
  redisUrl: string; prefix: string; pool: PluginPool; log: Logger; concurrency?: number;
}): Promise<TurnWorker> {
  const { redisUrl, pool } = options;
  const names = queueNames(options.prefix);
  const log = options.log.child({ component: 'turn-worker' });
  const running = new Map<string, AbortController>();
  const publisher = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const cancels = new Redis(redisUrl, { maxRetriesPerRequest: null });
  cancels.on('message', (_channel: string, jobId: string) => running.get(jobId)?.abort());
  await cancels.subscribe(names.cancelChannel);

  const worker = new Worker<QueuedHook>(
    QUEUE_NAME,
    async (job) => {
      const jobId = job.id!;
      const { request, channel } = job.data;
      const publish = (event: JobEvent) => publisher.publish(channel, JSON.stringify(event));
      const controller = new AbortController();
      running.set(jobId, controller);
      try {
        if (await publisher.exists(names.cancelledKey(jobId))) {
          await publish({ type: 'error', code: PluginErrorCode.CANCELLED, message: PLUGIN_ERROR_CATALOG.PLUGIN_CANCELLED.userMessage, detail: 'cancelled while queued' });
          return;
        }
        for await (const event of runHookOnPool(pool, request, controller.signal)) await publish(event);
      } finally {
        running.delete(jobId);
      }
    },
    { connection: new Redis(redisUrl, { maxRetriesPerRequest: null }), prefix: names.prefix, concurrency: options.concurrency ?? 64 },
  );
  worker.on('failed', (job, err) => log.error({ err, job: job?.id }, 'hook job failed in the worker'));
  await worker.waitUntilReady();
  log.info({ queue: QUEUE_NAME }, 'turn worker ready');

  return {
    async close() {
      for (const controller of running.values()) controller.abort();
      await worker.close();
      cancels.disconnect();
      publisher.disconnect();
    },
  };
}
