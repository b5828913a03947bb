/**
 * @module protocols/engine-setup
 * Engine fixtures for one run, done once in the orchestrator before the generators start: register a handful of
 * users over HTTP (a slow KDF each, so few and in parallel; connections share their tokens round-robin, which the
 * protocol allows), then the first user creates every room with all the others as members.
 */
import { randomBytes } from 'node:crypto';
import { EngineSocket } from './engine.ts';

export interface EngineFixtures {
  /** Room ids, index = room number. */
  rooms: string[];
  /** One token per registered user. */
  tokens: string[];
}

interface Registered {
  token: string;
  userId: string;
}

async function register(baseUrl: string, runId: string, i: number): Promise<Registered> {
  const res = await fetch(new URL('/api/auth/register', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: `bench-${runId}-${i}@example.com`,
      password: `${randomBytes(12).toString('base64url')}Aa1!`,
      name: `bench ${i}`,
    }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST /api/auth/register → HTTP ${res.status}: ${text.slice(0, 300)}`);
  const json = JSON.parse(text) as { token?: unknown; user?: { id?: unknown } };
  if (typeof json.token !== 'string' || typeof json.user?.id !== 'string') {
    throw new Error(`POST /api/auth/register: no {token, user.id} in ${text.slice(0, 300)}`);
  }
  return { token: json.token, userId: json.user.id };
}

export async function setupEngine(baseUrl: string, rooms: number, users: number): Promise<EngineFixtures> {
  const runId = randomBytes(4).toString('hex');
  const registered = await Promise.all(Array.from({ length: users }, (_, i) => register(baseUrl, runId, i)));
  const [owner, ...others] = registered;
  if (!owner) throw new Error('no engine user registered');
  const socket = await EngineSocket.open(baseUrl, owner.token);
  try {
    const ids: string[] = [];
    // Pipelined in chunks: quicker than one by one, without a burst of thousands of pending commands.
    for (let start = 0; start < rooms; start += 50) {
      const chunk = Array.from({ length: Math.min(50, rooms - start) }, (_, k) =>
        socket.request({ type: 'create', title: `bench ${start + k}`, members: others.map((u) => u.userId) }, 30_000),
      );
      for (const reply of await Promise.all(chunk)) {
        if (typeof reply.room !== 'string') throw new Error('create: reply without a room id');
        ids.push(reply.room);
      }
    }
    return { rooms: ids, tokens: registered.map((u) => u.token) };
  } finally {
    socket.close();
  }
}
