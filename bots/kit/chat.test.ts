import { PassThrough, Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Push } from '../../schema/protocol.ts';
import { runChat } from './chat.ts';
import { FakeEngine, type FakeEngineOptions } from './fake-engine.ts';

/** Collects what the chat prints; `waitFor` resolves once the text matches. */
class Screen extends Writable {
  text = '';
  readonly #waiters = new Set<() => void>();

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    for (const check of [...this.#waiters]) check();
    done();
  }

  waitFor(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!pattern.test(this.text)) return;
        this.#waiters.delete(check);
        resolve();
      };
      this.#waiters.add(check);
      check();
    });
  }
}

const turn = (phase: 'start' | 'delta' | 'end' | 'error' | 'cancelled', seq: number, extra: Partial<Push> = {}): Push =>
  ({ type: 'turn', room: 'room-1', turn: 'turn-1', bot: 'echo', phase, seq, ...extra }) as Push;
const botMessage = (offset: number, text: string): Push => ({
  type: 'message',
  room: 'room-1',
  epoch: 'e1',
  offset,
  msgId: `b${offset}`,
  from: { id: 'echo', kind: 'bot', name: 'Eco' },
  body: { text, kind: 'text' },
  ts: 1,
});

let engine: FakeEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

async function chat(options: FakeEngineOptions, plugin = 'echo') {
  engine = await FakeEngine.start(options);
  const input = new PassThrough();
  const screen = new Screen();
  let interrupt: () => void = () => {};
  const exit = runChat({
    plugin,
    engineUrl: engine.url,
    input,
    output: screen,
    onInterrupt: (handler) => {
      interrupt = handler;
      return () => {};
    },
  });
  return { engine, input, screen, exit, interrupt: () => interrupt() };
}

describe('npm run bot -- chat', () => {
  it('registers, opens a room with the bot and prints a streamed turn once', async () => {
    const { engine, input, screen, exit } = await chat({
      onSend: ({ text, push }) => {
        push([turn('start', 0), turn('delta', 1, { text: 'Eco: ' })]);
        push(turn('delta', 2, { text }));
        push([turn('end', 3, { offset: 2 }), botMessage(2, `Eco: ${text}`)]);
      },
    });
    input.end('hola\n');
    expect(await exit).toBe(0);
    expect(screen.text).toContain('Eco› Eco: hola\n');
    expect(screen.text.match(/Eco: hola/g)).toHaveLength(1); // the stored reply is not printed again
    expect(engine.protocols).toEqual(['mentalia.v1.json']);
    expect(engine.commands.map((c) => c.type)).toEqual(['auth', 'create', 'join', 'send']);
    expect(engine.commands[0]).toMatchObject({ token: 'fake-token' });
    expect(engine.commands[1]).toMatchObject({ bot: 'echo' });
    expect(engine.commands[2]).toMatchObject({ room: 'room-1' });
    expect(engine.commands[3]).toMatchObject({ room: 'room-1', body: { text: 'hola' }, msgId: expect.any(String) });
  });

  it('shows turns that run at once one after the other, in the order they started', async () => {
    const other = (phase: Parameters<typeof turn>[0], seq: number, extra: Partial<Push> = {}) => turn(phase, seq, { turn: 'turn-2', ...extra });
    const { screen, exit, input } = await chat({
      onSend: ({ text, push }) => {
        if (text !== 'segundo') return;
        push([turn('start', 0), turn('delta', 1, { text: 'uno' }), other('start', 0), other('delta', 1, { text: 'dos' })]);
        push([other('end', 2, { offset: 3 }), turn('delta', 2, { text: ' y más' }), turn('end', 3, { offset: 2 })]);
      },
    });
    input.end('primero\nsegundo\n');
    expect(await exit).toBe(0);
    expect(screen.text).toMatch(/Eco› uno y más\nEco› dos\n$/);
  });

  it('Ctrl-C cancels the running turn; Ctrl-C when idle leaves', async () => {
    const { engine, screen, exit, input, interrupt } = await chat({
      onSend: ({ push }) => push([turn('start', 0), turn('delta', 1, { text: 'uno dos' })]),
      onCancel: ({ turn: id, push }) => {
        push(turn('cancelled', 2, { turn: id }));
        return true;
      },
    });
    input.write('cuéntame algo largo\n');
    await screen.waitFor(/Eco› uno dos/);
    interrupt();
    await screen.waitFor(/\[cancelada \/ cancelled\]/);
    expect(engine.commands.at(-1)).toMatchObject({ type: 'cancel', room: 'room-1', turn: 'turn-1' });
    interrupt();
    expect(await exit).toBe(0);
  });

  it('prints errors, annotations and bot messages that were not streamed', async () => {
    const { screen, exit, input } = await chat({
      onSend: ({ push }) => {
        push([
          { type: 'annotation', room: 'room-1', offset: 1, plugin: 'echo', labels: [{ label: 'shouting', score: 1 }], risk: 'none' },
          turn('start', 0),
          { ...botMessage(5, 'Llama al 024'), body: { text: 'Llama al 024', kind: 'crisis', data: { country: 'ES', text: '', lines: [{ name: 'Línea 024', phone: '024' }] } } } as Push,
          turn('error', 1, { error: { code: 'TIMEOUT', message: 'El asistente tardó demasiado en responder.', temporary: true } }),
        ]);
      },
    });
    input.end('HOLA\n');
    expect(await exit).toBe(0);
    expect(screen.text).toContain('⚑ echo: shouting 1.00 (risk none)');
    expect(screen.text).toContain('[error] El asistente tardó demasiado en responder.');
    expect(screen.text).toContain('Eco› Llama al 024\n   ☎ Línea 024 · 024');
  });

  it('says so when the bot is not installed in the engine', async () => {
    const { screen, exit } = await chat({}, 'nobody');
    expect(await exit).toBe(1);
    expect(screen.text).toContain('The engine has no bot "nobody"');
    expect(screen.text).toContain('Disponibles / available: echo');
  });

  it('says so clearly when the engine is not reachable', async () => {
    const gone = await FakeEngine.start();
    const url = gone.url;
    await gone.close();
    const screen = new Screen();
    expect(await runChat({ plugin: 'echo', engineUrl: url, input: new PassThrough(), output: screen })).toBe(1);
    expect(screen.text).toContain(`Cannot reach the engine at ${url}`);
    expect(screen.text).toContain('ECONNREFUSED');
  });
});
