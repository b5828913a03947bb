/**
 * @module room-model
 * One open conversation as the chat view shows it, built on the SDK's `RoomHandle` events:
 *
 * - stored messages (each offset once, in order; `reset` replaces them, `older` prepends a history page);
 * - this client's outgoing messages from the outbox (`pending` → `sent` | `failed`), shown until the stored
 *   message with the same `msgId` is in the list, so a bubble never flickers or shows twice;
 * - bot turns: a streaming bubble per turn (`start`/`delta`) that the stored reply replaces when the turn ends
 *   (`end` + `message`); a stopped (`cancelled`), failed (`error`) or `interrupted` turn stays as a local,
 *   unsaved bubble where it happened (an interrupted one until its bot's stored reply arrives);
 * - annotations by offset, typing users, members with presence.
 *
 * The timeline is a list of string keys (`m:<offset>`, `t:<turn>`, `o:<msgId>`) so Solid's <For> keeps each row's
 * DOM while a streaming bubble grows.
 */
import { batch, createMemo, createSignal, type Accessor } from 'solid-js';
import type { AnnotationPush, ChatClient, Member, MessageBody, OutgoingMessage, RoomHandle, StoredMessage, TurnView, TypingUser } from '../../sdk/src/index.ts';

export interface TurnBubble {
  view: TurnView;
  /** The newest offset shown when the turn started: a finished local bubble stays right after it. */
  afterOffset: number;
}

export type RoomStatus = 'joining' | 'joined' | 'failed';

const TERMINAL_LOCAL = new Set(['cancelled', 'error', 'interrupted']);

export interface RoomModel {
  readonly id: string;
  readonly handle: RoomHandle;
  status: Accessor<RoomStatus>;
  errorCode: Accessor<string | undefined>;
  messages: Accessor<readonly StoredMessage[]>;
  message(offset: number): StoredMessage | undefined;
  outgoing(msgId: string): OutgoingMessage | undefined;
  turn(turnId: string): TurnBubble | undefined;
  annotations(offset: number): readonly AnnotationPush[];
  timeline: Accessor<readonly string[]>;
  /** Turns streaming now (for the Stop shortcut). */
  streaming: Accessor<readonly TurnView[]>;
  typing: Accessor<readonly TypingUser[]>;
  members: Accessor<readonly Member[]>;
  atStart: Accessor<boolean>;
  loadingOlder: Accessor<boolean>;
  loadOlder(): Promise<number>;
  /** A text, or a whole body (e.g. a `confirm` answer to a bot's proposal). */
  send(body: string | MessageBody): OutgoingMessage;
  retry(msgId: string): void;
  dismiss(msgId: string): void;
  cancel(turnId: string): Promise<boolean>;
  setTyping(on: boolean): void;
  dispose(): void;
}

