import { describe, expect, it } from 'vitest';
import throws from '../host/fixtures/throws/plugin.ts';
import probe from '../host/fixtures/probe/plugin.ts';
import { definePlugin, streamLlmText } from '../sdk/index.ts';
import { runPluginTurn } from './harness.ts';

const toolUser = definePlugin({
  name: 'tool-user',
  version: '1.0.0',
  description: { es: 'Usa herramientas.', en: 'Uses tools.' },
  category: 'developer',
  capabilities: ['llm', 'tools'],
  hooks: {
    async *onTurn(turn, ctx) {
      const first = yield* streamLlmText(ctx, { messages: [{ role: 'user', content: turn.text }] });
      for (const call of first.toolCalls) yield { type: 'tool_result', id: call.id, name: call.name, result: { temperature: 21 } };
      yield* streamLlmText(ctx, { messages: [{ role: 'user', content: 'and now?' }] });
    },
  },
});

describe('runPluginTurn', () => {
  it('replays recorded model streams, one per request', async () => {
    const result = await runPluginTurn(toolUser, {
      text: '¿qué tiempo hace?',
      llm: {
        recorded: [
          [
            { type: 'tool_call_start', id: 'c1', name: 'weather' },
            { type: 'tool_call_end', id: 'c1', name: 'weather', args: { city: 'Madrid' } },
            { type: 'finish', reason: 'tool_calls' },
          ],
          [{ type: 'text', text: 'Hace 21 grados.' }, { type: 'usage', inputTokens: 5, outputTokens: 4 }],
        ],
      },
    });
    expect(result.toolCalls).toEqual([{ type: 'tool_call', id: 'c1', name: 'weather', args: { city: 'Madrid' } }]);
    expect(result.toolResults).toEqual([{ type: 'tool_result', id: 'c1', name: 'weather', result: { temperature: 21 } }]);
    expect(result.text).toBe('Hace 21 grados.');
    expect(result.usage).toEqual({ llmRequests: 2, tokens: { inputTokens: 5, outputTokens: 4 } });
  });

  it('fails like production, with secrets scrubbed from the error and the logs', async () => {
    const secret = 'sk-live-kit-0123456789';
    const error = await runPluginTurn(throws, { text: 'x', config: { token: secret } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PLUGIN_THREW', message: expect.stringContaining('[redacted]') });
    expect(String((error as Error).message)).not.toContain(secret);
  });

  it('collects the plugin logs with secret fields and values redacted', async () => {
    const secret = 'sk-live-kit-0123456789';
    let logs: readonly { msg?: string }[] = [];
    const logging = definePlugin({
      name: 'logging',
      version: '1.0.0',
      description: { es: 'Registra.', en: 'Logs.' },
      category: 'developer',
      capabilities: [],
      config: throws.config!,
      secrets: ['token'],
      hooks: {
        async *onTurn(_turn, ctx) {
          ctx.log.info({ token: ctx.config.token, nested: { token: ctx.config.token } }, `using ${ctx.config.token}`);
          yield { type: 'text', text: 'ok' };
        },
      },
    });
    logs = (await runPluginTurn(logging, { text: 'x', config: { token: secret } })).logs;
    expect(JSON.stringify(logs)).not.toContain(secret);
    expect(logs[0]).toMatchObject({ msg: 'using [redacted]', token: '[redacted]', nested: { token: '[redacted]' } });
  });

  it('scopes the context like production and refuses a model for a plugin without the llm capability', async () => {
    const result = await runPluginTurn(probe, { text: 'x', user: { profile: { language: 'en', secretNote: 'x' } } });
    expect(result.bodies[0]?.data).toMatchObject({ profile: { language: 'en' }, classifier: 'CAPABILITY_NOT_AVAILABLE' });
    await expect(runPluginTurn(probe, { text: 'x', llm: { recorded: [] } })).rejects.toThrow('does not declare the "llm" capability');
  });
});
