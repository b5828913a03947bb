/**
 * Sign-link through the real engine WITHOUT the inference service (`INFERENCE_ENABLED=false`): landmark frames get a
 * plain "recognition is not available" answer, never a guessed letter; text → sign keeps working.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { prng, sampleFrame } from '../../plugins/sign-link/fixtures.ts';
import { startTestEngine, type TestEngine } from '../support/engine.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const saved = process.env.INFERENCE_ENABLED;
let t: TestEngine;

beforeAll(async () => {
  process.env.INFERENCE_ENABLED = 'false';
  t = await startTestEngine({}, { bots: { pluginsDirs: [`${ROOT}plugins`], coalesceMs: 30 } });
});
afterAll(async () => {
  await t?.close();
  if (saved === undefined) delete process.env.INFERENCE_ENABLED;
  else process.env.INFERENCE_ENABLED = saved;
});

it('says recognition is unavailable instead of guessing, and still glosses text', async () => {
  const c = await t.client((await t.register('Ana')).token);
  const { room } = await c.ok({ type: 'create', bot: 'sign-link' });
  await c.ok({ type: 'join', room });
  const rand = prng(5);
  const frames = Array.from({ length: 4 }, () => sampleFrame('A', rand).frame);
  const sent = await c.ok({ type: 'send', room, msgId: randomUUID(), body: { kind: 'landmarks', text: '', data: { frames } } });
  const reply = await c.waitForPush('message', (m) => m.room === room && m.offset > sent.offset && m.from.id === 'sign-link', 20_000);
  expect(reply.body).toEqual({
    kind: 'text',
    text: 'El reconocimiento de deletreo no está disponible ahora (el servicio de modelos locales no responde). Tus fotogramas no se han interpretado.',
  });
  const next = await c.ok({ type: 'send', room, msgId: randomUUID(), body: { text: 'Hola Eva' } });
  const glossed = await c.waitForPush('message', (m) => m.room === room && m.offset > next.offset && m.from.id === 'sign-link', 20_000);
  expect(glossed.body.data).toMatchObject({ glosses: ['HOLA', 'E-V-A'], fingerspelling: ['EVA'] });
  await c.close();
});
