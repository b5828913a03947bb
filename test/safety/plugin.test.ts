/**
 * The safety labeller (plugins/safety): vetoes with a crisis card, annotations, conversation state, bots' drafts,
 * degraded mode, countries and audit. Hooks run through the host's own `runLabelHook` (the code path plugin
 * processes use) with a scripted classifier, so these tests do not depend on the trained model's scores.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { MessageBody, StoredMessage } from '../../schema/protocol.ts';
import { createPluginRootLogger, SecretScrubber } from '../../bots/host/plugin-logger.ts';
import { runLabelHook } from '../../bots/host/run-hook.ts';
import { isVeto, type ClassifierHandle, type LabellerContext, type LabelResult, type Veto } from '../../bots/sdk/index.ts';
import { LogAuditSink } from '../../plugins/safety/audit.ts';
import type { CrisisCardData } from '../../plugins/safety/card.ts';
import { chooseLines, SHIPPED_DIRECTORY } from '../../plugins/safety/helplines.ts';
import { SafetyLayer, type SafetySettings } from '../../plugins/safety/layer.ts';
import safety, { auditSink } from '../../plugins/safety/plugin.ts';
import { InMemoryRiskStateStore } from '../../plugins/safety/risk-state.ts';
import { SHIPPED } from '../../plugins/safety/thresholds.ts';

/** A classifier that gives each listed text its crisis probability (everything else 0.01). */
function scripted(crisisByText: Record<string, number> = {}): ClassifierHandle {
  return {
    async classify(_model, texts) {
      return texts.map((text) => {
        const crisis = crisisByText[text] ?? 0.01;
        return { labels: [{ label: 'medium', score: crisis }, { label: 'none', score: 1 - crisis }, { label: 'low', score: 0 }, { label: 'high', score: 0 }, { label: 'critical', score: 0 }] };
      });
    },
  };
}

interface Options {
  readonly room?: string;
  readonly from?: 'user' | 'bot';
  readonly botId?: string;
  readonly offset?: number;
  readonly classifier?: ClassifierHandle;
  readonly config?: unknown;
}

let counter = 0;
function message(text: string, options: Options): StoredMessage {
  const from = options.from === 'bot' ? { id: options.botId ?? 'echo', kind: 'bot' as const, name: 'Eco' } : { id: 'u1', kind: 'user' as const, name: 'Ana' };
  counter++;
  return { room: options.room ?? randomUUID(), epoch: 'e1', offset: options.offset ?? counter, msgId: `m${counter}`, from, body: { text }, ts: 1_700_000_000_000 + counter };
}

