import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/pg.ts';
import { DecryptionError } from '../crypto/aead.ts';
import { ERASED_USER_NAME } from './erase-user.ts';
import { REDACTED_BODY } from './message-rows.ts';
import { CONNECT_TIMEOUT_MS } from './orm.ts';
import { createStore } from './orm-store.ts';
import { ConflictError, PartialAppendError, StoreUnavailableError, type BotRow, type Store, type UserRow } from './store.ts';
import { pendingMessage, silentLogger, testConfig } from './test-fixtures.ts';

const bot: BotRow = {
  name: 'companion', title: 'Compañero', description: 'listens', version: '1.0.0', category: 'support',
  capabilities: ['chat'], enabled: true,
};

let db: TestDatabase;
let store: Store;
let config: ReturnType<typeof testConfig>;
const openStores: Store[] = [];

async function openStore(overrides: Parameters<typeof testConfig>[1] = {}): Promise<Store> {
  const opened = await createStore({ ...config, ...overrides }, silentLogger());
  openStores.push(opened);
  return opened;
}

beforeAll(async () => {
  db = await createTestDatabase('store');
  config = testConfig(db.url);
  store = await openStore();
  await store.upsertBot(bot);
});

afterAll(async () => {
  await Promise.all(openStores.map((s) => s.close()));
  await db.drop();
});

let emailCounter = 0;
async function newUser(name = 'Ana'): Promise<UserRow> {
  emailCounter += 1;
  return store.createUser({ email: `user${emailCounter}-${randomUUID()}@example.org`, name, passwordHash: 'scrypt$hash' });
}

async function newRoom(owner: UserRow, others: UserRow[] = [], bots: BotRow[] = [bot]) {
  return store.createRoom({ ownerId: owner.id, ownerName: owner.name, title: 'Sesión', users: others, bots });
}

describe('users and bots', () => {
  it('creates users, finds them, and refuses a duplicate e-mail (case-insensitively) with ConflictError', async () => {
    const user = await store.createUser({ email: 'Maria@Example.org', name: 'María', passwordHash: 'h1', roles: ['user', 'admin'], tier: 'premium' });
    expect(user).toMatchObject({ email: 'maria@example.org', roles: ['user', 'admin'], tier: 'premium', erasedAt: null });
    await expect(store.createUser({ email: 'maria@example.org ', name: 'Other', passwordHash: 'h2' })).rejects.toBeInstanceOf(ConflictError);

    expect((await store.findUserByEmail('MARIA@example.org'))?.id).toBe(user.id);
    expect((await store.findUserById(user.id))?.passwordHash).toBe('h1');
    expect(await store.findUserById('not-a-uuid')).toBeNull();
    expect(await store.findUserById(randomUUID())).toBeNull();
    const guest = await store.createGuest({ name: 'Visitante', site: 'clinic.example', visitor: 'v1' });
    expect(guest).toMatchObject({ email: null, roles: ['guest'], profile: { site: 'clinic.example', visitor: 'v1' }, passwordHash: null });
    const found = await store.findUsersByIds([user.id, guest.id, 'junk', randomUUID()]);
    expect(found.map((u) => u.id).sort()).toEqual([user.id, guest.id].sort());
  });

  it('upserts and lists bots', async () => {
    await store.upsertBot({ ...bot, name: 'zz-bot', enabled: false });
    await store.upsertBot({ ...bot, name: 'zz-bot', version: '2.0.0', enabled: true });
    const bots = await store.listBots();
    expect(bots.find((b) => b.name === 'zz-bot')).toMatchObject({ version: '2.0.0', enabled: true, capabilities: ['chat'] });
    expect(bots.map((b) => b.name)).toEqual([...bots.map((b) => b.name)].sort());
  });
});

