/**
 * @module http/auth-routes
 * POST /api/auth/register, /api/auth/login, /api/auth/guest. Passwords are hashed with scrypt; login compares
 * against a dummy hash for unknown e-mails so response time does not reveal which accounts exist. Each client
 * address gets a small token bucket on these routes (password guessing, registration floods).
 */
import { ErrorCode } from '../../../schema/index.ts';
import { dummyHash, hashPassword, verifyPassword } from '../auth/passwords.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { EngineConfig } from '../config.ts';
import { EngineError, badArgs, unauthorized } from '../errors.ts';
import { TokenBucket } from '../flow/token-bucket.ts';
import type { Logger } from '../log.ts';
import { ConflictError, type Store, type UserRow } from '../storage/store.ts';
import type { HttpRequest, HttpResponse, TemplatedApp } from '../transport/uws.ts';
import type { SiteOrigins } from '../sites/site-origins.ts';
import { siteGuest } from '../sites/visitor-auth.ts';
import { readJson, reply, send, sendError, sendJson, type Reply } from './json.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_BODY = 8 * 1024;

export interface AuthRouteDeps {
  config: EngineConfig;
  store: Store;
  tokens: TokenService;
  log: Logger;
  /** Partner origins, for CORS on `/api/auth/guest` (the widget's sites). */
  siteOrigins?: SiteOrigins;
}

interface RequestInfo {
  origin: string;
  host: string;
  reply: Reply;
}

const corsHeaders = (origin: string): Record<string, string> => ({
  'access-control-allow-origin': origin,
  'access-control-allow-methods': 'POST',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
  vary: 'origin',
});

const publicUser = (u: UserRow) => ({ id: u.id, name: u.name, email: u.email, roles: u.roles, tier: u.tier });

function field(body: Record<string, unknown>, name: string, min: number, max: number): string {
  const value = body[name];
  if (typeof value !== 'string') throw badArgs(`${name}: expected string`);
  if (value.trim().length < min) throw badArgs(`${name}: at least ${min} characters`);
  if (value.length > max) throw badArgs(`${name}: at most ${max} characters`);
  return value;
}

export function registerAuthRoutes(app: TemplatedApp, deps: AuthRouteDeps): void {
  const { config, store, tokens, log } = deps;
  const buckets = new Map<string, TokenBucket>();
  const dummy = dummyHash(config.scryptCost);

  const limited = (res: HttpResponse): number => {
    const ip = Buffer.from(res.getRemoteAddressAsText()).toString();
    let bucket = buckets.get(ip);
    if (!bucket) {
      if (buckets.size > 10_000) buckets.clear(); // bounded memory under address floods
      bucket = new TokenBucket(config.authRatePerSec, config.authRateBurst);
      buckets.set(ip, bucket);
    }
    return bucket.take();
  };

  const route = (handler: (body: Record<string, unknown>, request: RequestInfo) => Promise<[number, unknown]>) =>
    (res: HttpResponse, req: HttpRequest) => {
      const r = reply(res);
      // uWS: headers are readable only now, before any await.
      const request: RequestInfo = { origin: req.getHeader('origin'), host: req.getHeader('host'), reply: r };
      const waitMs = limited(res);
      if (waitMs > 0) return sendError(r, new EngineError(ErrorCode.RATE_LIMITED, 'too many attempts', waitMs), log);
      readJson(r, req, MAX_BODY)
        .then((body) => handler(body, request))
        .then(([status, value]) => sendJson(r, status, value), (err) => sendError(r, err, log));
    };

  app.post('/api/auth/register', route(async (body) => {
    const email = field(body, 'email', 3, 254).trim().toLowerCase();
    if (!EMAIL.test(email)) throw badArgs('email: not an e-mail address');
    const password = field(body, 'password', 8, 256);
    const name = field(body, 'name', 1, 80).trim();
    const passwordHash = await hashPassword(password, config.scryptCost);
    try {
      const user = await store.createUser({ email, name, passwordHash });
      log.info({ user: user.id }, 'user registered');
      return [201, { token: await tokens.issue(user), user: publicUser(user) }];
    } catch (err) {
      if (err instanceof ConflictError) throw new EngineError(ErrorCode.CONFLICT, 'email: already registered');
      throw err;
    }
  }));

  app.post('/api/auth/login', route(async (body) => {
    const email = field(body, 'email', 3, 254).trim().toLowerCase();
    const password = field(body, 'password', 1, 256);
    const user = await store.findUserByEmail(email);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummy));
    if (!user || !user.passwordHash || user.erasedAt || !ok) throw unauthorized('wrong e-mail or password');
    return [200, { token: await tokens.issue(user), user: publicUser(user) }];
  }));

  app.post('/api/auth/guest', route(async (body, request) => {
    if (body.site !== undefined) {
      // Partner sites: allowed origins and signed visitors (sites/visitor-auth.ts). CORS only for allowed origins.
      if (request.origin && typeof body.site === 'string' && (await deps.siteOrigins?.site(body.site))?.allowedOrigins.includes(request.origin)) {
        request.reply.headers = corsHeaders(request.origin);
      }
      const guest = await siteGuest({ store, tokens, log }, { site: body.site, visitor: body.visitor, origin: request.origin, host: request.host });
      return [200, { token: guest.token, user: publicUser(guest.user), site: guest.site }];
    }
    const user = await store.createGuest({ name: 'Invitado' });
    return [200, { token: await tokens.issue(user), user: publicUser(user) }];
  }));

  // CORS preflight for partner pages calling the guest route directly: allowed only for some site's origin.
  app.options('/api/auth/guest', (res, req) => {
    const r = reply(res);
    const origin = req.getHeader('origin');
    (deps.siteOrigins && origin ? deps.siteOrigins.isAllowed(origin) : Promise.resolve(false)).then((allowed) => {
      if (allowed) r.headers = corsHeaders(origin);
      send(r, 204, '', 'text/plain');
    }, (err) => sendError(r, err, log));
  });
}
