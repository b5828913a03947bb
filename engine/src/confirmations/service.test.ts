/** The redeeming half of tool confirmations against the real store (PostgreSQL): codes, single use, retried sends. */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/pg.ts';
import { ErrorCode } from '../../../schema/index.ts';
import { EngineError } from '../errors.ts';
import { createStore } from '../storage/orm-store.ts';
import type { Store } from '../storage/store.ts';
import { silentLogger, testConfig } from '../storage/test-fixtures.ts';
import { ToolConfirmations } from './service.ts';

let db: TestDatabase;
let store: Store;
let room: string;
let otherRoom: string;
let clock = Date.now();
const key = randomBytes(32);
const confirmations = () => new ToolConfirmations({ key: async () => key, store, ttlMs: 60_000, now: () => clock });

beforeAll(async () => {
  db = await createTestDatabase('confirmations');
  store = await createStore(testConfig(db.url), silentLogger());
  const owner = await store.createUser({ email: `${randomUUID()}@example.org`, name: 'Ana', passwordHash: 'x' });
  room = (await store.createRoom({ ownerId: owner.id, ownerName: owner.name, title: 'Equipo', users: [], bots: [] })).id;
  otherRoom = (await store.createRoom({ ownerId: owner.id, ownerName: owner.name, title: 'Otro', users: [], bots: [] })).id;
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(EngineError);
    return (error as EngineError).code;
  }
}

describe('ToolConfirmations.redeem', () => {
  it('accepts a signed proposal once; a second answer is CONFIRMATION_USED', async () => {
    const service = confirmations();
    const { token } = await service.propose({ room, bot: 'gerencia-ia', tool: 'create_task', args: { title: 'Informe' } });
    const claims = await service.redeem({ room, msgId: 'm1', data: { token, approve: true } });
    expect(claims).toMatchObject({ tool: 'create_task', args: { title: 'Informe' }, bot: 'gerencia-ia' });
    expect(await codeOf(service.redeem({ room, msgId: 'm2', data: { token, approve: true } }))).toBe(ErrorCode.CONFIRMATION_USED);
    // Cancelling after approving is a reuse too.
    expect(await codeOf(service.redeem({ room, msgId: 'm3', data: { token, approve: false } }))).toBe(ErrorCode.CONFIRMATION_USED);
  });

  it('lets the same send be retried (same msgId and verdict), not flipped', async () => {
    const service = confirmations();
    const { token } = await service.propose({ room, bot: 'gerencia-ia', tool: 'delete_task', args: { task_id: 't1' } });
    await service.redeem({ room, msgId: 'retry', data: { token, approve: false } });
    await expect(service.redeem({ room, msgId: 'retry', data: { token, approve: false } })).resolves.toMatchObject({ tool: 'delete_task' });
    expect(await codeOf(service.redeem({ room, msgId: 'retry', data: { token, approve: true } }))).toBe(ErrorCode.CONFIRMATION_USED);
  });

  it('refuses a token of another room, a forged one and an expired one, and consumes none of them', async () => {
    const service = confirmations();
    const { token } = await service.propose({ room, bot: 'gerencia-ia', tool: 'create_task', args: { title: 'X' } });
    expect(await codeOf(service.redeem({ room: otherRoom, msgId: 'o1', data: { token, approve: true } }))).toBe(ErrorCode.CONFIRMATION_INVALID);
    expect(await codeOf(service.redeem({ room, msgId: 'f1', data: { token: `${token.slice(0, -4)}AAAA`, approve: true } }))).toBe(ErrorCode.CONFIRMATION_INVALID);
    clock += 60_001;
    expect(await codeOf(service.redeem({ room, msgId: 'e1', data: { token, approve: true } }))).toBe(ErrorCode.CONFIRMATION_EXPIRED);
    clock -= 60_001;
    // None of the refused answers used it up.
    await expect(service.redeem({ room, msgId: 'ok', data: { token, approve: true } })).resolves.toMatchObject({ tool: 'create_task' });
  });

  it('answers a proposal once, whatever spelling of its token comes back', async () => {
    const service = confirmations();
    const { token } = await service.propose({ room, bot: 'gerencia-ia', tool: 'delete_task', args: { task_id: 't9' } });
    await service.redeem({ room, msgId: 'a1', data: { token, approve: true } });
    for (const [i, variant] of [`${token}=`, `${token}!`, `${token} `].entries()) {
      expect(await codeOf(service.redeem({ room, msgId: `a${i + 2}`, data: { token: variant, approve: true } }))).toBe(ErrorCode.CONFIRMATION_INVALID);
    }
  });

  it('purges answers expired for more than an hour (they are refused as expired anyway)', async () => {
    const hashes = async () => (await db.query("select count(*)::int as n from tool_confirmations where expires_at < now() - interval '1 hour'")).rows[0].n as number;
    const service = confirmations();
    const saved = clock;
    clock = Date.now() - 3 * 3_600_000; // a proposal answered three hours ago, valid for a minute then
    const { token } = await service.propose({ room, bot: 'gerencia-ia', tool: 'create_task', args: { title: 'Vieja' } });
    await service.redeem({ room, msgId: 'old', data: { token, approve: true } });
    clock = saved;
    expect(await hashes()).toBeGreaterThan(0);
    const fresh = await service.propose({ room, bot: 'gerencia-ia', tool: 'create_task', args: { title: 'Nueva' } });
    await service.redeem({ room, msgId: 'new', data: { token: fresh.token, approve: true } });
    expect(await hashes()).toBe(0);
  });

  it('reads an answered token back for the runtime, only in its own room', async () => {
    const service = confirmations();
    const { token } = await service.propose({ room, bot: 'gerencia-ia', tool: 'complete_task', args: { task_id: 'abc' } });
    await expect(service.claimsOf(room, token)).resolves.toMatchObject({ tool: 'complete_task', args: { task_id: 'abc' } });
    await expect(service.claimsOf(otherRoom, token)).resolves.toBeUndefined();
  });
});