describe('rooms and members', () => {
  it('creates a room with its owner, users and bots as members', async () => {
    const owner = await newUser('Owner');
    const guest = await newUser('Guest');
    const room = await newRoom(owner, [guest, owner]);
    expect(room).toMatchObject({ ownerId: owner.id, title: 'Sesión', lastOffset: 0 });
    expect(await store.getRoom(room.id)).toEqual(room);
    expect(await store.getRoom('nope')).toBeNull();

    const members = await store.listMembers(room.id);
    expect(members.map((m) => [m.memberId, m.kind, m.role, m.name]).sort()).toEqual(
      [[owner.id, 'user', 'owner', 'Owner'], [guest.id, 'user', 'member', 'Guest'], ['companion', 'bot', 'member', 'Compañero']].sort(),
    );
    expect((await store.getMember(room.id, 'companion'))?.kind).toBe('bot');
    expect(await store.getMember(room.id, randomUUID())).toBeNull();

    const late = await newUser('Late');
    await store.addMember({ roomId: room.id, memberId: late.id, kind: 'user', role: 'member', name: 'Late' });
    // Adding an existing member again changes nothing (the owner is not downgraded).
    await store.addMember({ roomId: room.id, memberId: owner.id, kind: 'user', role: 'member', name: 'Owner' });
    expect((await store.getMember(room.id, late.id))?.role).toBe('member');
    expect((await store.getMember(room.id, owner.id))?.role).toBe('owner');
  });

  it('lists a user\'s rooms by latest activity, page by page', async () => {
    const user = await newUser();
    const rooms = [];
    for (let i = 0; i < 5; i++) rooms.push(await newRoom(user));
    // Activity order: rooms[2] newest, then rooms[0], then the untouched ones by creation.
    const base = Date.now() + 10_000;
    await store.appendMessages([{ ...pendingMessage(rooms[0]!.id, 'a', 'x'), ts: base }]);
    await store.appendMessages([{ ...pendingMessage(rooms[2]!.id, 'b', 'y'), ts: base + 1 }]);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listRoomsForUser(user.id, 2, cursor);
      pages += 1;
      expect(page.rooms.length).toBeLessThanOrEqual(2);
      seen.push(...page.rooms.map((r) => r.id));
      if (page.rooms.length > 0) expect(page.rooms[0]!.bots).toEqual(['companion']);
      cursor = page.next;
    } while (cursor !== undefined);

    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    expect(seen.slice(0, 2)).toEqual([rooms[2]!.id, rooms[0]!.id]);
    const summaries = await store.listRoomsForUser(user.id, 10);
    const times = summaries.rooms.map((r) => r.lastTs);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(summaries.rooms[0]).toMatchObject({ lastOffset: 1, lastTs: base + 1 });
    expect(await store.listRoomsForUser(user.id, 2, 'garbage')).toEqual({ rooms: [] });
  });
});