export function createRoomModel(client: ChatClient, roomId: string, options: { pageSize: number; onMessage?: (m: StoredMessage) => void }): RoomModel {
  const handle = client.join(roomId, { limit: options.pageSize });
  const [status, setStatus] = createSignal<RoomStatus>(handle.status === 'joined' ? 'joined' : 'joining');
  const [errorCode, setErrorCode] = createSignal<string>();
  const [messages, setMessages] = createSignal<readonly StoredMessage[]>(handle.messages);
  const [outgoingMap, setOutgoing] = createSignal<ReadonlyMap<string, OutgoingMessage>>(new Map(handle.pending.map((o) => [o.msgId, o])));
  const [turns, setTurns] = createSignal<ReadonlyMap<string, TurnBubble>>(new Map());
  const [annotationMap, setAnnotations] = createSignal<ReadonlyMap<number, readonly AnnotationPush[]>>(new Map());
  const [typing, setTypingUsers] = createSignal<readonly TypingUser[]>([]);
  const [members, setMembers] = createSignal<readonly Member[]>(handle.members);
  const [atStart, setAtStart] = createSignal(false);
  const [loadingOlder, setLoadingOlder] = createSignal(false);

  const byOffset = createMemo(() => new Map(messages().map((m) => [m.offset, m])));
  const storedIds = createMemo(() => new Set(messages().map((m) => m.msgId)));
  const lastOffset = () => messages().at(-1)?.offset ?? 0;

  const updateTurns = (fn: (map: Map<string, TurnBubble>) => void) => setTurns((current) => {
    const next = new Map(current);
    fn(next);
    return next;
  });

  const offs = [
    handle.on('reset', ({ messages: shown, reason }) => batch(() => {
      setMessages(shown);
      setAtStart(shown.length === 0 || shown[0]!.offset <= 1);
      setStatus('joined');
      // A view rebuilt after a long gap: local bubbles may point before it; interrupted ones are answered now.
      if (reason !== 'initial') updateTurns((map) => { for (const [id, b] of map) if (b.view.phase === 'interrupted') map.delete(id); });
      pruneOutgoing(shown);
    })),
    handle.on('message', (message) => batch(() => {
      setMessages((list) => [...list, message]);
      if (message.from.kind === 'bot') {
        updateTurns((map) => { for (const [id, b] of map) if (b.view.phase === 'interrupted' && b.view.bot === message.from.id) map.delete(id); });
      }
      pruneOutgoing([message]);
      options.onMessage?.(message);
    })),
    handle.on('older', (older) => batch(() => {
      setMessages((list) => [...older, ...list]);
      if (older[0]!.offset <= 1) setAtStart(true);
    })),
    handle.on('outbox', (out) => setOutgoing((current) => {
      if (out.status === 'sent' && storedIds().has(out.msgId)) {
        if (!current.has(out.msgId)) return current;
        const next = new Map(current);
        next.delete(out.msgId);
        return next;
      }
      return new Map(current).set(out.msgId, out);
    })),
    handle.on('turn', (view) => updateTurns((map) => {
      const known = map.get(view.turnId);
      if (view.phase === 'end' && view.message) {
        map.delete(view.turnId); // the stored reply is in the list now, in the same update
        return;
      }
      map.set(view.turnId, { view, afterOffset: known?.afterOffset ?? lastOffset() });
    })),
    handle.on('annotation', (push) => setAnnotations((current) => new Map(current).set(push.offset, [...(current.get(push.offset) ?? []), push]))),
    handle.on('typing', () => setTypingUsers(handle.typing)),
    handle.on('members', (list) => setMembers(list)),
    handle.on('error', (err) => batch(() => {
      setStatus('failed');
      setErrorCode(err.code);
    })),
  ];
  if (handle.status === 'joined') setAtStart(handle.messages.length === 0 || handle.messages[0]!.offset <= 1);

  function dismiss(msgId: string): void {
    setOutgoing((current) => {
      const next = new Map(current);
      next.delete(msgId);
      return next;
    });
  }

  function pruneOutgoing(stored: readonly StoredMessage[]): void {
    const ids = new Set(stored.map((m) => m.msgId));
    setOutgoing((current) => {
      if (![...current.keys()].some((id) => ids.has(id))) return current;
      return new Map([...current].filter(([id]) => !ids.has(id)));
    });
  }

  const timeline = createMemo<readonly string[]>(() => {
    const keys: string[] = [];
    const local = new Map<number, string[]>();
    const streaming: string[] = [];
    for (const [id, bubble] of turns()) {
      if (TERMINAL_LOCAL.has(bubble.view.phase)) {
        const list = local.get(bubble.afterOffset) ?? [];
        list.push(`t:${id}`);
        local.set(bubble.afterOffset, list);
      } else {
        streaming.push(`t:${id}`);
      }
    }
    const list = messages();
    const first = list[0]?.offset ?? Infinity;
    // Local bubbles of a turn that started before anything shown (e.g. an empty room) go first.
    for (const [after, ids] of local) if (after < first && after !== 0) local.delete(after);
    keys.push(...(local.get(0) ?? []));
    for (const message of list) {
      keys.push(`m:${message.offset}`);
      const after = local.get(message.offset);
      if (after) keys.push(...after);
    }
    const stored = storedIds();
    for (const [id] of outgoingMap()) if (!stored.has(id)) keys.push(`o:${id}`);
    keys.push(...streaming);
    return keys;
  });

  const streamingTurns = createMemo(() => [...turns().values()].filter((b) => b.view.phase === 'start' || b.view.phase === 'delta').map((b) => b.view));

  return {
    id: roomId,
    handle,
    status,
    errorCode,
    messages,
    message: (offset) => byOffset().get(offset),
    outgoing: (msgId) => outgoingMap().get(msgId),
    turn: (turnId) => turns().get(turnId),
    annotations: (offset) => annotationMap().get(offset) ?? [],
    timeline,
    streaming: streamingTurns,
    typing,
    members,
    atStart,
    loadingOlder,
    async loadOlder() {
      if (loadingOlder() || atStart() || status() !== 'joined') return 0;
      setLoadingOlder(true);
      try {
        const older = await handle.loadOlder(options.pageSize);
        if (older.length === 0) setAtStart(true);
        return older.length;
      } catch {
        return 0;
      } finally {
        setLoadingOlder(false);
      }
    },
    send(body) {
      const out = handle.send(body);
      setOutgoing((current) => new Map(current).set(out.msgId, out));
      return out;
    },
    retry(msgId) {
      const failed = outgoingMap().get(msgId);
      if (!failed) return;
      dismiss(msgId);
      const out = handle.send(failed.body);
      setOutgoing((current) => new Map(current).set(out.msgId, out));
    },
    dismiss,
    async cancel(turnId) {
      try {
        return await handle.cancel(turnId);
      } catch {
        return false;
      }
    },
    setTyping: (on) => handle.setTyping(on),
    dispose() {
      for (const off of offs) off();
      void handle.leave();
    },
  };
}
