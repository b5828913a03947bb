import { describe, expect, it } from 'vitest';
import { runPluginLabeller, runPluginTurn } from '../../bots/kit/index.ts';
import echo from './plugin.ts';

const INTRO = 'Eco: bot de ejemplo, sin IA; repito lo que escribes. / Echo: example bot, no AI; I repeat what you write.\n';

describe('echo without a model', () => {
  it('says it is an echo bot, then streams the words back one by one', async () => {
    const result = await runPluginTurn(echo, { text: 'hola  mundo' });
    expect(result.outputs).toEqual([
      { type: 'text', text: `${INTRO}🔁 ` },
      { type: 'text', text: 'hola' },
      { type: 'text', text: ' mundo' },
    ]);
    expect(result.usage.llmRequests).toBe(0);
  });

  it('introduces itself only once per conversation', async () => {
    const result = await runPluginTurn(echo, {
      text: 'otra vez',
      window: [
        { from: 'user', text: 'hola' },
        { from: 'bot', text: `${INTRO}🔁 hola` },
      ],
    });
    expect(result.text).toBe('🔁 otra vez');
  });

  it('applies the configured style', async () => {
    expect((await runPluginTurn(echo, { text: 'qué tal', config: { style: 'upper' } })).text).toBe(`${INTRO}🔁 QUÉ TAL`);
    expect((await runPluginTurn(echo, { text: 'uno dos tres', config: { style: 'reverse' } })).text).toBe(`${INTRO}🔁 tres dos uno`);
  });

  it('rejects a bad config with PLUGIN_BAD_CONFIG naming the field', async () => {
    await expect(runPluginTurn(echo, { text: 'x', config: { style: 'loud' } })).rejects.toMatchObject({
      code: 'PLUGIN_BAD_CONFIG',
      message: expect.stringContaining('config.style'),
    });
  });

  it('stops at once when cancelled between words', async () => {
    const controller = new AbortController();
    const turn = runPluginTurn(echo, { text: 'a b c d e f', config: { wordDelayMs: 1_000 }, signal: controller.signal });
    queueMicrotask(() => controller.abort());
    await expect(turn).rejects.toMatchObject({ code: 'PLUGIN_CANCELLED' });
  });
});

describe('echo with a model', () => {
  it('streams the scripted model answer through the real SDK and sends the conversation', async () => {
    const result = await runPluginTurn(echo, {
      text: '¿me oyes?',
      window: [{ from: 'user', text: 'hola' }],
      llm: { scripted: { tokens: ['«¿me oyes?»', ' Sí, ', 'te oigo.'] } },
    });
    expect(result.text).toBe('«¿me oyes?» Sí, te oigo.');
    expect(result.outputs.every((o) => o.type === 'text')).toBe(true);
    expect(result.usage.llmRequests).toBe(1);
    expect(result.usage.tokens?.outputTokens).toBe(3);
    const body = result.llmRequests[0]?.body as { messages: { role: string; content: string }[] };
    expect(body.messages.at(0)).toMatchObject({ role: 'system' });
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: 'hola\n¿me oyes?' });
  });

  it('works the same over the Anthropic wire', async () => {
    const result = await runPluginTurn(echo, { text: 'hola', llm: { scripted: { tokens: ['Hola', '.'] }, provider: 'anthropic' } });
    expect(result.text).toBe('Hola.');
  });

  it('still echoes when told not to use the model', async () => {
    const result = await runPluginTurn(echo, { text: 'hola', config: { useLlm: false }, llm: { recorded: [] } });
    expect(result.text).toBe(`${INTRO}🔁 hola`);
    expect(result.usage.llmRequests).toBe(0);
  });

  it('ends the turn with PLUGIN_LLM_FAILED and the provider message when the model fails', async () => {
    await expect(runPluginTurn(echo, { text: 'hola', llm: { scripted: { failStatus: 401 } } })).rejects.toMatchObject({
      code: 'PLUGIN_LLM_FAILED',
      llmCode: 'LLM_AUTH',
      temporary: false,
    });
  });
});

describe('echo labeller', () => {
  it('labels shouting and nothing else', async () => {
    expect((await runPluginLabeller(echo, { text: '¡HOLA A TODOS!' })).result).toEqual({
      labels: [{ label: 'shouting', score: 1 }],
      risk: 'none',
    });
    expect((await runPluginLabeller(echo, { text: 'hola a todos' })).result).toBeNull();
    expect((await runPluginLabeller(echo, { text: 'OK' })).result).toBeNull();
  });
});
