/**
 * @module kit/chat
 * `npm run bot -- chat <plugin>`: a terminal conversation with a plugin through a running engine. It registers a
 * throwaway user, creates a room with the bot, and prints the bot's `turn` pushes as they stream. Ctrl-C cancels the
 * running turn (`cancel {room, turn}`); Ctrl-C with no turn running, or Ctrl-D, leaves. With piped input it sends each
 * line and waits for the answers before leaving, so `echo hola | npm run bot -- chat echo` works in scripts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { MessageBody, MessagePush, Push, TurnPush } from '../../schema/protocol.ts';
import { EngineRequestError, EngineSocket, engineIsUp, listBots, registerUser } from './engine-client.ts';

export const DEFAULT_ENGINE_URL = 'http://127.0.0.1:8080';
/** After the input ends, how long to wait for a reply that has not started yet. */
const REPLY_WAIT_MS = 60_000;

export interface ChatOptions {
  readonly plugin: string;
  /** @default ENGINE_URL or http://127.0.0.1:8080 */
  readonly engineUrl?: string;
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /**
   * Registers the Ctrl-C handler; returns its removal. @default readline's SIGINT on a terminal, process SIGINT
   * otherwise
   */
  readonly onInterrupt?: (handler: () => void) => () => void;
}

/** Runs the conversation; resolves to the process exit code. */
export async function runChat(options: ChatOptions): Promise<number> {
  const engineUrl = options.engineUrl ?? DEFAULT_ENGINE_URL;
  const print = (text: string) => options.output.write(text);
  const line = (text: string) => print(`${text}\n`);

  const health = await engineIsUp(engineUrl);
  if (!health.up) {
    line(`No se puede conectar con el motor en ${engineUrl} (${health.reason}).`);
    line(`Cannot reach the engine at ${engineUrl}. Start it with \`npm start\`, or point ENGINE_URL at a running one.`);
    return 1;
  }

  const bots = await listBots(engineUrl).catch(() => undefined);
  const bot = bots?.find((b) => b.name === options.plugin);
  if (bots !== undefined && bot === undefined) {
    const available = bots.map((b) => b.name).join(', ') || '(ninguno / none)';
    line(`El motor no tiene el bot "${options.plugin}". / The engine has no bot "${options.plugin}".`);
    line(`Disponibles / available: ${available}`);
    return 1;
  }

  let socket: EngineSocket;
  let room: string;
  let me: string;
  try {
    const account = await registerUser(engineUrl, {
      email: `bot-chat-${randomUUID()}@example.invalid`,
      password: randomBytes(18).toString('base64url'),
      name: 'Bot author',
    });
    me = account.user.id;
    socket = await EngineSocket.connect(engineUrl);
    await socket.request({ type: 'auth', token: account.token });
    ({ room } = await socket.request({ type: 'create', bot: options.plugin }));
    await socket.request({ type: 'join', room });
  } catch (error) {
    line(`No se pudo abrir la conversación / could not start the conversation: ${describe(error)}`);
    return 1;
  }

  const titles = new Map((bots ?? []).map((b) => [b.name, b.title]));
  const title = titles.get(options.plugin) ?? options.plugin;
  line(`Conversación con ${title} (${options.plugin}) en ${engineUrl}.`);
  line('Escribe y pulsa Enter. Ctrl-C cancela una respuesta en curso; Ctrl-C sin respuesta o Ctrl-D sale.');
  line('Type and press Enter. Ctrl-C cancels a running answer; Ctrl-C when idle, or Ctrl-D, quits.');

  const view = new TurnView(print, me, (name) => titles.get(name) ?? name);
  return new Promise<number>((resolve) => {
    const reader = createInterface({ input: options.input, terminal: false });
    let inputEnded = false;
    let finished = false;
    let replyTimer: NodeJS.Timeout | undefined;

    const finish = (code: number) => {
      if (finished) return;
      finished = true;
      clearTimeout(replyTimer);
      removeInterrupt();
      reader.close();
      socket.close();
      resolve(code);
    };
    // With the input gone, leave once nothing is streaming and no reply is awaited (or we waited long enough).
    const leaveIfQuiet = () => {
      if (inputEnded && !view.busy) finish(0);
    };

    socket.onPush((push) => {
      view.onPush(push);
      if (push.type === 'disconnect') finish(push.reconnect ? 1 : 0);
      leaveIfQuiet();
    });
    socket.onClose((code) => {
      if (finished) return;
      line(`\nConexión cerrada por el motor (${code}). / The engine closed the connection.`);
      finish(1);
    });

    reader.on('line', (text) => {
      if (text.trim() === '') return;
      view.expectReply();
      socket
        .request({ type: 'send', room, msgId: randomUUID(), body: { text } })
        .catch((error: unknown) => {
          view.replyFailed();
          line(`[no enviado / not sent] ${describe(error)}`);
          leaveIfQuiet();
        });
    });
    reader.on('close', () => {
      inputEnded = true;
      replyTimer = setTimeout(() => finish(0), REPLY_WAIT_MS);
      leaveIfQuiet();
    });

    const onInterrupt = () => {
      const turns = view.runningTurns;
      if (turns.length === 0 || view.cancelling) {
        line('');
        finish(0);
        return;
      }
      view.cancelling = true;
      print(' (cancelando… / cancelling…)');
      for (const turn of turns) {
        socket.request({ type: 'cancel', room, turn }).catch((error: unknown) => line(`\n[cancel] ${describe(error)}`));
      }
    };
    const removeInterrupt = (options.onInterrupt ?? defaultInterrupt(reader))(onInterrupt);
  });
}