describe('appendMessages', () => {
  it('assigns gapless offsets 1..n per room, in input order, and moves the room head', async () => {
    const owner = await newUser();
    const a = await newRoom(owner);
    const b = await newRoom(owner);
    const batch = Array.from({ length: 10 }, (_, i) => pendingMessage(i % 2 === 0 ? a.id : b.id, `m${i}`, `text ${i}`));
    const outcomes = await store.appendMessages(batch);
    expect(outcomes.map((o) => o.duplicate)).toEqual(Array(10).fill(false));
    expect(outcomes.filter((o) => o.message.room === a.id).map((o) => o.message.offset)).toEqual([1, 2, 3, 4, 5]);
    expect(outcomes.filter((o) => o.message.room === b.id).map((o) => o.message.offset)).toEqual([1, 2, 3, 4, 5]);
    expect(outcomes[0]!.message).toMatchObject({ epoch: a.epoch, msgId: 'm0', body: { text: 'text 0' }, from: { id: 'u', kind: 'user' } });

    const more = await store.appendMessages([pendingMessage(a.id, 'n1', 'again')]);
    expect(more[0]!.message.offset).toBe(6);
    expect(await store.getRoom(a.id)).toMatchObject({ lastOffset: 6 });
  });

  it('drops duplicates within the batch and against stored rows, returning the original message', async () => {
    const room = await newRoom(await newUser());
    const [first] = await store.appendMessages([pendingMessage(room.id, 'dup', 'original')]);
    const outcomes = await store.appendMessages([
      pendingMessage(room.id, 'new-1', 'one'),
      pendingMessage(room.id, 'dup', 'retry with another body'),
      pendingMessage(room.id, 'new-1', 'one again'),
      pendingMessage(room.id, 'new-2', 'two'),
    ]);
    expect(outcomes.map((o) => [o.message.msgId, o.message.offset, o.duplicate])).toEqual([
      ['new-1', 2, false], ['dup', 1, true], ['new-1', 2, true], ['new-2', 3, false],
    ]);
    expect(outcomes[1]!.message).toEqual(first!.message);
    expect(outcomes[2]!.message.body.text).toBe('one');
    expect((await store.readAfter(room.id, 0, 10)).map((m) => m.msgId)).toEqual(['dup', 'new-1', 'new-2']);
  });

  it('stays gapless and unique when two store instances write the same room concurrently', async () => {
    const other = await openStore();
    const room = await newRoom(await newUser());
    const writes: Promise<unknown>[] = [];
    for (let round = 0; round < 10; round++) {
      for (const [s, writer] of [[store, 'a'], [other, 'b']] as const) {
        // Every round both writers also send the same shared msgId: it must be stored once.
        writes.push(s.appendMessages([
          ...Array.from({ length: 10 }, (_, i) => pendingMessage(room.id, `${writer}-${round}-${i}`, 'x')),
          pendingMessage(room.id, `shared-${round}`, 'x'),
        ]));
      }
    }
    await Promise.all(writes);
    const stored = await store.readAfter(room.id, 0, 1000);
    expect(stored.map((m) => m.offset)).toEqual(Array.from({ length: 210 }, (_, i) => i + 1));
    expect(new Set(stored.map((m) => m.msgId)).size).toBe(210);
    expect((await store.getRoom(room.id))?.lastOffset).toBe(210);
  });

  it('rejects a batch for an unknown room without storing any of it', async () => {
    const room = await newRoom(await newUser());
    const cold = await openStore(); // a cold key cache: the whole batch takes the transactional path
    await expect(cold.appendMessages([pendingMessage(room.id, 'ok', 'x'), pendingMessage(randomUUID(), 'bad', 'x')])).rejects.toThrow(/unknown room/);
    expect(await store.readAfter(room.id, 0, 10)).toEqual([]);
    expect((await store.getRoom(room.id))?.lastOffset).toBe(0);
  });

  it('reports what committed when the rest of a batch fails (each message is atomic, a batch is not)', async () => {
    const room = await newRoom(await newUser());
    await store.appendMessages([pendingMessage(room.id, 'warm', 'x')]); // the room's key is now cached: fast path
    const failure = await store.appendMessages([pendingMessage(room.id, 'ok', 'x'), pendingMessage(randomUUID(), 'bad', 'x')]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PartialAppendError);
    const { outcomes } = failure as PartialAppendError;
    expect(outcomes[0]).toMatchObject({ duplicate: false, message: { msgId: 'ok', offset: 2 } });
    expect(outcomes[1]).toBeUndefined();
    expect((await store.readAfter(room.id, 0, 10)).map((m) => m.msgId)).toEqual(['warm', 'ok']);
  });
});

describe('reading', () => {
  it('reads after an offset ascending and the latest before an offset oldest-first, within limits', async () => {
    const room = await newRoom(await newUser());
    await store.appendMessages(Array.from({ length: 12 }, (_, i) => pendingMessage(room.id, `m${i + 1}`, `t${i + 1}`)));
    const offsets = (ms: { offset: number }[]) => ms.map((m) => m.offset);
    expect(offsets(await store.readAfter(room.id, 0, 5))).toEqual([1, 2, 3, 4, 5]);
    expect(offsets(await store.readAfter(room.id, 9, 5))).toEqual([10, 11, 12]);
    expect(offsets(await store.readAfter(room.id, 12, 5))).toEqual([]);
    expect(offsets(await store.readLatest(room.id, 3))).toEqual([10, 11, 12]);
    expect(offsets(await store.readLatest(room.id, 3, 5))).toEqual([2, 3, 4]);
    expect(offsets(await store.readLatest(room.id, 10, 3))).toEqual([1, 2]);
    expect((await store.readAfter(room.id, 0, 1))[0]?.body).toEqual({ text: 't1' });
    expect(await store.readAfter('not-a-room', 0, 5)).toEqual([]);
  });

  it('decrypts with a cold key cache (another instance)', async () => {
    const room = await newRoom(await newUser());
    await store.appendMessages([pendingMessage(room.id, 'm', 'visible elsewhere', undefined, { kind: 'card', data: { title: 'T', items: [] } })]);
    const cold = await openStore();
    expect((await cold.readLatest(room.id, 1))[0]?.body).toEqual({ text: 'visible elsewhere', kind: 'card', data: { title: 'T', items: [] } });
  });
});

