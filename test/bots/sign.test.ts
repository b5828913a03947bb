/**
 * Sign-link through the REAL engine: PostgreSQL, the uWS server, the bot runtime with the plugin in its own process,
 * the inference service (onnxruntime in its own process) serving the committed models/fingerspell.onnx, and the
 * engine's plugin storage. Text → a `sign` body; landmark frames → recognised text; bad frames → coded errors;
 * an interpreter request → candidates → choice → stored (encrypted) → listed.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng, sampleFrame } from '../../plugins/sign-link/fixtures.ts';
import type { TestClient } from '../support/client.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const saved = { MODELS_DIR: process.env.MODELS_DIR, INFERENCE_THREADS: process.env.INFERENCE_THREADS };
let t: TestEngine;

beforeAll(async () => {
  // The runtime starts the inference service from the environment: the committed models/, one thread.
  process.env.MODELS_DIR = `${ROOT}models`;
  process.env.INFERENCE_THREADS = '1';
  t = await startTestEngine({}, { bots: { pluginsDirs: [`${ROOT}plugins`], coalesceMs: 30 } });
});
afterAll(async () => {
  await t?.close();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const send = (c: TestClient, room: string, body: Record<string, unknown>) => c.ok({ type: 'send', room, msgId: randomUUID(), body });
const seenTurns = new Set<string>();
/** Sends, waits for the bot's turn to end, returns the stored reply. */
async function ask(c: TestClient, room: string, body: Record<string, unknown>): Promise<any> {
  const sent = await send(c, room, body);
  const start = await c.waitForPush('turn', (p) => p.room === room && p.phase === 'start' && !seenTurns.has(p.turn), 20_000);
  seenTurns.add(start.turn);
  const end = await c.waitForPush('turn', (p) => p.turn === start.turn && ['end', 'error', 'cancelled'].includes(p.phase), 20_000);
  expect(end.error).toBeUndefined();
  expect(end.phase).toBe('end');
  expect(end.offset).toBeGreaterThan(sent.offset);
  return c.waitForPush('message', (m) => m.room === room && m.offset === end.offset);
}

async function signRoom(): Promise<{ c: TestClient; room: string }> {
  const c = await t.client((await t.register('Ana')).token);
  const { room } = await c.ok({ type: 'create', bot: 'sign-link' });
  await c.ok({ type: 'join', room });
  return { c, room };
}

/** Frames spelling `letters` (handshape ids): 3 frames each, a pause between repeated letters. */
function spelled(shapes: string[], seed: number): number[][][] {
  const rand = prng(seed);
  const frames: number[][][] = [];
  shapes.forEach((shape, i) => {
    if (i > 0 && shapes[i - 1] === shape) frames.push([]);
    for (let k = 0; k < 3; k++) frames.push(sampleFrame(shape, rand).frame.map((p) => p.map((n) => Math.round(n * 1e4) / 1e4)));
  });
  return frames;
}

