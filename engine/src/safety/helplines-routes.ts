/**
 * @module safety/helplines-routes
 * The admin API of the helpline directory (schema/PROTOCOL.md "Admin: helpline directory"):
 * `GET /api/admin/helplines`, `PUT /api/admin/helplines/:country`, `DELETE /api/admin/helplines/:country`.
 * Admins only, checked by the admin surface's own guard (`admin/guard.ts`: valid token AND the stored account
 * still has the `admin` role). Every change is audited with the admin's id.
 */
import { ErrorCode } from '../../../schema/index.ts';
import type { TokenService } from '../auth/tokens.ts';
import { requireAdmin } from '../admin/guard.ts';
import { EngineError, badArgs, notFound } from '../errors.ts';
import { readJson, reply, sendError, sendJson, type Reply } from '../http/json.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../storage/store.ts';
import type { HttpRequest, HttpResponse, TemplatedApp } from '../transport/uws.ts';
import { COUNTRY_KEY, countryInputSchema, countryKey, firstIssue, FALLBACK_COUNTRY } from './directory.ts';

const MAX_BODY = 32 * 1024;

export interface HelplinesRouteDeps {
  store: Store;
  tokens: TokenService;
  log: Logger;
}

function countryParam(raw: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw badArgs('country: malformed percent-encoding');
  }
  const key = countryKey(decoded);
  if (key === undefined || !COUNTRY_KEY.test(key)) throw badArgs('country: expected a two-letter ISO 3166-1 code or "_default"');
  return key;
}

export function registerHelplineRoutes(app: TemplatedApp, deps: HelplinesRouteDeps): void {
  const { store, tokens, log } = deps;

  /** uWS: headers and parameters must be read before the first await. */
  const route = (withBody: boolean, handler: (ctx: { adminId: string; country: string; body: Record<string, unknown> }) => Promise<unknown>) =>
    (res: HttpResponse, req: HttpRequest) => {
      const r: Reply = reply(res);
      const authorization = req.getHeader('authorization');
      const rawCountry = req.getParameter(0) ?? '';
      const body = withBody ? readJson(r, req, MAX_BODY) : Promise.resolve({});
      // A rejected body read must not go unhandled while the admin check runs.
      body.catch(() => {});
      requireAdmin(authorization, tokens, store).then((admin) => admin.id)
        .then(async (adminId) => handler({ adminId, country: rawCountry, body: await body }))
        .then((value) => sendJson(r, 200, value), (err) => sendError(r, err, log));
    };

  app.get('/api/admin/helplines', route(false, async () => ({ countries: await store.safety.listHelplines() })));

  app.put('/api/admin/helplines/:country', route(true, async ({ adminId, country: raw, body }) => {
    const country = countryParam(raw);
    const parsed = countryInputSchema.safeParse(body);
    if (!parsed.success) throw badArgs(firstIssue(parsed.error));
    const entry = await store.safety.putHelplines(country, parsed.data, adminId);
    log.info({ admin: adminId, country }, 'helpline directory entry saved');
    return { country: entry };
  }));

  app.del('/api/admin/helplines/:country', route(false, async ({ adminId, country: raw }) => {
    const country = countryParam(raw);
    if (country === FALLBACK_COUNTRY) throw new EngineError(ErrorCode.CONFLICT, 'country: the "_default" entry is the fallback for every other country and cannot be deleted');
    if (!(await store.safety.deleteHelplines(country, adminId))) throw notFound(`country ${country}`);
    log.info({ admin: adminId, country }, 'helpline directory entry deleted');
    return { country, deleted: true };
  }));
}