describe('encryption at rest', () => {
  it('never stores the body in plaintext (not the text, not the kind, not the data)', async () => {
    const room = await newRoom(await newUser());
    const secret = `quiero hablar de algo muy privado ${randomBytes(4).toString('hex')}`;
    await store.appendMessages([pendingMessage(room.id, 'secret', secret, undefined, { kind: 'crisis', data: { note: 'dato-sensible' } })]);
    const { rows } = await db.query(`SELECT m::text AS whole, ciphertext FROM messages m WHERE room_id = $1`, [room.id]);
    expect(rows).toHaveLength(1);
    const row = rows[0] as { whole: string; ciphertext: Buffer };
    for (const needle of [secret, 'crisis', 'dato-sensible']) {
      expect(row.whole).not.toContain(needle);
      expect(row.ciphertext.includes(Buffer.from(needle))).toBe(false);
      expect(row.whole).not.toContain(Buffer.from(needle).toString('hex'));
    }
    const keyRows = await db.query(`SELECT wrapped_key FROM conversation_keys WHERE room_id = $1`, [room.id]);
    expect((keyRows.rows[0] as { wrapped_key: Buffer }).wrapped_key).toHaveLength(48); // 32-byte key + 16-byte tag
  });

  it('refuses ciphertext moved to another row', async () => {
    const room = await newRoom(await newUser());
    await store.appendMessages([pendingMessage(room.id, 'one', 'first'), pendingMessage(room.id, 'two', 'second')]);
    await db.query(
      `UPDATE messages SET ciphertext = o.ciphertext, nonce = o.nonce FROM messages o
        WHERE messages.room_id = $1 AND o.room_id = $1 AND messages."offset" = 2 AND o."offset" = 1`,
      [room.id],
    );
    const fresh = await openStore();
    await expect(fresh.readAfter(room.id, 1, 1)).rejects.toBeInstanceOf(DecryptionError);
  });
});

