/**
 * @module admin/routes
 * `/api/admin/*`: the JSON API of the admin surface (clients/admin). Every route runs `requireAdmin` first (token
 * AND stored role, see ./guard.ts), answers coded errors (`{error: {code, message}}`), and every change is audited
 * with the admin's id, the action and the target. Shapes: engine/src/admin/README.md.
 */
import type { AdminUser } from '../../../schema/admin.ts';
import { ErrorCode } from '../../../schema/index.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { BotPluginStatus } from '../bot-bridge.ts';
import { EngineError, badArgs, notFound } from '../errors.ts';
import { readJson, reply, sendError, sendJson } from '../http/json.ts';
import type { Logger } from '../log.ts';
import { AdminConflictError, RoomNotFoundError, type AssignableRole } from '../storage/admin-store.ts';
import { UserNotFoundError } from '../storage/erase-user.ts';
import { TIERS, type Role, type Store, type Tier, type UserRow } from '../storage/store.ts';
import type { HttpRequest, HttpResponse, TemplatedApp } from '../transport/uws.ts';
import { listAdminBots } from './bots-view.ts';
import { requireAdmin } from './guard.ts';
import type { RoomBotSwitches } from './room-bot-switches.ts';

const MAX_BODY = 8 * 1024;
const ROLES: readonly Role[] = ['user', 'guest', 'admin'];
const ASSIGNABLE: readonly AssignableRole[] = ['user', 'admin'];
const BOT_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AdminRouteDeps {
  store: Store;
  tokens: TokenService;
  log: Logger;
  /** The bot runtime's view of its plugins (undefined without a runtime). */
  botStatus: () => BotPluginStatus[] | undefined;
  switches: RoomBotSwitches;
}

export const adminUser = (u: UserRow): AdminUser => ({
  id: u.id, email: u.email, name: u.name, roles: u.roles, tier: u.tier,
  createdAt: u.createdAt.toISOString(), erasedAt: u.erasedAt?.toISOString() ?? null,
});

interface Call {
  admin: UserRow;
  params: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
}

type Handler = (call: Call) => Promise<[number, unknown]>;

/** Integer query parameter within [min, max]; `fallback` when absent. */
function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d{1,15}$/.test(raw)) throw badArgs(`${name}: expected an integer`);
  const value = Number(raw);
  if (value < min || value > max) throw badArgs(`${name}: must be between ${min} and ${max}`);
  return value;
}

function textParam(query: URLSearchParams, name: string, max: number): string | undefined {
  const value = query.get(name)?.trim();
  if (!value) return undefined;
  if (value.length > max) throw badArgs(`${name}: at most ${max} characters`);
  return value;
}

function userId(params: string[]): string {
  const id = params[0] ?? '';
  if (!UUID.test(id)) throw badArgs('id: expected a user id');
  return id.toLowerCase();
}

function botName(raw: string | undefined): string {
  if (!raw || !BOT_NAME.test(raw)) throw badArgs('name: expected a bot name');
  return raw;
}

/** A path segment, decoded; a malformed escape stays as it is (and then fails validation) instead of throwing. */
function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Store failures that mean "no such thing" or "not now" become coded errors. */
function translate(err: unknown): unknown {
  if (err instanceof UserNotFoundError) return notFound('user');
  if (err instanceof RoomNotFoundError) return notFound('room');
  if (err instanceof AdminConflictError) return new EngineError(ErrorCode.CONFLICT, err.message);
  return err;
}