interface ShownTurn {
  readonly id: string;
  readonly bot: string;
  /** Text received while another turn had the screen. */
  buffered: string;
  /** How it ended, once it has: printed when the turn gets the screen. */
  ending: string | undefined;
}

/**
 * Renders pushes as a conversation. Turns may run at once (two quick messages, several bots): one streams to the
 * screen, the others are buffered and shown whole, in the order they started, when it ends.
 */
class TurnView {
  cancelling = false;
  #awaitingReplies = 0;
  /** Turns that started and have not been shown to their end yet, in start order; the first has the screen. */
  readonly #turns: ShownTurn[] = [];
  /** Turns still running in the engine (shown or not). */
  readonly #running = new Set<string>();
  /** Offsets of replies already shown by streaming: their stored `message` push is not printed again. */
  readonly #streamedOffsets = new Set<number>();
  /** Bot messages that arrived while turns streamed: printed after them unless they are a turn's reply. */
  readonly #heldBack = new Map<number, MessagePush>();

  constructor(
    private readonly print: (text: string) => void,
    private readonly me: string,
    private readonly titleOf: (bot: string) => string,
  ) {}

  get busy(): boolean {
    return this.#running.size > 0 || this.#awaitingReplies > 0;
  }

  /** Turns running in the engine, for Ctrl-C. */
  get runningTurns(): string[] {
    return [...this.#running];
  }

  expectReply(): void {
    this.#awaitingReplies++;
  }

  replyFailed(): void {
    this.#awaitingReplies = Math.max(0, this.#awaitingReplies - 1);
  }

  onPush(push: Push): void {
    switch (push.type) {
      case 'turn':
        this.#onTurn(push);
        return;
      case 'message':
        this.#onMessage(push);
        return;
      case 'annotation':
        this.print(`  ⚑ ${push.plugin}: ${push.labels.map((l) => `${l.label} ${l.score.toFixed(2)}`).join(', ')} (risk ${push.risk})\n`);
        return;
      case 'error':
        this.print(`\n[error] ${push.error.code}: ${push.error.message}\n`);
        return;
      case 'disconnect':
        this.print(`\n[desconectado / disconnected] ${push.code} ${push.reason}\n`);
        return;
      default:
        return; // presence, typing: not shown
    }
  }

  #onTurn(push: TurnPush): void {
    if (push.phase === 'start') {
      this.#awaitingReplies = Math.max(0, this.#awaitingReplies - 1);
      this.#running.add(push.turn);
      this.#turns.push({ id: push.turn, bot: push.bot, buffered: '', ending: undefined });
      if (this.#turns.length === 1) this.print(`${this.titleOf(push.bot)}› `);
      return;
    }
    const turn = this.#turns.find((t) => t.id === push.turn);
    if (turn === undefined) return; // started before we joined
    const onScreen = turn === this.#turns[0];
    if (push.phase === 'delta') {
      if (push.text === undefined) return;
      if (onScreen) this.print(push.text);
      else turn.buffered += push.text;
      return;
    }
    this.#running.delete(push.turn);
    if (push.phase === 'end' && push.offset !== undefined) {
      this.#streamedOffsets.add(push.offset);
      this.#heldBack.delete(push.offset);
    }
    turn.ending =
      push.phase === 'end' ? '\n'
      : push.phase === 'cancelled' ? ' [cancelada / cancelled]\n'
      : `\n[error] ${push.error?.message ?? push.error?.code ?? 'turn failed'}\n`;
    if (onScreen) this.#advance();
    if (this.#running.size === 0) this.cancelling = false;
  }

  /** The turn on screen has ended: print its ending, then show the next ones (whole, if they ended meanwhile). */
  #advance(): void {
    let current = this.#turns[0];
    while (current?.ending !== undefined) {
      this.print(current.ending);
      this.#turns.shift();
      current = this.#turns[0];
      if (current !== undefined) this.print(`${this.titleOf(current.bot)}› ${current.buffered}`);
    }
    if (this.#turns.length > 0) return;
    for (const message of this.#heldBack.values()) this.#printMessage(message);
    this.#heldBack.clear();
  }

  #onMessage(message: MessagePush): void {
    if (message.from.id === this.me || this.#streamedOffsets.has(message.offset)) return;
    if (message.from.kind === 'bot' && this.#turns.length > 0) {
      this.#heldBack.set(message.offset, message);
      return;
    }
    this.#printMessage(message);
  }

  #printMessage(message: MessagePush): void {
    this.print(`${message.from.name}› ${renderBody(message.body)}\n`);
  }
}

/** Text, plus what a terminal can show of structured bodies (crisis lines, cards). */
export function renderBody(body: MessageBody): string {
  const data = body.data as Record<string, unknown> | undefined;
  if (body.kind === 'crisis' && Array.isArray(data?.lines)) {
    const lines = (data.lines as { name?: string; phone?: string; url?: string }[]).map(
      (l) => `\n   ☎ ${[l.name, l.phone, l.url].filter(Boolean).join(' · ')}`,
    );
    return `${body.text}${lines.join('')}`;
  }
  if (body.kind !== undefined && body.kind !== 'text') return `[${body.kind}] ${body.text}`;
  return body.text;
}

function defaultInterrupt(reader: ReturnType<typeof createInterface>): (handler: () => void) => () => void {
  return (handler) => {
    // readline turns Ctrl-C into its own SIGINT event on a terminal; piped input gets the process signal.
    reader.on('SIGINT', handler);
    process.on('SIGINT', handler);
    return () => {
      reader.off('SIGINT', handler);
      process.off('SIGINT', handler);
    };
  };
}

function describe(error: unknown): string {
  if (error instanceof EngineRequestError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
