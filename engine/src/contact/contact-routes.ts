/**
 * @module contact/contact-routes
 * `POST /api/contact {name, email, organisation?, message, locale}` → 201 `{id}`: the showcase's contact form.
 * Fields are checked with coded errors (BAD_ARGS naming the field, TOO_LARGE for big bodies); each client address
 * gets a small budget (a contact form is a spam target) → 429 RATE_LIMITED with `retryAfterMs`. Stored sealed
 * (./contact-store.ts); the log records only the request id.
 */
import { ErrorCode } from '../../../schema/index.ts';
import { EngineError, badArgs } from '../errors.ts';
import { TokenBucket } from '../flow/token-bucket.ts';
import { readJson, reply, sendError, sendJson } from '../http/json.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../storage/store.ts';
import type { HttpRequest, HttpResponse, TemplatedApp } from '../transport/uws.ts';
import type { ContactInput, ContactLocale } from './contact-store.ts';

export const CONTACT_LIMITS = { name: 120, email: 254, organisation: 160, message: 4000 } as const;
const MAX_BODY = 16 * 1024;
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;
const LOCALES: readonly ContactLocale[] = ['es', 'en'];

export interface ContactRouteDeps {
  store: Store;
  log: Logger;
  /** Requests per client address (config CONTACT_RATE_PER_HOUR / CONTACT_RATE_BURST). */
  rate: { perHour: number; burst: number };
}

function text(body: Record<string, unknown>, name: keyof typeof CONTACT_LIMITS, min: number): string {
  const value = body[name];
  if (typeof value !== 'string') throw badArgs(`${name}: expected string`);
  const trimmed = value.trim();
  if (trimmed.length < min) throw badArgs(min === 1 ? `${name}: required` : `${name}: at least ${min} characters`);
  if (trimmed.length > CONTACT_LIMITS[name]) throw badArgs(`${name}: at most ${CONTACT_LIMITS[name]} characters`);
  return trimmed;
}

/** Checks and normalises a contact form body; throws BAD_ARGS naming the first bad field. */
export function parseContact(body: Record<string, unknown>): ContactInput {
  const name = text(body, 'name', 1);
  const email = text(body, 'email', 3).toLowerCase();
  if (!EMAIL.test(email)) throw badArgs('email: not an e-mail address');
  const organisation = body.organisation === undefined || body.organisation === null || body.organisation === ''
    ? null
    : text(body, 'organisation', 1);
  const message = text(body, 'message', 10);
  const locale = body.locale ?? 'es';
  if (typeof locale !== 'string' || !LOCALES.includes(locale as ContactLocale)) throw badArgs(`locale: expected one of ${LOCALES.join(', ')}`);
  return { name, email, organisation, message, locale: locale as ContactLocale };
}

export function registerContactRoutes(app: TemplatedApp, deps: ContactRouteDeps): void {
  const { store, log } = deps;
  const { rate } = deps;
  const buckets = new Map<string, TokenBucket>();

  app.post('/api/contact', (res: HttpResponse, req: HttpRequest) => {
    const r = reply(res);
    const address = Buffer.from(res.getRemoteAddressAsText()).toString();
    let bucket = buckets.get(address);
    if (!bucket) {
      if (buckets.size > 10_000) buckets.clear(); // bounded memory under address floods
      bucket = new TokenBucket(rate.perHour / 3600, rate.burst);
      buckets.set(address, bucket);
    }
    const waitMs = bucket.take();
    if (waitMs > 0) {
      // uWS: a response must read or abort its body; answering at once is fine, the body is simply not read.
      return sendError(r, new EngineError(ErrorCode.RATE_LIMITED, 'too many contact requests from this address', Math.ceil(waitMs)), log);
    }
    readJson(r, req, MAX_BODY)
      .then(async (body) => {
        const saved = await store.contacts().save(parseContact(body));
        log.info({ contact: saved.id }, 'contact request stored');
        sendJson(r, 201, { id: saved.id, createdAt: saved.createdAt.getTime() });
      })
      .catch((err: unknown) => sendError(r, err, log));
  });
}
