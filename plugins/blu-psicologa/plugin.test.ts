/**
 * BLU through the kit: the same context building, capability scoping and output checks as production, the real
 * OpenAI/Anthropic SDKs against the scripted SSE server, and the engine's real storage service (PostgreSQL) for
 * the conversation memory.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPluginTurn, type KitMessage } from '../../bots/kit/index.ts';
import type { StoredMessage } from '../../schema/protocol.ts';
import { createStore } from '../../engine/src/storage/orm-store.ts';
import type { Store } from '../../engine/src/storage/store.ts';
import { silentLogger, testConfig } from '../../engine/src/storage/test-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/pg.ts';
import { DISCLOSURE, IDENTITY_ANSWER } from './disclosure.ts';
import { CORRECTION } from './guard.ts';
import { MEMORY_COLLECTION, MEMORY_ID } from './memory.ts';
import { OFFLINE_LABEL } from './offline.ts';
import blu from './plugin.ts';

let db: TestDatabase;
let store: Store;
beforeAll(async () => {
  db = await createTestDatabase('blu');
  store = await createStore(testConfig(db.url), silentLogger());
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

const SELF = 'blu-psicologa';
const systemOf = (request: { body: unknown } | undefined): string => {
  const body = request?.body as { messages: { role: string; content: string }[] };
  return body.messages.find((m) => m.role === 'system')?.content ?? '';
};
const earlier: KitMessage[] = [{ from: 'user', text: 'hola' }, { from: 'bot', text: 'Hola, aquí estoy.' }];
const crisisCardMessage = (offset: number): StoredMessage => ({
  room: 'kit-room', epoch: 'kit', offset, msgId: `card-${offset}`, ts: Date.now(), from: { id: 'safety', kind: 'bot', name: 'Seguridad' },
  body: { kind: 'crisis', text: 'Lo que cuentas es importante…', data: { country: 'ES', lines: [], text: '…' } },
});

describe('AI disclosure (guaranteed by the plugin, not the model)', () => {
  it('opens the first answer with the disclosure, then streams the model', async () => {
    const result = await runPluginTurn(blu, { text: 'hola, hoy estoy agobiada', llm: { scripted: [{ tokens: ['Te leo. ', '¿Qué ha pasado?'] }, { tokens: ['resumen'] }] } });
    expect(result.text).toBe(`${DISCLOSURE.es}\n\nTe leo. ¿Qué ha pasado?`);
    expect(systemOf(result.llmRequests[0])).toMatch(/ya ha mostrado/);
  });

  it('does not repeat it on later answers, unless asked — in Spanish or English', async () => {
    const later = await runPluginTurn(blu, { text: 'sigo igual', window: earlier, llm: { scripted: [{ tokens: ['Vale.'] }, { tokens: ['r'] }] } });
    expect(later.text).toBe('Vale.');
    const asked = await runPluginTurn(blu, { text: '¿eres una persona de verdad?', window: earlier, llm: { scripted: [{ tokens: ['Sigo aquí.'] }, { tokens: ['r'] }] } });
    expect(asked.text.startsWith(IDENTITY_ANSWER.es)).toBe(true);
    const english = await runPluginTurn(blu, { text: 'are you a real therapist?', window: earlier, llm: { scripted: [{ tokens: ['OK.'] }, { tokens: ['r'] }] } });
    expect(english.text.startsWith(IDENTITY_ANSWER.en)).toBe(true);
  });

  it('discloses offline too', async () => {
    const result = await runPluginTurn(blu, { text: '¿eres humana?', window: earlier });
    expect(result.bodies[0]?.text).toContain(IDENTITY_ANSWER.es);
    expect(result.bodies[0]?.data).toMatchObject({ offline: true });
  });
});

describe('style adaptation from the profile', () => {
  it('sends the person’s communication rules to the model, and none when there are none', async () => {
    const adapted = await runPluginTurn(blu, {
      text: 'no sé qué hacer', window: earlier,
      user: { profile: { communication: { literal: true, shortSentences: true, oneQuestionAtATime: true }, sensory: ['sound'], secretField: 'x' } },
      llm: { scripted: [{ tokens: ['Vale.'] }, { tokens: ['r'] }] },
    });
    const system = systemOf(adapted.llmRequests[0]);
    expect(system).toMatch(/Lenguaje literal/);
    expect(system).toMatch(/como máximo 12 palabras/);
    expect(system).toMatch(/Una sola pregunta por respuesta/);
    expect(system).toMatch(/ruidos y sonidos/);
    const plain = await runPluginTurn(blu, { text: 'no sé qué hacer', window: earlier, llm: { scripted: [{ tokens: ['Vale.'] }, { tokens: ['r'] }] } });
    expect(systemOf(plain.llmRequests[0])).not.toMatch(/PREFERENCIAS DE COMUNICACIÓN/);
  });

  it('leaves senses the person finds hard out of the offline grounding exercise', async () => {
    const result = await runPluginTurn(blu, { text: 'necesito anclarme', window: earlier, user: { profile: { sensory: ['sound', 'smell'] } } });
    const items = (result.bodies[0]?.data as { items: string[] }).items;
    expect(items.some((i) => /oír/.test(i))).toBe(false);
    expect(items.some((i) => /oler/.test(i))).toBe(false);
    expect(items.some((i) => /ver/.test(i))).toBe(true);
  });
});

describe('the output guard on the model stream', () => {
  it('never shows a sentence claiming a title or diagnosing; corrects and stops the answer', async () => {
    const result = await runPluginTurn(blu, {
      text: 'no me concentro', window: earlier,
      llm: { scripted: [{ tokens: ['Te entiendo. ', 'Soy psicóloga', ' y creo que tienes TDAH. ', 'Toma esto.'] }, { tokens: ['r'] }] },
    });
    expect(result.text).toBe(`Te entiendo.\n\n${CORRECTION.es}`);
    expect(result.text).not.toMatch(/Soy psicóloga|TDAH|Toma esto/);
    expect(result.logs.some((l) => l.event === 'blu.guard' && l.rule === 'title')).toBe(true);
  });

  it('blocks a prescription in English', async () => {
    const result = await runPluginTurn(blu, {
      text: 'I cannot sleep at all', window: earlier,
      llm: { scripted: [{ tokens: ['That sounds exhausting. ', 'You could take 5 mg of melatonin tonight.'] }, { tokens: ['r'] }] },
    });
    expect(result.text).toBe(`That sounds exhausting.\n\n${CORRECTION.en}`);
  });
});

describe('crisis hand-off', () => {
  it('answers a plain crisis message with the fixed hand-off, never with the model', async () => {
    const result = await runPluginTurn(blu, { text: 'ya no quiero vivir', window: earlier, llm: { scripted: { tokens: ['no debería verse'] } } });
    expect(result.usage.llmRequests).toBe(0);
    expect(result.text).toBe('');
    expect(result.bodies[0]).toMatchObject({ kind: 'text', data: { notice: 'BLU_CRISIS_HANDOFF' } });
    expect(result.bodies[0]?.text).toMatch(/número de emergencias/);
    expect(result.logs.some((l) => l.event === 'blu.crisis-handoff')).toBe(true);
  });

  it('says it is an AI even when its first answer is the repeated hand-off after the safety card', async () => {
    const window: KitMessage[] = [{ from: 'user', text: 'hola' }, crisisCardMessage(2)];
    const result = await runPluginTurn(blu, { text: 'ya no quiero vivir', window });
    expect(result.bodies[0]?.text).toMatch(/^Soy BLU, una inteligencia artificial de acompañamiento\..*\n\nSigo aquí\./s);
  });

  it('opens every answer of an elevated conversation with where help is, and tells the model', async () => {
    const window: KitMessage[] = [{ from: 'user', text: 'hola' }, crisisCardMessage(2), { from: 'bot', text: 'Aquí estoy.' }];
    const result = await runPluginTurn(blu, { text: 'gracias, ya estoy algo mejor', window, llm: { scripted: [{ tokens: ['Me alegra leerte.'] }, { tokens: ['r'] }] } });
    expect(result.text).toMatch(/^Sigo aquí contigo\. Las líneas de ayuda de la tarjeta de seguridad.*\n\nMe alegra leerte\.$/s);
    expect(systemOf(result.llmRequests[0])).toMatch(/ATENCIÓN/);
    const body = result.llmRequests[0]?.body as { messages: { content: string }[] };
    expect(JSON.stringify(body.messages)).not.toContain('Lo que cuentas es importante');
    const offline = await runPluginTurn(blu, { text: 'gracias', window });
    expect(offline.bodies[0]?.text).toMatch(/Sigo aquí contigo/);
    expect((offline.bodies[0]?.data as { items: string[] }).items.at(-1)).toMatch(/tarjeta de seguridad/);
  });
});

describe('offline mode (no model configured)', () => {
  it('labels itself plainly and offers fixed exercises, cards and helplines by intent', async () => {
    const first = await runPluginTurn(blu, { text: 'tengo un ataque de pánico' });
    expect(first.usage.llmRequests).toBe(0);
    expect(first.bodies).toHaveLength(1);
    const body = first.bodies[0]!;
    expect(body.kind).toBe('card');
    expect(body.text.startsWith(OFFLINE_LABEL.es)).toBe(true);
    expect(body.text).toContain(DISCLOSURE.es);
    expect(body.data).toMatchObject({ title: 'Anclaje 5-4-3-2-1', offline: true, intent: 'grounding', note: expect.stringContaining('Modo sin conexión — no soy la IA completa') });

    const cases: [string, string][] = [
      ['quiero respirar', 'breathing'], ['estoy en shutdown', 'overload'], ['creo que tengo burnout', 'burnout'],
      ['estoy cansada de hacer masking', 'masking'], ['tengo mucha ansiedad', 'anxiety'], ['¿qué teléfonos de ayuda hay?', 'helplines'],
      ['I feel anxious', 'anxiety'], ['hola', 'menu'],
    ];
    for (const [text, intent] of cases) {
      const result = await runPluginTurn(blu, { text, window: earlier });
      expect(result.bodies[0]?.data, text).toMatchObject({ intent, offline: true });
    }
    const english = await runPluginTurn(blu, { text: 'I need to breathe', window: earlier });
    expect(english.bodies[0]?.text.startsWith(OFFLINE_LABEL.en)).toBe(true);
    const lines = await runPluginTurn(blu, { text: 'helplines please', window: earlier });
    expect(lines.bodies[0]?.data).toMatchObject({ intent: 'helplines', title: 'Helplines' });
    expect(lines.bodies[0]?.text).not.toMatch(/\d{3}/); // no phone numbers from a plugin
  });
});

describe('conversation memory (real storage service)', () => {
  it('stores a model summary after each answer and feeds it into the next prompt', async () => {
    const room = randomUUID();
    const storage = store.pluginStorage();
    const first = await runPluginTurn(blu, {
      room, storage, text: 'me cuesta dormir por el trabajo',
      llm: { scripted: [{ tokens: ['Vaya, eso cansa.'] }, { tokens: ['La persona duerme mal por estrés laboral.'] }] },
    });
    expect(first.usage.llmRequests).toBe(2);
    expect(JSON.stringify(first.llmRequests[1]?.body)).toContain('me cuesta dormir por el trabajo');
    const record = (await storage.run(SELF, { room }, { scope: 'room', collection: MEMORY_COLLECTION, call: { op: 'get', id: MEMORY_ID } })) as any;
    expect(record.data).toMatchObject({ summary: 'La persona duerme mal por estrés laboral.', turns: 1 });

    const second = await runPluginTurn(blu, {
      room, storage, text: 'hoy igual', window: [{ from: 'user', text: 'me cuesta dormir por el trabajo' }, { from: 'bot', text: 'Vaya, eso cansa.' }],
      llm: { scripted: [{ tokens: ['¿Qué has probado?'] }, { tokens: ['Sigue durmiendo mal.'] }] },
    });
    expect(systemOf(second.llmRequests[0])).toContain('La persona duerme mal por estrés laboral.');
    const after = (await storage.run(SELF, { room }, { scope: 'room', collection: MEMORY_COLLECTION, call: { op: 'get', id: MEMORY_ID } })) as any;
    expect(after.data).toMatchObject({ summary: 'Sigue durmiendo mal.', turns: 2 });
  });

  it('keeps a deterministic extractive summary offline, and re-discloses after REDISCLOSE_EVERY answers', async () => {
    const room = randomUUID();
    const storage = store.pluginStorage();
    await runPluginTurn(blu, { room, storage, text: 'tengo mucha ansiedad' });
    await runPluginTurn(blu, { room, storage, text: 'quiero respirar', window: earlier });
    const record = (await storage.run(SELF, { room }, { scope: 'room', collection: MEMORY_COLLECTION, call: { op: 'get', id: MEMORY_ID } })) as any;
    expect(record.data).toMatchObject({ turns: 2, topics: ['ansiedad', 'respiración'] });
    expect(record.data.summary).toBe('Temas: ansiedad, respiración. Último mensaje de la persona: «quiero respirar»');

    await storage.run(SELF, { room }, { scope: 'room', collection: MEMORY_COLLECTION, call: { op: 'put', id: MEMORY_ID, data: { ...record.data, turns: 15 } } });
    const reminder = await runPluginTurn(blu, { room, storage, text: 'hola otra vez', window: earlier });
    expect(reminder.bodies[0]?.text).toContain(DISCLOSURE.es);
  });

  it('keeps the answer and the previous summary when the summary request is too slow', async () => {
    const room = randomUUID();
    const storage = store.pluginStorage();
    await runPluginTurn(blu, { room, storage, text: 'hola', llm: { scripted: [{ tokens: ['Hola.'] }, { tokens: ['Saludo inicial.'] }] } });
    const slow = await runPluginTurn(blu, {
      room, storage, text: 'sigo aquí', window: earlier, config: { summaryTimeoutMs: 500 },
      llm: { scripted: [{ tokens: ['Me alegra.'] }, { tokens: ['nunca llega'], firstTokenDelayMs: 10_000 }] },
    });
    expect(slow.text).toBe('Me alegra.');
    const record = (await storage.run(SELF, { room }, { scope: 'room', collection: MEMORY_COLLECTION, call: { op: 'get', id: MEMORY_ID } })) as any;
    expect(record.data).toMatchObject({ summary: 'Saludo inicial.', turns: 2 });
  });

  it('answers without memory where storage is not available', async () => {
    const result = await runPluginTurn(blu, { text: 'hola', window: earlier, llm: { scripted: [{ tokens: ['Hola.'] }, { tokens: ['r'] }] } });
    expect(result.text).toBe('Hola.');
    expect(result.logs.some((l) => l.msg === 'conversation memory unavailable; answering without it')).toBe(true);
  });
});
