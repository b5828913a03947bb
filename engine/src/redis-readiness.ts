/** @module redis-readiness — the /readyz check for a configured Redis: a PING answered within a second. */
import { Redis } from 'ioredis';

export function redisReadiness(url: string): { check: () => Promise<void>; close: () => void } {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 1000, enableOfflineQueue: true });
  redis.on('error', () => undefined); // reported through the check, not as an unhandled event
  return {
    check: () => Promise.race([
      redis.ping().then(() => undefined),
      new Promise<void>((_, reject) => setTimeout(() => reject(new Error('redis did not answer')), 1000).unref()),
    ]),
    close: () => redis.disconnect(),
  };
}