describe('GDPR and keys', () => {
  async function auditRows(action: string, target: string) {
    const { rows } = await db.query(`SELECT actor_id, detail FROM audit_log WHERE action = $1 AND target = $2`, [action, target]);
    return rows as { actor_id: string | null; detail: Record<string, unknown> }[];
  }

  it('exports a user with decrypted conversations, audited', async () => {
    const user = await newUser('Exported');
    const friend = await newUser('Friend');
    const room = await newRoom(user, [friend]);
    await store.appendMessages([
      pendingMessage(room.id, 'e1', 'hola', { id: user.id, kind: 'user', name: 'Exported' }),
      pendingMessage(room.id, 'e2', 'respuesta', { id: 'companion', kind: 'bot', name: 'Compañero' }),
    ]);
    const exported = await store.exportUser(user.id, 'admin-1');
    expect(exported.user).toMatchObject({ id: user.id, name: 'Exported' });
    expect(exported.user).not.toHaveProperty('passwordHash');
    expect(exported.conversations).toHaveLength(1);
    expect(exported.conversations[0]!.room.id).toBe(room.id);
    expect(exported.conversations[0]!.members).toHaveLength(3);
    expect(exported.conversations[0]!.messages.map((m) => m.body.text)).toEqual(['hola', 'respuesta']);
    expect(await auditRows('user.export', user.id)).toEqual([{ actor_id: 'admin-1', detail: { conversations: 1, messages: 2 } }]);
  });

  it('erases a user: shreds private rooms (new epoch, unreadable), redacts shared ones, anonymises the account', async () => {
    const user = await newUser('Leaving');
    const friend = await newUser('Staying');
    const privateRoom = await newRoom(user);
    const sharedRoom = await newRoom(friend, [user]);
    const asUser = { id: user.id, kind: 'user' as const, name: 'Leaving' };
    await store.appendMessages([
      pendingMessage(privateRoom.id, 'p1', 'private one', asUser),
      pendingMessage(privateRoom.id, 'p2', 'bot reply', { id: 'companion', kind: 'bot', name: 'Compañero' }),
      pendingMessage(sharedRoom.id, 's1', 'from friend', { id: friend.id, kind: 'user', name: 'Staying' }),
      pendingMessage(sharedRoom.id, 's2', 'from leaving user', asUser),
    ]);

    const { shreddedRooms } = await store.eraseUser(user.id, 'admin-2');
    expect(shreddedRooms).toEqual([privateRoom.id]);

    const shredded = await store.getRoom(privateRoom.id);
    expect(shredded?.epoch).not.toBe(privateRoom.epoch);
    expect(shredded?.lastOffset).toBe(0);
    expect(await store.readLatest(privateRoom.id, 10)).toEqual([]);
    const key = (await db.query(`SELECT wrapped_key, destroyed_at FROM conversation_keys WHERE room_id = $1`, [privateRoom.id])).rows[0] as {
      wrapped_key: Buffer; destroyed_at: Date | null;
    };
    expect(key.wrapped_key).toHaveLength(0);
    expect(key.destroyed_at).not.toBeNull();
    expect((await db.query(`SELECT count(*)::int AS n FROM messages WHERE room_id = $1`, [privateRoom.id])).rows[0]).toEqual({ n: 0 });

    const shared = await store.readAfter(sharedRoom.id, 0, 10);
    expect(shared.map((m) => [m.offset, m.from.name, m.body])).toEqual([
      [1, 'Staying', { text: 'from friend' }],
      [2, ERASED_USER_NAME, REDACTED_BODY],
    ]);
    expect((await store.getRoom(sharedRoom.id))?.epoch).toBe(sharedRoom.epoch);
    const raw = (await db.query(`SELECT ciphertext FROM messages WHERE room_id = $1 AND "offset" = 2`, [sharedRoom.id])).rows[0] as { ciphertext: Buffer };
    expect(raw.ciphertext).toHaveLength(0);

    expect(await store.getMember(sharedRoom.id, user.id)).toBeNull();
    expect((await store.listRoomsForUser(user.id, 10)).rooms).toEqual([]);
    const erased = await store.findUserById(user.id);
    expect(erased).toMatchObject({ email: null, name: ERASED_USER_NAME, profile: {}, passwordHash: null });
    expect(erased?.erasedAt).toBeInstanceOf(Date);
    const [audit] = await auditRows('user.erase', user.id);
    expect(audit).toEqual({ actor_id: 'admin-2', detail: { shreddedRooms: [privateRoom.id], redactedRooms: [sharedRoom.id] } });

    // The shredded room keeps working as a new, empty stream under a fresh key.
    const [next] = await store.appendMessages([pendingMessage(privateRoom.id, 'after', 'new life')]);
    expect(next?.message).toMatchObject({ offset: 1, epoch: shredded?.epoch });
    expect((await (await openStore()).readLatest(privateRoom.id, 5)).map((m) => m.body.text)).toEqual(['new life']);
  });

  it('rotates the master key: re-wraps every data key, and old data decrypts with the new + retired keys, then the new key alone', async () => {
    const room = await newRoom(await newUser());
    await store.appendMessages([pendingMessage(room.id, 'r1', 'before rotation')]);

    const newKey = randomBytes(32).toString('base64');
    const rotating = await openStore({ masterKey: newKey, masterKeyId: 'k2', masterKeysRetired: `k1:${config.masterKey}` });
    const { rewrapped } = await rotating.rotateMasterKey('cli');
    expect(rewrapped).toBeGreaterThan(0);
    const left = await db.query(`SELECT count(*)::int AS n FROM conversation_keys WHERE master_key_id <> 'k2' AND destroyed_at IS NULL`);
    expect(left.rows[0]).toEqual({ n: 0 });
    expect((await rotating.rotateMasterKey('cli')).rewrapped).toBe(0);

    const onlyNew = await openStore({ masterKey: newKey, masterKeyId: 'k2', masterKeysRetired: undefined });
    expect((await onlyNew.readLatest(room.id, 1))[0]?.body.text).toBe('before rotation');
    const audits = await db.query(`SELECT actor_id, detail FROM audit_log WHERE action = 'master-key.rotate' ORDER BY id`);
    expect(audits.rows).toEqual([{ actor_id: 'cli', detail: { rewrapped } }, { actor_id: 'cli', detail: { rewrapped: 0 } }]);
  });

  it('writes free-form audit entries', async () => {
    await store.audit({ actorId: null, action: 'test.event', target: 'x', detail: { n: 1 } });
    expect(await auditRows('test.event', 'x')).toEqual([{ actor_id: null, detail: { n: 1 } }]);
  });
});

describe('availability', () => {
  it('answers ping', async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('fails fast with StoreUnavailableError when nothing listens at the database address', async () => {
    const started = Date.now();
    const url = new URL(db.url);
    url.port = '1';
    await expect(createStore({ ...config, databaseUrl: url.toString() }, silentLogger())).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('gives up within the connect timeout when the server accepts TCP but never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = new URL(db.url);
      url.port = String((silent.address() as AddressInfo).port);
      const started = Date.now();
      await expect(createStore({ ...config, databaseUrl: url.toString() }, silentLogger())).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 1500);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
