/**
 * The plugin's hooks through the kit harness (in-process, production context building and output checks), with the
 * real inference service (a separate onnxruntime process serving models/spoiler.onnx) reached by `ctx.classifier`,
 * and without it (cues only).
 */
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPluginLabeller, runPluginTurn } from '../../bots/kit/index.ts';
import { INFERENCE_SOCKET_VARIABLE, startInferenceService, type InferenceServiceHandle } from '../../bots/inference/index.ts';
import type { Annotation } from '../../bots/sdk/index.ts';
import plugin from '../../plugins/spoiler-detector/plugin.ts';
import type { AnalysisCard } from '../../plugins/spoiler-detector/report.ts';

const MODELS_DIR = fileURLToPath(new URL('../../models', import.meta.url));
let service: InferenceServiceHandle;
const previousSocket = process.env[INFERENCE_SOCKET_VARIABLE];

beforeAll(async () => {
  service = await startInferenceService({ modelsDir: MODELS_DIR, logger: pino({ level: 'silent' }), threads: 1, maxWaitMs: 0 });
  process.env[INFERENCE_SOCKET_VARIABLE] = service.socketPath;
});
afterAll(async () => {
  if (previousSocket === undefined) delete process.env[INFERENCE_SOCKET_VARIABLE];
  else process.env[INFERENCE_SOCKET_VARIABLE] = previousSocket;
  await service?.close();
});

const annotate = async (text: string, config?: unknown) => (await runPluginLabeller(plugin, { text, ...(config === undefined ? {} : { config }) })).result as Annotation | null;

describe('spoiler-detector labeller (onMessage) with the inference service', () => {
  it('annotates red flags with labels, a risk, explanations per category and help lines', async () => {
    const result = await annotate('si sales con tus amigas otra vez te dejo, y dame tu contraseña');
    expect(result).not.toBeNull();
    const labels = result!.labels.map((l) => l.label);
    expect(labels).toEqual(expect.arrayContaining(['surveillance']));
    expect(labels.some((l) => ['control', 'isolation'].includes(l))).toBe(true);
    for (const label of result!.labels) expect(label.score).toBeGreaterThan(0);
    expect(['medium', 'high', 'critical']).toContain(result!.risk);
    const detail = result!.detail as Record<string, any>;
    expect(detail.kind).toBe('spoiler-flags');
    expect(detail.source).toBe('model+cues');
    expect(detail.model).toBe('spoiler@1.0.0');
    for (const label of labels) expect(detail.explanations[label]).toEqual({ es: expect.any(String), en: expect.any(String) });
    expect(detail.resources.map((r: { phone: string }) => r.phone)).toEqual(
      expect.arrayContaining(['016', '55 5658 1111', '144', '155', '1455', '1-800-799-7233']),
    );
    expect(detail.cues).toEqual(expect.arrayContaining(['surveillance.password']));
    expect(JSON.stringify(result)).not.toContain('amigas otra vez'); // the message text never goes into the annotation
    const stats = await service.stats();
    expect(stats.models.spoiler?.requests).toBeGreaterThan(0);
  });

  it('returns null for healthy messages and respectful concern', async () => {
    expect(await annotate('Avísame cuando llegues a casa, ¿vale? Te quiero')).toBeNull();
    expect(await annotate('Me encanta que tengas tus planes con tus amigas')).toBeNull();
    expect(await annotate('Text me when you get home, love you')).toBeNull();
  });

  it('marks physical danger as critical and says what to do now', async () => {
    const result = await annotate('Anoche me empujó contra la pared y me agarró del cuello');
    expect(result?.risk).toBe('critical');
    expect(result?.labels.map((l) => l.label)).toContain('threats');
    expect((result?.detail as { urgent?: { es: string } }).urgent?.es).toContain('112');
  });

  it('shows only one country’s lines when configured', async () => {
    const result = await annotate('Dame tu contraseña del correo ya', { country: 'AR' });
    const resources = (result?.detail as { resources: { country: string }[] }).resources;
    expect(resources.map((r) => r.country)).toEqual(['AR']);
  });

  it('ignores bot messages, and risks below minRisk', async () => {
    const fromBot = await runPluginLabeller(plugin, { text: 'dame tu contraseña', from: 'bot' });
    expect(fromBot.result).toBeNull();
    expect(await annotate('¿Quién es ese que te escribe? Eres mía', { minRisk: 'high' })).toBeNull();
  });
});