export function registerAdminRoutes(app: TemplatedApp, deps: AdminRouteDeps): void {
  const { store, tokens, log } = deps;

  const route = (method: 'get' | 'put' | 'post', pattern: string, paramCount: number, handler: Handler) => {
    app[method](pattern, (res: HttpResponse, req: HttpRequest) => {
      // uWS: everything read from `req` must be read now, before the first await.
      const r = reply(res);
      const authorization = req.getHeader('authorization');
      const params = Array.from({ length: paramCount }, (_, i) => decodeParam(req.getParameter(i) ?? ''));
      const query = new URLSearchParams(req.getQuery() ?? '');
      const body = method === 'get' ? Promise.resolve({}) : readJson(r, req, MAX_BODY);
      body.catch(() => undefined); // read below, after the admin check; never an unhandled rejection meanwhile
      requireAdmin(authorization, tokens, store)
        .then(async (admin) => handler({ admin, params, query, body: await body }))
        .then(([status, value]) => sendJson(r, status, value), (err) => sendError(r, translate(err), log));
    });
  };

  route('get', '/api/admin/me', 0, async ({ admin }) => [200, { user: adminUser(admin) }]);

  route('get', '/api/admin/users', 0, async ({ query }) => {
    const role = textParam(query, 'role', 16);
    if (role !== undefined && !ROLES.includes(role as Role)) throw badArgs(`role: one of ${ROLES.join(', ')}`);
    const limit = intParam(query, 'limit', 20, 1, 100);
    const offset = intParam(query, 'offset', 0, 0, 1_000_000);
    const found = await store.admin.searchUsers({ query: textParam(query, 'q', 254), role: role as Role | undefined, limit, offset });
    return [200, { users: found.users.map(adminUser), total: found.total, limit, offset }];
  });

  route('get', '/api/admin/users/:id', 1, async ({ params }) => {
    const id = userId(params);
    const user = await store.findUserById(id);
    if (!user) throw notFound('user');
    const { entries } = await store.admin.listAudit({ target: id, limit: 20 });
    return [200, { user: adminUser(user), audit: entries }];
  });

  route('put', '/api/admin/users/:id/role', 1, async ({ admin, params, body }) => {
    const id = userId(params);
    const role = body.role;
    if (typeof role !== 'string' || !ASSIGNABLE.includes(role as AssignableRole)) throw badArgs(`role: one of ${ASSIGNABLE.join(', ')}`);
    const user = await store.admin.setRole(id, role as AssignableRole, admin.id);
    log.info({ admin: admin.id, user: id, role }, 'admin changed a role');
    return [200, { user: adminUser(user) }];
  });

  route('put', '/api/admin/users/:id/tier', 1, async ({ admin, params, body }) => {
    const id = userId(params);
    const tier = body.tier;
    if (typeof tier !== 'string' || !TIERS.includes(tier as Tier)) throw badArgs(`tier: one of ${TIERS.join(', ')}`);
    const user = await store.admin.setTier(id, tier as Tier, admin.id);
    return [200, { user: adminUser(user) }];
  });

  // POST, not GET: an export is an audited disclosure, never something a prefetch or cache should trigger.
  route('post', '/api/admin/users/:id/export', 1, async ({ admin, params }) => {
    const id = userId(params);
    return [200, await store.exportUser(id, admin.id)];
  });

  route('post', '/api/admin/users/:id/erase', 1, async ({ admin, params, body }) => {
    const id = userId(params);
    const confirm = body.confirm;
    if (typeof confirm !== 'string' || confirm.trim() === '') throw badArgs('confirm: repeat the user\'s e-mail (or id, for accounts without one)');
    const user = await store.findUserById(id);
    if (!user) throw notFound('user');
    if (user.erasedAt) throw new EngineError(ErrorCode.CONFLICT, 'user: already erased');
    if (user.id === admin.id) throw new EngineError(ErrorCode.CONFLICT, 'user: an admin cannot erase their own account here');
    const expected = user.email ?? user.id;
    if (confirm.trim().toLowerCase() !== expected.toLowerCase()) throw badArgs('confirm: does not match the user\'s e-mail');
    const result = await store.eraseUser(id, admin.id);
    log.info({ admin: admin.id, user: id, shredded: result.shreddedRooms.length }, 'admin erased a user');
    return [200, { userId: id, ...result }];
  });

  route('get', '/api/admin/audit', 0, async ({ query }) => {
    const before = query.get('before') ? intParam(query, 'before', 0, 1, Number.MAX_SAFE_INTEGER) : undefined;
    const page = await store.admin.listAudit({
      action: textParam(query, 'action', 80), actorId: textParam(query, 'actor', 80), target: textParam(query, 'target', 200),
      limit: intParam(query, 'limit', 50, 1, 200), ...(before === undefined ? {} : { before }),
    });
    return [200, page];
  });

  route('get', '/api/admin/bots', 0, async () => [200, await listAdminBots(store, deps.botStatus())]);

  route('get', '/api/admin/bots/:name/rooms', 1, async ({ params, query }) => {
    const name = botName(params[0]);
    return [200, await store.admin.roomsWithBotDisabled(name, intParam(query, 'limit', 50, 1, 200))];
  });

  route('put', '/api/admin/bots/:name/rooms/:room', 2, async ({ admin, params, body }) => {
    const name = botName(params[0]);
    const roomId = params[1] ?? '';
    if (!UUID.test(roomId)) throw badArgs('room: expected a conversation id');
    if (typeof body.enabled !== 'boolean') throw badArgs('enabled: expected true or false');
    const status = deps.botStatus();
    const known = status ? status.find((b) => b.name === name) : (await store.listBots()).find((b) => b.name === name);
    if (!known) throw notFound('bot');
    if (status?.find((b) => b.name === name)?.safetyLayer) {
      throw new EngineError(ErrorCode.CONFLICT, 'name: safety layers run in every room and cannot be switched off per room');
    }
    const room = roomId.toLowerCase();
    const changed = await store.admin.setBotInRoom(room, name, body.enabled, admin.id);
    deps.switches.forget(room);
    return [200, { bot: name, roomId: room, enabled: body.enabled, changed }];
  });
}
