import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../schema/protocol.ts';
import { LlmError, NO_MODEL_CONFIGURED, createLlm, type LlmProvider } from '../llm/index.ts';
import { SseTestServer, llmConfigFor } from '../llm/testing/index.ts';
import type { TurnOutput } from './hooks.ts';
import { windowToLlmMessages } from './llm-messages.ts';
import { NOTICE_NO_MODEL, streamLlmText, type LlmTextSummary } from './stream-llm.ts';

async function drain(stream: AsyncGenerator<TurnOutput, LlmTextSummary>) {
  const outputs: TurnOutput[] = [];
  for (;;) {
    const step = await stream.next();
    if (step.done === true) return { outputs, summary: step.value };
    outputs.push(step.value);
  }
}

describe('streamLlmText', () => {
  let server: SseTestServer;
  let llm: LlmProvider;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    server = await SseTestServer.start();
    llm = createLlm(llmConfigFor(server, 'anthropic'), { retry: false });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  it('without a model yields one plainly labelled notice in both languages, and nothing else', async () => {
    const { outputs, summary } = await drain(streamLlmText({ signal }, { messages: [{ role: 'user', content: 'hola' }] }));
    expect(outputs).toEqual([
      {
        type: 'body',
        body: { text: `${NO_MODEL_CONFIGURED.es}\n\n${NO_MODEL_CONFIGURED.en}`, kind: 'text', data: { notice: NOTICE_NO_MODEL } },
      },
    ]);
    expect(summary.finishReason).toBe('not_configured');
  });

  it('turns model text into text deltas and finished tool calls into tool_call outputs', async () => {
    server.enqueue({ tokens: ['Hola', ' mundo'], toolCalls: [{ name: 'get_time', args: { zone: 'Europe/Madrid' } }] });
    const { outputs, summary } = await drain(streamLlmText({ llm, signal }, { messages: [{ role: 'user', content: 'hola' }] }));
    expect(outputs.filter((o) => o.type === 'text')).toEqual([
      { type: 'text', text: 'Hola' },
      { type: 'text', text: ' mundo' },
    ]);
    expect(outputs.at(-1)).toMatchObject({ type: 'tool_call', name: 'get_time', args: { zone: 'Europe/Madrid' } });
    expect(summary).toMatchObject({ text: 'Hola mundo', finishReason: 'tool_calls' });
    expect(summary.usage?.outputTokens).toBeGreaterThan(0);
  });

  it('throws the provider error, which carries a message for people', async () => {
    server.enqueue({ failStatus: 400 });
    const stream = streamLlmText({ llm, signal }, { messages: [{ role: 'user', content: 'hola' }] });
    await expect(drain(stream)).rejects.toSatisfy(
      (error: unknown) => error instanceof LlmError && error.code === 'LLM_BAD_REQUEST' && error.userMessage.es.length > 0,
    );
  });

  it('ends quietly when cancelled, and the server sees the request aborted', async () => {
    server.enqueue({ tokens: Array.from({ length: 50 }, (_, i) => `t${i} `), tokenIntervalMs: 20 });
    const controller = new AbortController();
    const stream = streamLlmText({ llm, signal: controller.signal }, { messages: [{ role: 'user', content: 'hola' }] });
    expect((await stream.next()).value).toEqual({ type: 'text', text: 't0 ' });
    controller.abort();
    const { summary } = await drain(stream);
    expect(summary.finishReason).toBe('cancelled');
    await server.waitFor('aborted');
  });
});

describe('windowToLlmMessages', () => {
  const message = (offset: number, kind: 'user' | 'bot' | 'system', name: string, text: string, id = name): StoredMessage => ({
    room: 'r',
    epoch: 'e',
    offset,
    msgId: `m${offset}`,
    from: { id, kind, name },
    body: { text },
    ts: offset,
  });

  it('maps the bot to assistant, drops system messages and leading assistant turns, merges same-role runs', () => {
    const window = [
      message(1, 'bot', 'echo', 'hello from before'),
      message(2, 'user', 'Ana', 'hola'),
      message(3, 'system', 'system', 'Ana joined'),
      message(4, 'user', 'Ana', '¿estás?'),
      message(5, 'bot', 'echo', 'sí'),
      message(6, 'user', 'Ana', 'bien'),
    ];
    expect(windowToLlmMessages(window)).toEqual([
      { role: 'user', content: 'hola\n¿estás?' },
      { role: 'assistant', content: 'sí' },
      { role: 'user', content: 'bien' },
    ]);
  });

  it('names speakers when several people talk, and treats other bots as users', () => {
    const window = [
      message(1, 'user', 'Ana', 'hola', 'u1'),
      message(2, 'user', 'Luis', 'buenas', 'u2'),
      message(3, 'bot', 'Otro', 'soy otro bot', 'other'),
      message(4, 'bot', 'Eco', 'eco', 'echo'),
    ];
    expect(windowToLlmMessages(window, { self: 'echo' })).toEqual([
      { role: 'user', content: 'Ana: hola\nLuis: buenas\nOtro: soy otro bot' },
      { role: 'assistant', content: 'eco' },
    ]);
  });
});