describe('spoiler-detector responder (onTurn) with the inference service', () => {
  it('streams a short analysis in the person’s language and ends with a card', async () => {
    const result = await runPluginTurn(plugin, {
      text: 'analiza esta conversación:\nÉl: ¿dónde estás?\nÉl: mándame tu ubicación ya\nÉl: y no vuelvas a salir con esas amigas tuyas',
    });
    const texts = result.outputs.filter((o) => o.type === 'text');
    expect(texts.length).toBeGreaterThan(3);
    expect(result.outputs.at(-1)?.type).toBe('body');
    const card = result.bodies.at(-1)!;
    expect(card.kind).toBe('card');
    expect(card.text).toBe(result.text);
    const data = card.data as AnalysisCard;
    expect(data.title).toBe('Análisis: señales de alerta');
    expect(data.items.map((i) => i.category)).toEqual(expect.arrayContaining(['surveillance']));
    expect(data.language).toBe('es');
    expect(result.text).toMatch(/Nivel de riesgo: (medio|alto|crítico)/);
    expect(result.text).toContain('016');
    expect(result.text).toContain('Esto no es un diagnóstico');
    expect(result.text).toContain('Red flags:'); // then a short summary in the other language
    expect(result.text.indexOf('Red flags:')).toBeGreaterThan(result.text.indexOf('Nivel de riesgo'));
  });

  it('answers in English for English text, and analyses the earlier messages when only the phrase is sent', async () => {
    const result = await runPluginTurn(plugin, {
      text: 'analyze this conversation',
      window: [
        { from: 'user', text: "He said I'm crazy and that never happened" },
        { from: 'bot', text: 'Señales de alerta …' },
        { from: 'user', text: 'and he checks my phone every night' },
      ],
    });
    const data = result.bodies.at(-1)!.data as AnalysisCard;
    expect(data.language).toBe('en');
    expect(data.items.map((i) => i.category)).toEqual(expect.arrayContaining(['gaslighting', 'surveillance']));
    expect(result.text).toContain('1-800-799-7233');
  });

  it('says plainly when nothing was found, with no help lines', async () => {
    const result = await runPluginTurn(plugin, { text: 'analiza esto: Te quiero mucho, ¿cenamos el viernes?' });
    const data = result.bodies.at(-1)!.data as AnalysisCard;
    expect(data.redFlag).toBe(false);
    expect(data.items).toEqual([]);
    expect(data.resources).toEqual([]);
    expect(result.text).toContain('No he encontrado señales de alerta claras');
  });

  it('follows the profile language', async () => {
    const result = await runPluginTurn(plugin, { text: 'analiza: dame tu contraseña', user: { profile: { language: 'en' } } });
    expect((result.bodies.at(-1)!.data as AnalysisCard).language).toBe('en');
    expect(result.text).toContain('Risk level');
  });
});

describe('without the inference service', () => {
  it('falls back to the cues, says so, and logs why', async () => {
    const socket = process.env[INFERENCE_SOCKET_VARIABLE];
    delete process.env[INFERENCE_SOCKET_VARIABLE];
    try {
      const labelled = await runPluginLabeller(plugin, { text: 'Dame tu contraseña del Instagram ya' });
      const detail = (labelled.result as Annotation).detail as { source: string };
      expect(detail.source).toBe('cues');
      expect(labelled.logs.some((l) => l.msg === 'spoiler model unavailable; using cues only' && l.code === 'CAPABILITY_NOT_AVAILABLE')).toBe(true);
      const turn = await runPluginTurn(plugin, { text: 'analiza: dame tu contraseña' });
      expect(turn.text).toContain('Modelo no disponible');
    } finally {
      process.env[INFERENCE_SOCKET_VARIABLE] = socket;
    }
  });
});