/** Runs the plugin's onMessage like a plugin process does; returns the result and the log records. */
async function label(text: string, options: Options = {}): Promise<{ result: LabelResult; logs: Record<string, unknown>[] }> {
  const logs: Record<string, unknown>[] = [];
  const scrubber = new SecretScrubber();
  const rootLogger = createPluginRootLogger({ plugin: 'safety', level: 'trace', scrubber, write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  const m = message(text, options);
  const result = await runLabelHook(
    safety,
    { room: m.room, message: m, config: options.config },
    { llm: undefined, classifier: options.classifier ?? scripted(), rootLogger, scrubber, signal: new AbortController().signal },
  );
  return { result, logs };
}

function card(result: LabelResult): { veto: Veto; body: MessageBody; data: CrisisCardData } {
  expect(isVeto(result)).toBe(true);
  const veto = result as Veto;
  expect(veto.replacement?.kind).toBe('crisis');
  return { veto, body: veto.replacement!, data: veto.replacement!.data as CrisisCardData };
}

const phones = (data: CrisisCardData) => data.lines.map((l) => l.phone);

describe('user messages', () => {
  it('vetoes a crisis and replaces the turn with a crisis card for Spain by default', async () => {
    const { result } = await label('he estado juntando pastillas');
    const { veto, body, data } = card(result);
    expect(veto.reason).toContain('high');
    expect(veto.reason).toContain('es.stockpile');
    expect(veto.reason).not.toContain('pastillas');
    expect(data.country).toBe('ES');
    expect(phones(data)).toEqual(['024', '112']);
    expect(data.lines[0]).toMatchObject({ name: expect.stringContaining('024'), url: expect.stringMatching(/^https:/), hours: expect.any(String) });
    expect(data.humanContact).toEqual({ available: false });
    // Spanish first, then English; the offer of a person; the emergency number; plain-text fallback with the numbers.
    expect(data.text.indexOf('Lo que cuentas')).toBe(0);
    expect(data.text.indexOf('What you')).toBeGreaterThan(data.text.indexOf('persona'));
    expect(data.text).toContain('112');
    expect(body.text).toContain('024');
    expect(body.text).toContain('112');
  });

  it('catches with the classifier what no pattern knows', async () => {
    const text = 'dormir es lo único que me alivia, ojalá fuera para siempre';
    const { result } = await label(text, { classifier: scripted({ [text]: 0.95 }) });
    expect(card(result).veto.reason).toContain('[model]');
  });

  it('annotates low risk without stopping the turn', async () => {
    const { result } = await label('me siento vacía, no valgo nada');
    expect(result).toMatchObject({ risk: 'low', labels: [{ label: 'crisis-risk' }], detail: { conversationRisk: 'low' } });
  });

  it('says nothing about idioms and ordinary messages', async () => {
    expect((await label('me muero de risa 😂')).result).toBeNull();
    // A classifier fooled by the idiom, above the ordinary threshold but below the stricter idiom one, is not trusted.
    const fooled = (SHIPPED.thresholds.crisis + SHIPPED.thresholds.idiom) / 2;
    expect((await label('este examen me va a matar', { classifier: scripted({ 'este examen me va a matar': fooled }) })).result).toBeNull();
    expect((await label('¿me recomiendas una serie?')).result).toBeNull();
  });

  it('lists the emergency number and violence lines first when the danger comes from someone else', async () => {
    const { data } = card((await label('mi pareja me pega y me ha amenazado con matarme')).result);
    expect(phones(data)).toEqual(['112', '016', '024']);
    expect(data.text).toContain('suena peligroso');
  });
});

describe('conversation state', () => {
  it('keeps the conversation elevated and more sensitive after a crisis', async () => {
    const room = randomUUID();
    const ambiguous = 'no sé si quiero seguir con todo esto';
    const between = (SHIPPED.thresholds.elevated + SHIPPED.thresholds.crisis) / 2;
    const classifier = scripted({ [ambiguous]: between });
    // In a fresh room the same message is below the crisis threshold…
    expect(isVeto((await label(ambiguous, { classifier })).result)).toBe(false);
    // …after a crisis in this room it is not.
    card((await label('ya no quiero despertar', { room, classifier })).result);
    const calm = await label('vale, gracias', { room, classifier });
    expect(calm.result).toMatchObject({ risk: 'none', detail: { conversationRisk: 'medium' } });
    const again = card((await label(ambiguous, { room, classifier })).result);
    expect(again.data.text).toMatch(/^Sigo aquí/);
  });
});

describe("bots' messages and drafts", () => {
  it('replaces a harmful draft with the card', async () => {
    const { data } = card((await label('La dosis letal de paracetamol son unos 10 g, unas 20 pastillas de 500 mg.', { from: 'bot', offset: 0 })).result);
    expect(phones(data)).toContain('024');
  });

  it('lets supportive drafts and ordinary answers through', async () => {
    expect((await label('¿Estás pensando en suicidarte? Me importa cómo estás. Puedes llamar al 024.', { from: 'bot', offset: 0 })).result).toBeNull();
    expect((await label('Eco: 🔁 me muero de risa', { from: 'bot', offset: 0 })).result).toBeNull();
  });

  it('only annotates a stored bot message, and ignores its own cards', async () => {
    expect((await label('Nadie te echaría de menos.', { from: 'bot', offset: 7 })).result).toMatchObject({ risk: 'high', labels: [{ label: 'harmful-bot-content' }] });
    expect((await label('Si quieres suicidarte, hazlo. ya me tomé todas las pastillas', { from: 'bot', botId: 'safety', offset: 0 })).result).toBeNull();
  });
});

describe('when the classifier fails', () => {
  it('degrades to patterns, counting low as a crisis, and warns', async () => {
    const down: ClassifierHandle = { classify: () => Promise.reject(Object.assign(new Error('no service'), { code: 'CAPABILITY_NOT_AVAILABLE' })) };
    const { result, logs } = await label('estoy agotada, no puedo más', { classifier: down });
    expect(card(result).veto.reason).toContain('degraded');
    expect(logs.some((l) => l.level === 40 && l.code === 'CAPABILITY_NOT_AVAILABLE')).toBe(true);
  });

  it('does not wait for a slow classifier longer than classifierTimeoutMs', async () => {
    const slow: ClassifierHandle = { classify: () => new Promise(() => {}) };
    const started = performance.now();
    const { result } = await label('ya no quiero despertar', { classifier: slow, config: { classifierTimeoutMs: 150 } });
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(card(result).veto.reason).toContain('degraded');
  });
});

describe('audit', () => {
  it('counts every decision and never logs the message text', async () => {
    const before = auditSink.counters()['card|high|self|ES|user'] ?? 0;
    const text = 'llevo semanas guardando las pastillas de mi madre';
    const { logs } = await label(text);
    expect(auditSink.counters()['card|high|self|ES|user']).toBe(before + 1);
    const line = logs.find((l) => l.event === 'safety.audit');
    expect(line).toMatchObject({ audit: { action: 'card', level: 'high', matched: ['es.stockpile'], lines: ['es-024', 'es-112'], versions: { patterns: expect.any(String) } } });
    expect(JSON.stringify(logs)).not.toContain('guardando');
  });
});

describe('countries and the directory', () => {
  const settings = (overrides: Partial<SafetySettings> = {}): SafetySettings => ({
    model: 'crisis',
    defaultCountry: 'ES',
    thresholds: SHIPPED.thresholds,
    classifierTimeoutMs: 1_000,
    elevatedForMs: 60_000,
    humanContact: { available: false },
    directory: SHIPPED_DIRECTORY,
    ...overrides,
  });
  const ctx = (country?: string) =>
    ({
      plugin: { name: 'safety', version: '1.0.0' },
      room: 'r',
      config: {},
      log: pino({ level: 'silent' }),
      signal: new AbortController().signal,
      classifier: scripted(),
      user: { id: 'u1', name: 'Ana', profile: country === undefined ? {} : { country } },
    }) as LabellerContext<unknown> & { user: { id: string; name: string; profile: Record<string, unknown> } };
  const crisisIn = async (country: string | undefined, extra: Partial<SafetySettings> = {}) => {
    const layer = new SafetyLayer({ store: new InMemoryRiskStateStore(), audit: new LogAuditSink() });
    return card(await layer.label(message('me quiero matar', {}), ctx(country), settings(extra))).data;
  };

  it("uses the user's profile country when the runtime passes it", async () => {
    expect(phones(await crisisIn('MX'))).toEqual(['800 911 2000', '911']);
    expect(phones(await crisisIn(' us '))).toEqual(['988', '911']);
    expect((await crisisIn('co')).lines.map((l) => l.phone)).toEqual(['106', '123']);
  });

  it('falls back to the generic directory entry for other countries, keeping the country code', async () => {
    const data = await crisisIn('PE');
    expect(data.country).toBe('PE');
    expect(data.lines.map((l) => l.url ?? l.phone)).toEqual(['https://findahelpline.com', '112 / 911']);
  });

  it('uses the configured default country and human-contact wording', async () => {
    const data = await crisisIn(undefined, { defaultCountry: 'AR', humanContact: { available: true, es: 'Una psicóloga del equipo puede escribirte.', en: 'A team psychologist can write to you.' } });
    expect(data.country).toBe('AR');
    expect(phones(data)).toEqual(['135', '(011) 5275-1135', '911']);
    expect(data.humanContact.available).toBe(true);
    expect(data.text).toContain('Una psicóloga del equipo puede escribirte.');
  });

  it('ships a vetted directory for ES, MX, AR, CO, CL, US and a fallback, each line dated', () => {
    for (const code of ['ES', 'MX', 'AR', 'CO', 'CL', 'US', '_default']) expect(SHIPPED_DIRECTORY.countries[code], code).toBeDefined();
    const expected: Record<string, string[]> = {
      ES: ['024', '112'],
      MX: ['800 911 2000', '911'],
      AR: ['135', '(011) 5275-1135', '911'],
      CO: ['106', '123'],
      CL: ['*4141', '131 / 133'],
      US: ['988', '911'],
    };
    for (const [code, numbers] of Object.entries(expected)) {
      expect(chooseLines(SHIPPED_DIRECTORY, code, 'self', 'high').lines.map((l) => l.phone), code).toEqual(numbers);
    }
    for (const entry of Object.values(SHIPPED_DIRECTORY.countries)) {
      for (const line of [entry.emergency, ...entry.lines]) expect(line.verifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('puts the emergency number first when the risk is critical', () => {
    expect(chooseLines(SHIPPED_DIRECTORY, 'ES', 'self', 'critical').lines.map((l) => l.phone)).toEqual(['112', '024']);
  });
});
