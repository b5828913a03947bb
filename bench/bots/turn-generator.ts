/**
 * @module bench/bots/turn-generator
 * One load-generator process of the bot scenario. For each room it was given it keeps exactly one bot turn
 * streaming: send a message, read the `turn` pushes, send the next message when the turn ends. It measures, from the
 * emission stamps the model server puts in every token:
 * - first-delta added latency: reception of a turn's first delta − emission of its first token (what the engine adds
 *   to time-to-first-token: plugin process, IPC, runtime, socket);
 * - per-token added latency (the same for every token; later tokens also wait for the coalescing window by design);
 * - time to first delta from the user's send (includes the model's own first-token delay).
 */
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { msgpackCodec } from '../../schema/codec.ts';
import { nowUs } from '../lib/clock.ts';
import { createHistogram, encodeHistogram, recordLatencyUs } from '../lib/histogram.ts';

export interface TurnGenInit { t: 'init'; wsUrl: string; rooms: { room: string; token: string }[]; warmupMs: number; durationMs: number }
export interface TurnGenResult {
  t: 'result';
  firstDeltaAdded: string;
  tokenAdded: string;
  timeToFirstDelta: string;
  turns: number;
  deltas: number;
  tokens: number;
  errors: number;
}

const STAMPS = /‹(\d+)›/g;
const send = (msg: unknown) => process.send?.(msg);

async function run(init: TurnGenInit): Promise<void> {
  const firstDeltaAdded = createHistogram();
  const tokenAdded = createHistogram();
  const timeToFirstDelta = createHistogram();
  const counts = { turns: 0, deltas: 0, tokens: 0, errors: 0 };
  let measuring = false;
  let stopping = false;

  const sockets = await Promise.all(init.rooms.map(({ room, token }) => openRoom(room, token)));
  send({ t: 'ready' });

  async function openRoom(room: string, token: string): Promise<() => void> {
    const ws = new WebSocket(init.wsUrl, [msgpackCodec.name]);
    await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
    let id = 0;
    const request = (cmd: Record<string, unknown>) => ws.send(msgpackCodec.encode({ id: ++id, ...cmd }) as Uint8Array);
    let sentAt = 0;
    let sawFirst = false;
    const next = () => {
      if (stopping) return;
      sentAt = nowUs();
      sawFirst = false;
      request({ type: 'send', room, msgId: randomUUID(), body: { text: 'cuéntame algo' } });
    };
    ws.on('message', (data: Buffer) => {
      const decoded = msgpackCodec.decode(new Uint8Array(data));
      for (const item of (Array.isArray(decoded) ? decoded : [decoded]) as Record<string, any>[]) {
        if (item.type !== 'turn') {
          if (item.ok === false) counts.errors++;
          continue;
        }
        if (item.phase === 'delta') {
          const now = nowUs();
          if (measuring) counts.deltas++;
          for (const [i, match] of [...String(item.text).matchAll(STAMPS)].entries()) {
            const added = now - Number(match[1]);
            if (!measuring) continue;
            counts.tokens++;
            recordLatencyUs(tokenAdded, added);
            if (i === 0 && !sawFirst) {
              recordLatencyUs(firstDeltaAdded, added);
              recordLatencyUs(timeToFirstDelta, now - sentAt);
            }
          }
          sawFirst = true;
        } else if (item.phase === 'end' || item.phase === 'error' || item.phase === 'cancelled') {
          if (measuring) {
            counts.turns++;
            if (item.phase !== 'end') counts.errors++;
          }
          next();
        }
      }
    });
    request({ type: 'auth', token });
    request({ type: 'join', room, limit: 1 });
    return next;
  }

  await new Promise<void>((resolve) => process.once('message', () => resolve())); // the orchestrator says go
  for (const start of sockets) start();
  await new Promise((r) => setTimeout(r, init.warmupMs));
  measuring = true;
  await new Promise((r) => setTimeout(r, init.durationMs));
  measuring = false;
  stopping = true;
  const result: TurnGenResult = {
    t: 'result',
    firstDeltaAdded: encodeHistogram(firstDeltaAdded),
    tokenAdded: encodeHistogram(tokenAdded),
    timeToFirstDelta: encodeHistogram(timeToFirstDelta),
    ...counts,
  };
  send(result);
  setTimeout(() => process.exit(0), 200);
}

process.once('message', (init: TurnGenInit) => void run(init).catch((err: unknown) => {
  send({ t: 'fatal', message: String((err as Error)?.stack ?? err) });
  setTimeout(() => process.exit(1), 100);
}));
process.on('disconnect', () => process.exit(0));
