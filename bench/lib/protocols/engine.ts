/**
 * @module protocols/engine
 * Client of the engine's protocol v1 (/work/shared/PROTOCOL-v1.md) over msgpack: `auth`, then `join` the room;
 * publishes are `send` commands with a unique `msgId`; deliveries are `message` pushes, possibly inside batched
 * frames (arrays). Uses the project's own codec from `schema/` so the bench speaks exactly what clients speak.
 */
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { msgpackCodec } from '../../../schema/codec.ts';
import { SUBPROTOCOL_MSGPACK, type CommandBody } from '../../../schema/protocol.ts';
import { withTimeout, wsUrl, type Connect } from './types.ts';

type Item = Record<string, unknown>;
interface Pending {
  resolve(reply: Item): void;
  reject(err: Error): void;
}

const describeError = (item: Item): string => {
  const e = (item.error ?? {}) as Item;
  return `${String(e.code ?? 'ERROR')}: ${String(e.message ?? '')}`;
};

/** One engine WebSocket: request/reply by `id`, pushes and unanswered-command failures by callback. */
export class EngineSocket {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closing = false;
  private lastDisconnect = '';
  onMessageText: (text: string) => void = () => undefined;
  /** An error reply to a command nobody awaits (a `send`). */
  onFailedReply: () => void = () => undefined;
  onClose: (code: number) => void = () => undefined;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => this.onFrame(data));
    ws.on('close', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`socket closed (${code}) ${this.lastDisconnect}`));
      this.pending.clear();
      if (!this.closing) this.onClose(code);
    });
  }

  /** Opens `/ws` with the msgpack sub-protocol and authenticates. */
  static async open(baseUrl: string, token: string, timeoutMs = 10_000): Promise<EngineSocket> {
    const ws = new WebSocket(wsUrl(baseUrl, '/ws'), SUBPROTOCOL_MSGPACK, { perMessageDeflate: false });
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
        ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
      }),
      timeoutMs,
      'engine connect',
    );
    if (ws.protocol !== SUBPROTOCOL_MSGPACK) {
      ws.terminate();
      throw new Error(`engine answered sub-protocol "${ws.protocol}", expected ${SUBPROTOCOL_MSGPACK}`);
    }
    ws.on('error', () => undefined); // errors surface as `close`
    const socket = new EngineSocket(ws);
    await socket.request({ type: 'auth', token }, timeoutMs);
    return socket;
  }

  /** Sends a command and resolves with its `ok` reply; an error reply rejects. */
  request(cmd: CommandBody, timeoutMs = 10_000): Promise<Item> {
    const id = this.nextId++;
    const reply = new Promise<Item>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.ws.send(msgpackCodec.encode({ ...cmd, id }));
    return withTimeout(reply, timeoutMs, `engine ${cmd.type}`).finally(() => this.pending.delete(id));
  }

  /** Sends a command with an `id` whose reply is not awaited (only a failure is reported, via onFailedReply). */
  fire(cmd: CommandBody): void {
    this.ws.send(msgpackCodec.encode({ ...cmd, id: this.nextId++ }));
  }

  close(): void {
    this.closing = true;
    this.ws.close();
  }

  private onFrame(data: Buffer): void {
    let value: unknown;
    try {
      value = msgpackCodec.decode(data);
    } catch {
      return; // not ours to judge; a broken frame shows up as missing deliveries
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item !== 'object' || item === null) continue;
      this.onItem(item as Item);
    }
  }

  private onItem(item: Item): void {
    if (typeof item.id === 'number') {
      const p = this.pending.get(item.id);
      if (p) {
        if (item.ok === true) p.resolve(item);
        else p.reject(new Error(describeError(item)));
      } else if (item.ok !== true) {
        this.onFailedReply();
      }
      return;
    }
    if (item.type === 'message') {
      const body = item.body as Item | undefined;
      if (typeof body?.text === 'string') this.onMessageText(body.text);
    } else if (item.type === 'disconnect') {
      this.lastDisconnect = `${String(item.code)} ${String(item.reason)}`;
    }
  }
}

export const connectEngine: Connect = async (opts) => {
  if (!opts.token) throw new Error('engine connection without a token (setup did not run?)');
  const socket = await EngineSocket.open(opts.baseUrl, opts.token);
  socket.onMessageText = opts.onDelivery;
  socket.onFailedReply = opts.onSendFailed;
  socket.onClose = opts.onClose;
  // limit 1: the smallest history the protocol allows; the bench only wants live pushes.
  await socket.request({ type: 'join', room: opts.room, limit: 1 });
  // msgIds must be unique per room across all connections and runs: a random prefix per connection + a counter.
  const prefix = randomBytes(6).toString('base64url');
  let seq = 0;
  return {
    publish: (text) => socket.fire({ type: 'send', room: opts.room, msgId: `${prefix}-${++seq}`, body: { text } }),
    close: () => socket.close(),
  };
};
