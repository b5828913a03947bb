import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANTHROPIC_MODEL, DEFAULT_OPENAI_MODEL, describeLlmConfig, resolveLlmConfig, withV1Path } from './config.ts';
import { NO_MODEL_CONFIGURED } from './errors.ts';
import { createLlmFromEnv } from './factory.ts';

function capturingLogger() {
  const lines: string[] = [];
  const logger = pino(
    { level: 'debug' },
    new Writable({
      write(line: Buffer, _encoding, done) {
        lines.push(line.toString());
        done();
      },
    }),
  );
  return { logger, output: () => lines.join('') };
}

describe('createLlmFromEnv', () => {
  it('returns undefined when nothing is configured, and says so in the log', () => {
    const { logger, output } = capturingLogger();
    expect(createLlmFromEnv({}, { logger })).toBeUndefined();
    expect(output()).toContain('no language model configured');
  });

  it('treats empty values as unset', () => {
    expect(createLlmFromEnv({ ANTHROPIC_API_KEY: '', OPENAI_API_KEY: '  ', LLM_BASE_URL: '' })).toBeUndefined();
  });

  it('picks Anthropic from its key, with the default model', () => {
    const llm = createLlmFromEnv({ ANTHROPIC_API_KEY: 'sk-ant-secret' });
    expect(llm).toMatchObject({ name: 'anthropic', model: DEFAULT_ANTHROPIC_MODEL });
  });

  it('picks OpenAI from its key, with the default model', () => {
    expect(createLlmFromEnv({ OPENAI_API_KEY: 'sk-secret' })).toMatchObject({ name: 'openai', model: DEFAULT_OPENAI_MODEL });
  });

  it('prefers a local server (LLM_BASE_URL) over cloud keys when LLM_PROVIDER is unset', () => {
    const llm = createLlmFromEnv({ ANTHROPIC_API_KEY: 'k', LLM_BASE_URL: 'http://127.0.0.1:8000/v1', LLM_MODEL: 'qwen' });
    expect(llm).toMatchObject({ name: 'openai-compatible', model: 'qwen' });
  });

  it('obeys LLM_PROVIDER over detection', () => {
    const llm = createLlmFromEnv({ LLM_PROVIDER: 'openai', OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k', OPENAI_MODEL: 'gpt-x' });
    expect(llm).toMatchObject({ name: 'openai', model: 'gpt-x' });
  });

  it('warns (without the key) when LLM_PROVIDER names a provider that cannot be used', () => {
    const { logger, output } = capturingLogger();
    expect(createLlmFromEnv({ LLM_PROVIDER: 'anthropic', OPENAI_API_KEY: 'sk-should-not-leak' }, { logger })).toBeUndefined();
    expect(output()).toContain('ANTHROPIC_API_KEY is not set');
    expect(output()).toContain('"level":40');
    expect(output()).not.toContain('sk-should-not-leak');
  });

  it('never logs the key of a configured provider', () => {
    const { logger, output } = capturingLogger();
    createLlmFromEnv({ ANTHROPIC_API_KEY: 'sk-ant-very-secret', ANTHROPIC_BASE_URL: 'https://user:pw@proxy.example/' }, { logger });
    expect(output()).toContain('language model configured');
    expect(output()).not.toContain('sk-ant-very-secret');
    expect(output()).not.toContain('pw@');
  });
});

describe('resolveLlmConfig', () => {
  it.each([
    [{ LLM_PROVIDER: 'openai-compatible', LLM_MODEL: 'm' }, 'LLM_BASE_URL is not set'],
    [{ LLM_BASE_URL: 'http://127.0.0.1:11434' }, 'LLM_MODEL is not set'],
    [{ LLM_BASE_URL: 'localhost:11434', LLM_MODEL: 'm' }, 'not an http(s) URL'],
    [{ LLM_PROVIDER: 'gemini' }, 'unknown LLM_PROVIDER'],
  ])('explains what is missing: %j', (env, reason) => {
    const result = resolveLlmConfig(env);
    expect(result.configured).toBe(false);
    if (!result.configured) expect(result.reason).toContain(reason);
  });

  it('describes a config without its key', () => {
    const result = resolveLlmConfig({ OPENAI_API_KEY: 'sk-secret', OPENAI_BASE_URL: 'https://gateway.example/v1' });
    expect(result.configured && describeLlmConfig(result.config)).toEqual({
      provider: 'openai',
      model: DEFAULT_OPENAI_MODEL,
      baseURL: 'https://gateway.example/v1',
      hasApiKey: true,
    });
  });
});

describe('withV1Path', () => {
  it.each([
    ['http://127.0.0.1:11434', 'http://127.0.0.1:11434/v1'],
    ['http://127.0.0.1:11434/', 'http://127.0.0.1:11434/v1'],
    ['http://127.0.0.1:8000/v1', 'http://127.0.0.1:8000/v1'],
    ['http://gpu-box:8080/openai/v1/', 'http://gpu-box:8080/openai/v1'],
  ])('%s → %s', (input, expected) => {
    expect(withV1Path(input)).toBe(expected);
  });
});

describe('NO_MODEL_CONFIGURED', () => {
  it('says plainly, in Spanish and English, that no model is configured', () => {
    expect(NO_MODEL_CONFIGURED.es).toMatch(/No hay ningún modelo/);
    expect(NO_MODEL_CONFIGURED.en).toMatch(/No language model is configured/);
  });
});
