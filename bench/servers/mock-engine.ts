/**
 * @module servers/mock-engine
 * A stand-in for the engine that speaks just enough of protocol v1 for the bench (register, auth, create, join,
 * send → batched `message` pushes), in memory, with no auth checks worth the name, no storage and no encryption.
 * It exists to test the engine arm's client path (bench/lib/protocols/engine*.ts) and the supervisor while the real
 * engine is not ready: `BENCH_ENGINE_ENTRY=bench/servers/mock-engine.ts npm run bench -- --quick --servers engine`.
 * Its numbers mean nothing. Started like the engine: PORT and HOST from the environment, prints `listening on`.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { msgpackCodec } from '../../schema/codec.ts';
import { SUBPROTOCOL_MSGPACK } from '../../schema/protocol.ts';

type Item = Record<string, unknown>;
interface User { id: string; name: string }
interface Room { members: Set<string>; sockets: Set<WebSocket>; offset: number }

const users = new Map<string, User>(); // by token
const rooms = new Map<string, Room>();
let seq = 0;

async function body(req: IncomingMessage): Promise<Item> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return JSON.parse(text) as Item;
}

const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/auth/register') {
    res.writeHead(404).end();
    return;
  }
  body(req).then((b) => {
    const user = { id: `u${++seq}`, name: String(b.name ?? 'user') };
    const token = `t${seq}.${Math.random().toString(36).slice(2)}`;
    users.set(token, user);
    res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ token, user }));
  }, () => res.writeHead(400).end());
});

const wss = new WebSocketServer({
  server: http,
  path: '/ws',
  perMessageDeflate: false,
  handleProtocols: (offered) => (offered.has(SUBPROTOCOL_MSGPACK) ? SUBPROTOCOL_MSGPACK : false),
});

wss.on('connection', (ws) => {
  let user: User | undefined;
  const reply = (id: unknown, result: Item): void => void ws.send(msgpackCodec.encode({ id, ok: true, ...result }));
  const fail = (id: unknown, code: string): void =>
    void ws.send(msgpackCodec.encode({ id, ok: false, error: { code, message: code, temporary: false } }));
  ws.on('message', (data: Buffer) => {
    const cmd = msgpackCodec.decode(data) as Item;
    const room = typeof cmd.room === 'string' ? rooms.get(cmd.room) : undefined;
    if (cmd.type === 'auth') {
      user = users.get(String(cmd.token));
      if (!user) return fail(cmd.id, 'UNAUTHORIZED');
      return reply(cmd.id, { user: { ...user, roles: [] }, session: 's', serverTime: Date.now(), limits: {} });
    }
    if (!user) return fail(cmd.id, 'UNAUTHORIZED');
    if (cmd.type === 'create') {
      const id = `r${++seq}`;
      const members = Array.isArray(cmd.members) ? cmd.members.map(String) : [];
      rooms.set(id, { members: new Set([user.id, ...members]), sockets: new Set(), offset: 0 });
      return reply(cmd.id, { room: id });
    }
    if (!room || !room.members.has(user.id)) return fail(cmd.id, 'NOT_FOUND');
    if (cmd.type === 'join') {
      room.sockets.add(ws);
      ws.once('close', () => room.sockets.delete(ws));
      return reply(cmd.id, { room: cmd.room, epoch: 'e', offset: room.offset, recovered: false, messages: [], members: [] });
    }
    if (cmd.type === 'send') {
      const ts = Date.now();
      const push = { type: 'message', room: cmd.room, epoch: 'e', offset: ++room.offset, msgId: cmd.msgId,
        from: { id: user.id, kind: 'user', name: user.name }, body: cmd.body, ts };
      reply(cmd.id, { offset: push.offset, ts, duplicate: false });
      const frame = msgpackCodec.encode([push]); // a one-item batch: clients must accept arrays
      for (const s of room.sockets) s.send(frame);
      return;
    }
    fail(cmd.id, 'UNKNOWN_TYPE');
  });
});

http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
  const { address, port } = http.address() as AddressInfo;
  process.stdout.write(`listening on http://${address}:${port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