describe('sign-link in a room', () => {
  it('is listed as an accessibility bot with the classifier and storage capabilities', async () => {
    const bots = (await (await fetch(`${t.httpUrl}/api/bots`)).json()) as any[];
    expect(bots.find((b) => b.name === 'sign-link')).toMatchObject({ category: 'accessibility', capabilities: ['classifier', 'storage'] });
  });

  it('answers text with an approximate gloss sequence and fingerspelling, as a stored `sign` body', async () => {
    const { c, room } = await signRoom();
    const reply = await ask(c, room, { text: 'Me llamo Ana' });
    expect(reply.from).toMatchObject({ id: 'sign-link', kind: 'bot' });
    expect(reply.body).toMatchObject({
      kind: 'sign',
      data: { language: 'LSM', glosses: ['YO', 'NOMBRE', 'A-N-A'], fingerspelling: ['ANA'], approximate: true },
    });
    expect(reply.body.text).toContain('aproximadas');
    // (Sentences chosen to stay clear of the safety layer's crisis model, which runs in every room.)
    const lse = await ask(c, room, { text: 'LSE: Pedro no tiene ordenador' });
    expect(lse.body.data).toMatchObject({ language: 'LSE', glosses: ['P-E-D-R-O', 'ORDENADOR', 'TENER', 'NO'], fingerspelling: ['PEDRO'] });
    await c.close();
  });

  it('takes the sign language from the person’s profile (country ES → LSE) when the message does not say', async () => {
    const me = await t.register('Marta');
    const res = await fetch(`${t.httpUrl}/api/me/profile`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${me.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ country: 'ES' }),
    });
    expect(res.status).toBe(200);
    const c = await t.client(me.token);
    const { room } = await c.ok({ type: 'create', bot: 'sign-link' });
    await c.ok({ type: 'join', room });
    const reply = await ask(c, room, { text: 'Yo trabajo en la universidad' });
    expect(reply.body.data).toMatchObject({ language: 'LSE', glosses: ['YO', 'UNIVERSIDAD', 'TRABAJAR'] });
    await c.close();
  });

  it('recognises fingerspelled letters from landmark frames (MediaPipe format) through the inference service', async () => {
    const { c, room } = await signRoom();
    const frames = spelled(['H', 'O', 'L', 'A'], 11);
    const reply = await ask(c, room, { kind: 'landmarks', text: '', data: { language: 'LSM', frames } });
    expect(reply.body.kind).toBe('sign');
    expect(reply.body.data.recognised).toMatchObject({ language: 'LSM', text: 'HOLA', frames: frames.length });
    expect(reply.body.data).toMatchObject({ language: 'LSM', fingerspelling: ['HOLA'], glosses: ['H-O-L-A'] });
    expect(reply.body.text).toContain('«HOLA»');
    // The person's frames are stored as a `landmarks` message, encrypted like any body.
    const history = await c.ok({ type: 'history', room });
    expect(history.messages[0].body).toMatchObject({ kind: 'landmarks', data: { language: 'LSM', frames } });
    const rows = await t.db.query('select ciphertext from messages where room_id = $1', [room]);
    expect(rows.rows.length).toBe(2);
    for (const row of rows.rows) expect((row.ciphertext as Buffer).toString('latin1')).not.toMatch(/frames|HOLA|0\.\d{3}/);
    await c.close();
  });

  it('uses the language of the frames: the LSE T and the LSE K, with a doubled letter', async () => {
    const { c, room } = await signRoom();
    const reply = await ask(c, room, { kind: 'landmarks', text: '', data: { language: 'LSE', frames: spelled(['T-LSE', 'A', 'K', 'K'], 12) } });
    expect(reply.body.data.recognised.text).toBe('TAKK');
    await c.close();
  });

  it('answers frames with no recognisable hand plainly (degenerate points, only pauses) and carries on', async () => {
    const { c, room } = await signRoom();
    const flat = Array.from({ length: 21 }, () => [0.5, 0.5, 0]);
    const reply = await ask(c, room, { kind: 'landmarks', text: '', data: { language: 'LSE', frames: [flat, flat, flat, [], []] } });
    expect(reply.body.kind).toBe('text');
    expect(reply.body.text).toContain('No reconocí ninguna letra estática del alfabeto de LSE');
    expect(reply.body.data.recognised).toMatchObject({ text: '', frames: 5 });
    await c.close();
  });

  it('refuses malformed landmark frames with BAD_ARGS naming the field, stores nothing, and keeps the socket', async () => {
    const { c, room } = await signRoom();
    const frame = spelled(['A'], 1)[0]!;
    const cases: [unknown, string][] = [
      [{ frames: [frame.slice(0, 20)] }, 'body.data.frames[0]: expected 21 landmarks'],
      [{ frames: [[...frame.slice(0, 20), ['x', 0, 0]]] }, 'body.data.frames[0][20]: expected [x, y, z]'],
      [{ frames: [] }, 'body.data.frames: must not be empty'],
      [{ language: 'ASL', frames: [frame] }, 'body.data.language'],
      [{ frames: Array.from({ length: 65 }, () => []) }, 'more than 64 items'],
      [undefined, 'body.data: expected object'],
    ];
    for (const [data, message] of cases) {
      const reply = await c.request({ type: 'send', room, msgId: randomUUID(), body: { kind: 'landmarks', text: '', ...(data === undefined ? {} : { data }) } });
      expect(reply.ok).toBe(false);
      expect(reply.error).toMatchObject({ code: 'BAD_ARGS', temporary: false });
      expect(reply.error.message).toContain(message);
    }
    // People still may not send bot-only kinds.
    const sign = await c.request({ type: 'send', room, msgId: randomUUID(), body: { kind: 'sign', text: 'x', data: { language: 'LSM', glosses: [], fingerspelling: [] } } });
    expect(sign.error.code).toBe('BAD_ARGS');
    expect((await c.ok({ type: 'history', room })).messages).toEqual([]);
    expect((await c.request({ type: 'ping' })).ok).toBe(true);
    await c.close();
  });

  it('runs an interpreter request through the chat and keeps it, encrypted, in the room’s storage', async () => {
    const { c, room } = await signRoom();
    const offer = await ask(c, room, { text: 'Necesito un intérprete de LSM para el martes a las 10' });
    expect(offer.body.kind).toBe('card');
    expect(offer.body.data.title).toBe('Intérpretes de LSM · martes a las 10:00');
    expect(offer.body.data.items.map((i: any) => i.id)).toEqual(['int-mx-01', 'int-mx-02', 'int-mx-05']);
    expect(offer.body.data.note).toContain('No se contacta a ningún intérprete real');
    expect(offer.body.data.status).toBe('choosing');

    const confirmed = await ask(c, room, { text: 'elijo el 2' });
    expect(confirmed.body).toMatchObject({ kind: 'card', data: { title: 'Solicitud registrada', status: 'requested', requestId: offer.body.data.requestId } });
    expect(confirmed.body.text).toContain('Jorge Ramírez (ejemplo)');
    expect(confirmed.body.text).toContain('nadie ha sido contactado');

    // A later turn (another hook run) reads it back from storage.
    const listed = await ask(c, room, { text: 'mis solicitudes' });
    expect(listed.body.data.items).toEqual([expect.objectContaining({ title: 'LSM · martes a las 10:00', status: 'requested' })]);
    expect(listed.body.data.items[0].detail).toContain('Jorge Ramírez');

    const rows = await t.db.query(`select ciphertext from plugin_records where plugin = 'sign-link' and collection = 'interpreter_requests' and scope_kind = 'room' and scope_id = $1`, [room]);
    expect(rows.rows).toHaveLength(1);
    expect((rows.rows[0].ciphertext as Buffer).toString('latin1')).not.toMatch(/int-mx|requested|LSM/);

    const cancelled = await ask(c, room, { text: 'cancelar la solicitud' });
    expect(cancelled.body.text).toBe('Solicitud cancelada (martes a las 10:00).');
    const after = await ask(c, room, { text: 'mis solicitudes' });
    expect(after.body.data.items[0].status).toBe('cancelled');
    await c.close();
  });

  it('a choice with no open search says so', async () => {
    const { c, room } = await signRoom();
    const reply = await ask(c, room, { text: 'elijo el 2' });
    expect(reply.body, JSON.stringify(reply.body)).toMatchObject({ kind: 'text' });
    expect(reply.body.text).toContain('No hay ninguna búsqueda de intérprete abierta');
    await c.close();
  });
});
