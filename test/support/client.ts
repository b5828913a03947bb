/**
 * A protocol v1 test client on the `ws` package: every frame received is recorded, and tests await the item they
 * expect (replies by id, pushes by type and predicate) instead of sleeping.
 */
import WebSocket from 'ws';
import { jsonCodec, msgpackCodec, type Codec, type ServerFrameItem } from '../../schema/index.ts';

export type Item = ServerFrameItem & Record<string, any>;
type Waiter = { match: (item: Item) => boolean; resolve: (item: Item) => void };

/**
 * What every protocol test client shares, whatever carries its frames: it records every item received, and tests
 * await replies (by id) and pushes (by type and predicate). A transport calls `record` and implements `send`.
 */
export abstract class FrameRecorder {
  readonly received: Item[] = [];
  /** Commands sent with `request`, by id. */
  readonly requests = new Map<number, Record<string, unknown>>();
  private readonly waiters = new Set<Waiter>();
  private nextId = 1;

  /** Sends one value (a command, a batch, or a deliberately wrong shape) over the transport. */
  abstract send(value: unknown): void;

  /** Takes the items of one received frame (one item or a batch). */
  protected record(decoded: Item | Item[]): void {
    for (const item of Array.isArray(decoded) ? decoded : [decoded]) {
      this.received.push(item);
      for (const w of this.waiters) if (w.match(item)) { this.waiters.delete(w); w.resolve(item); }
    }
  }

  /** Sends a command with a fresh id and resolves with its reply. */
  request(command: Record<string, unknown>): Promise<Item> {
    const id = this.nextId++;
    this.requests.set(id, command);
    const reply = this.waitFor((item) => item.id === id, 15_000);
    this.send({ ...command, id });
    return reply;
  }

  /** Like `request`, but fails the test unless the reply is ok. */
  async ok(command: Record<string, unknown>): Promise<Item> {
    const reply = await this.request(command);
    if (!reply.ok) throw new Error(`${String(command.type)} failed: ${JSON.stringify(reply.error)}`);
    return reply;
  }

  /** Resolves with the first item (already received or future) matching; rejects after `timeoutMs`. */
  waitFor(match: (item: Item) => boolean, timeoutMs = 5000): Promise<Item> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { match, resolve: (item) => { clearTimeout(timer); resolve(item); } };
      const timer = setTimeout(() => { this.waiters.delete(waiter); reject(new Error('timed out waiting for a matching frame')); }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  waitForPush(type: string, match: (item: Item) => boolean = () => true, timeoutMs?: number): Promise<Item> {
    return this.waitFor((item) => item.type === type && item.id === undefined && match(item), timeoutMs);
  }

  pushes(type: string): Item[] {
    return this.received.filter((item) => item.type === type && item.id === undefined);
  }
}

/** The test client on the `ws` package (JSON or msgpack). */
export class TestClient extends FrameRecorder {
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly ws: WebSocket, readonly codec: Codec) {
    super();
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      this.record(codec.decode(isBinary ? new Uint8Array(data) : data.toString('utf8')) as Item | Item[]);
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens a socket; `protocols` is what the client offers (default: the codec's sub-protocol). */
  static connect(wsUrl: string, opts: { codec?: 'json' | 'msgpack'; protocols?: string[] } = {}): Promise<TestClient> {
    const codec = opts.codec === 'msgpack' ? msgpackCodec : jsonCodec;
    const ws = new WebSocket(wsUrl, opts.protocols ?? [codec.name], { rejectUnauthorized: false });
    const client = new TestClient(ws, codec);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
  }

  /** Sends any value encoded with the client's codec (commands, batches, or deliberately wrong shapes). */
  override send(value: unknown): void {
    this.ws.send(this.codec.encode(value));
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  close(): Promise<{ code: number; reason: string }> {
    this.ws.close();
    return this.closed;
  }
}
