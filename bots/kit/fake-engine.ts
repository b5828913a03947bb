/**
 * @module kit/fake-engine
 * A scriptable stand-in for the engine's HTTP and WebSocket surface, for testing the chat client without
 * PostgreSQL. It speaks just enough protocol v1: register, bots, auth, create, join, send, cancel. Each `send` is
 * answered by `onSend`, which pushes whatever the test scripts (turn phases, messages, annotations).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { SUBPROTOCOL_JSON, type Push } from '../../schema/protocol.ts';

export interface FakeEngineContext {
  readonly room: string;
  readonly text: string;
  push(push: Push | Push[]): void;
}

export interface FakeEngineOptions {
  readonly bots?: readonly { name: string; title: string; description: string }[];
  /** Called for each `send`, after its reply. */
  readonly onSend?: (ctx: FakeEngineContext) => void;
  /** Called for each `cancel`; returns whether a turn was cancelled. */
  readonly onCancel?: (ctx: { room: string; turn: string; push: FakeEngineContext['push'] }) => boolean;
}

export class FakeEngine {
  /** Every command received over the socket, in order. */
  readonly commands: Record<string, unknown>[] = [];
  readonly protocols: string[] = [];
  readonly #http: Server;
  readonly #wss: WebSocketServer;
  #url = '';

  private constructor(options: FakeEngineOptions) {
    const bots = options.bots ?? [{ name: 'echo', title: 'Eco', description: 'Repite.' }];
    this.#http = createServer((req, res) => {
      const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'GET' && req.url === '/healthz') return json(200, { status: 'ok' });
      if (req.method === 'GET' && req.url === '/api/bots') return json(200, bots);
      if (req.method === 'POST' && req.url === '/api/auth/register') {
        let raw = '';
        req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        req.on('end', () => {
          const body = JSON.parse(raw) as { email?: string; name?: string };
          if (!body.email?.includes('@')) return json(400, { error: { code: 'BAD_ARGS', message: 'email' } });
          json(201, { token: 'fake-token', user: { id: 'user-1', name: body.name, email: body.email, roles: ['user'], tier: 'free' } });
        });
        return;
      }
      json(404, { error: { code: 'NOT_FOUND', message: 'no such route' } });
    });
    this.#wss = new WebSocketServer({
      server: this.#http,
      path: '/ws',
      handleProtocols: (protocols) => (protocols.has(SUBPROTOCOL_JSON) ? SUBPROTOCOL_JSON : false),
    });
    this.#wss.on('connection', (ws) => this.#onConnection(ws, options));
  }

  static async start(options: FakeEngineOptions = {}): Promise<FakeEngine> {
    const engine = new FakeEngine(options);
    await new Promise<void>((resolve) => engine.#http.listen(0, '127.0.0.1', resolve));
    engine.#url = `http://127.0.0.1:${(engine.#http.address() as AddressInfo).port}`;
    return engine;
  }

  get url(): string {
    return this.#url;
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.#http.close(() => resolve()));
  }

  #onConnection(ws: WebSocket, options: FakeEngineOptions): void {
    this.protocols.push(ws.protocol);
    const push = (items: Push | Push[]) => ws.send(JSON.stringify(items));
    ws.on('message', (data) => {
      const command = JSON.parse(data.toString()) as Record<string, unknown> & { id: number; type: string };
      this.commands.push(command);
      const ok = (result: Record<string, unknown> = {}) => ws.send(JSON.stringify({ id: command.id, ok: true, ...result }));
      switch (command.type) {
        case 'auth':
          return ok({ user: { id: 'user-1', name: 'Bot author', roles: ['user'] }, session: 's1', serverTime: Date.now(), protocol: 1 });
        case 'create':
          return ok({ room: 'room-1' });
        case 'join':
          return ok({ room: command.room, epoch: 'e1', offset: 0, recovered: false, messages: [], members: [] });
        case 'send': {
          ok({ offset: 1, ts: Date.now(), duplicate: false });
          const body = command.body as { text: string };
          return options.onSend?.({ room: command.room as string, text: body.text, push });
        }
        case 'cancel':
          return ok({ cancelled: options.onCancel?.({ room: command.room as string, turn: command.turn as string, push }) ?? false });
        default:
          return ws.send(JSON.stringify({ id: command.id, ok: false, error: { code: 'UNKNOWN_TYPE', message: command.type, temporary: false } }));
      }
    });
  }
}
