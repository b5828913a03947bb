/** The classify CLI as a separate process: JSON lines in, JSON lines out, with the real model (onnxruntime in-process). */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonLines, runScript } from '../support/run-script.ts';
import { main } from '../../plugins/spoiler-detector/classify-cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(ROOT, 'plugins/spoiler-detector/classify-cli.ts');
const empty = mkdtempSync(path.join(os.tmpdir(), 'spoiler-no-models-'));
afterAll(() => rmSync(empty, { recursive: true, force: true }));

const runCli = (input: string, args: string[] = [], env: Record<string, string> = {}) =>
  runScript(CLI, { args, input, cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
const lines = jsonLines;

describe('classify-cli (spawned)', () => {
  it('answers each JSON line with redFlag, categories and risk, in order', async () => {
    const input = [
      { text: 'si sales con tus amigas otra vez te dejo, y dame tu contraseña' },
      { text: 'Avísame cuando llegues a casa, ¿vale? Te quiero' },
      { id: 'q3', text: 'If you leave me I will kill you' },
      { text: 'Él: ¿dónde estás?\nÉl: mándame tu ubicación ya\nÉl: y vuelve a las 10' },
    ]
      .map((row) => JSON.stringify(row))
      .join('\n');
    const { code, stdout, stderr } = await runCli(`${input}\n`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = lines(stdout);
    expect(out).toHaveLength(4);
    for (const row of out) expect(Object.keys(row).filter((k) => k !== 'id').sort()).toEqual(['categories', 'redFlag', 'risk']);
    expect(out[0]).toMatchObject({ redFlag: true, risk: expect.stringMatching(/medium|high|critical/) });
    expect(out[0]?.categories).toEqual(expect.arrayContaining(['surveillance']));
    expect(out[1]).toEqual({ redFlag: false, categories: [], risk: 'none' });
    expect(out[2]).toEqual({ id: 'q3', redFlag: true, categories: ['threats'], risk: 'critical' });
    expect(out[3]).toMatchObject({ redFlag: true });
    expect(out[3]?.categories).toEqual(expect.arrayContaining(['surveillance']));
  });

  it('answers a bad line with an error in its place and exits 2; blank lines are skipped', async () => {
    const { code, stdout } = await runCli('{"text":"hola"}\n\nnot json\n{"nope":1}\n{"text":"eres una inútil"}\n');
    const out = lines(stdout);
    expect(out).toHaveLength(4);
    expect(out[0]).toEqual({ redFlag: false, categories: [], risk: 'none' });
    expect(out[1]).toHaveProperty('error');
    expect(out[2]).toHaveProperty('error');
    expect(out[3]).toMatchObject({ redFlag: true, categories: ['insults'] });
    expect(code).toBe(2);
  });

  it('fails plainly when the model is missing, unless told to use the cues alone', async () => {
    const missing = await runCli('{"text":"dame tu contraseña"}\n', [], { MODELS_DIR: empty });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('could not be loaded');
    const cues = await runCli('{"text":"dame tu contraseña"}\n', ['--cues-only', '--details'], { MODELS_DIR: empty });
    expect(cues.code).toBe(0);
    expect(lines(cues.stdout)[0]).toMatchObject({ redFlag: true, categories: ['surveillance'], risk: 'medium', source: 'cues' });
  });
});

describe('classify-cli main(stdin, stdout) in-process', () => {
  it('batches many lines into few model calls and keeps their order', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    let written = '';
    stdout.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const texts = Array.from({ length: 150 }, (_, i) => (i % 3 === 0 ? `dame tu contraseña ${i}` : `hola, ¿qué tal? ${i}`));
    stdin.end(texts.map((text, id) => JSON.stringify({ id, text })).join('\n'));
    const code = await main(stdin, stdout, []);
    expect(code).toBe(0);
    const out = lines(written);
    expect(out.map((row) => row.id)).toEqual(texts.map((_, i) => i));
    expect(out.filter((row) => row.redFlag).map((row) => row.id)).toEqual(texts.map((_, i) => i).filter((i) => i % 3 === 0));
  });
});
