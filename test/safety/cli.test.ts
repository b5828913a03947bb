/** `npm run -s classify -- crisis` (bots/classify.ts → bots/safety/classify-cli.ts), spawned: JSON lines in and out. */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonLines, runScript } from '../support/run-script.ts';

const classify = (args: string[], input: string, env: Record<string, string> = {}) =>
  runScript('bots/classify.ts', { args, input, env: { ...process.env, MODELS_DIR: 'models', INFERENCE_THREADS: '1', ...env } });
const lines = jsonLines;

describe('classify crisis', () => {
  it('writes one JSON line per input line, in order, with crisis, score and level', async () => {
    const texts = ['me muero de risa', 'ya no quiero despertar', 'he estado juntando pastillas', 'este examen me va a matar', 'nadie me extrañaría', "I'm dying to see it", 'I just took all my pills'];
    const { code, stdout, stderr } = await classify(['crisis'], texts.map((text) => JSON.stringify({ text })).join('\n') + '\n');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = lines(stdout);
    expect(out).toHaveLength(texts.length);
    for (const line of out) {
      expect(Object.keys(line).sort()).toEqual(['crisis', 'level', 'score']);
      expect(line.score).toBeGreaterThanOrEqual(0);
      expect(line.score).toBeLessThanOrEqual(1);
      expect(line.crisis).toBe(['medium', 'high', 'critical'].includes(line.level as string));
    }
    expect(out.map((line) => line.crisis)).toEqual([false, true, true, false, true, false, true]);
    expect(out[2]!.level).toBe('high');
    expect(out[6]!.level).toBe('critical');
  });

  it('answers a bad line with an error line, keeps going, and exits 1', async () => {
    const { code, stdout } = await classify(['crisis'], 'not json\n{"txt": "x"}\n{"text": "hola"}\n\n');
    expect(code).toBe(1);
    expect(lines(stdout)).toEqual([{ error: 'not a JSON line' }, { error: 'expected {"text": "..."}' }, { crisis: false, score: expect.any(Number), level: 'none' }]);
  });

  it('explains its decisions on request and can run without the model', async () => {
    const explained = lines((await classify(['crisis', '--explain'], '{"text":"he estado juntando pastillas"}\n')).stdout);
    expect(explained[0]).toMatchObject({ crisis: true, level: 'high', category: 'self', matched: ['es.stockpile'] });
    const noModel = await classify(['crisis'], '{"text":"hola"}\n', { MODELS_DIR: '/nonexistent' });
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain('--patterns-only');
    const patternsOnly = await classify(['crisis', '--patterns-only'], '{"text":"no puedo más"}\n', { MODELS_DIR: '/nonexistent' });
    expect(lines(patternsOnly.stdout)).toEqual([{ crisis: true, score: 0.8, level: 'medium' }]);
  });

  it('names the classifiers it knows and says plainly when one has not shipped', async () => {
    const usage = await classify([], '');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('crisis|spoiler');
    if (!existsSync('plugins/spoiler-detector/classify-cli.ts')) {
      const spoiler = await classify(['spoiler'], '{"text":"x"}\n');
      expect(spoiler.code).toBe(2);
      expect(spoiler.stderr).toContain('plugins/spoiler-detector/classify-cli.ts does not exist yet');
    }
  });
});
