/**
 * @module room
 * `RoomHandle`: one joined room as the UI sees it. It keeps the `{epoch, offset}` of the last message shown and,
 * after every reconnect, joins again with `since` that position: `recovered: true` appends exactly the missed
 * messages, `recovered: false` replaces the view (a `reset` event). No offset is ever shown twice and none is
 * skipped: a push that would leave a gap triggers a `since` join first.
 *
 * A bot's stored reply usually arrives just before the `end` push that names its offset. So the UI can swap the
 * streaming bubble for the stored message in one update, a bot message that arrives while that bot's turn is
 * streaming is held until the turn's next push (at most HOLD_BOT_MESSAGE_MS).
 */
import type { AnnotationPush, JoinCommand, Member, MessageBody, Push, ResultMap, StoredMessage, StreamPosition, TurnPush } from '../../../schema/protocol.ts';
import { Backoff } from './backoff.ts';
import { Emitter, type Listener } from './events.ts';
import { ChatError } from './errors.ts';
import type { Outbox, OutgoingMessage } from './outbox.ts';
import { MemberList, type PresenceChange } from './presence.ts';
import type { RequestCommand, ResultOf } from './requests.ts';
import { TurnAssembler, type TurnView } from './turns.ts';
import { TypingSender, TypingTracker, type TypingChange, type TypingUser } from './typing.ts';

const HOLD_BOT_MESSAGE_MS = 1_000;

export type RoomStatus = 'joining' | 'joined' | 'left' | 'failed';

export interface ResetEvent {
  /** `initial`: first join; `not-recovered`: the gap was too large to replay; `epoch-changed`: history was rewritten. */
  reason: 'initial' | 'not-recovered' | 'epoch-changed';
  epoch: string;
  /** The newest offset shown. */
  offset: number;
  /** The whole view now (the newest messages, oldest first). */
  messages: readonly StoredMessage[];
}

export interface RoomEvents {
  /** A new message, in offset order, each offset once. */
  message: StoredMessage;
  /** The view was replaced. */
  reset: ResetEvent;
  /** Older messages were prepended by `loadOlder`. */
  older: readonly StoredMessage[];
  /** The member list changed (join reply or presence). */
  members: readonly Member[];
  presence: PresenceChange;
  typing: TypingChange;
  annotation: AnnotationPush;
  /** A bot turn changed (streamed text, end linked to its stored message, error, cancelled, interrupted). */
  turn: TurnView;
  /** One of this room's outgoing messages changed state (pending → sent | failed). */
  outbox: OutgoingMessage;
  /** The room could not be joined (e.g. NOT_FOUND). */
  error: ChatError;
}

/** What a room needs from its client. */
export interface RoomHost {
  readonly connected: boolean;
  readonly userId: string | undefined;
  readonly outbox: Outbox;
  request<C extends RequestCommand>(command: C): Promise<ResultOf<C>>;
  /** Sends `typing` (fire-and-forget); false when not connected. */
  sendTyping(room: string, on: boolean): boolean;
  /** The room is left or cannot be joined: stop routing to it. */
  forget(room: RoomHandle): void;
}

export interface JoinOptions {
  /** How many recent messages the first join (and a non-recovered rejoin) loads; 1–200, default 50. */
  limit?: number;
}

export class RoomHandle {
  /** Resolves after the first successful join; rejects if the room cannot be joined. */
  readonly ready: Promise<void>;
  readonly #events = new Emitter<RoomEvents>();
  readonly #members = new MemberList();
  readonly #turns = new TurnAssembler();
  readonly #typingIn: TypingTracker;
  readonly #typingOut: TypingSender;
  readonly #joinRetry = new Backoff({ baseMs: 500, maxMs: 15_000 });
  #status: RoomStatus = 'joining';
  /** The last message accepted for display: what `since` resumes from. */
  #position: StreamPosition | undefined;
  #messages: readonly StoredMessage[] = [];
  /** Each join attempt's number; replies of superseded attempts are ignored. */
  #joinAttempt = 0;
  #joinInFlight = false;
  /** Message pushes that arrived during a join (or ahead of a gap), applied after its reply. */
  #deferred: StoredMessage[] = [];
  #held: StoredMessage[] = [];
  #heldForTurn: string | undefined;
  #holdTimer: ReturnType<typeof setTimeout> | undefined;
  #joinRetryTimer: ReturnType<typeof setTimeout> | undefined;
  #resolveReady!: () => void;
  #rejectReady!: (error: ChatError) => void;

  /** @internal Created by `ChatClient.join`. */
  constructor(readonly id: string, private readonly host: RoomHost, private readonly options: JoinOptions = {}) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.ready.catch(() => {}); // also reported as an `error` event
    this.#typingIn = new TypingTracker((change) => this.#events.emit('typing', change));
    this.#typingOut = new TypingSender((on) => host.sendTyping(id, on));
  }

  // ------------------------------------------------------------------ reading

  get status(): RoomStatus {
    return this.#status;
  }

  /** The `{epoch, offset}` of the newest message shown (undefined before the first join). */
  get position(): StreamPosition | undefined {
    return this.#position && { ...this.#position };
  }

  /** The messages shown, oldest first. A new array whenever it changes (safe for UI change detection). */
  get messages(): readonly StoredMessage[] {
    return this.#messages;
  }

  get members(): Member[] {
    return this.#members.list;
  }

  get onlineMembers(): Member[] {
    return this.#members.online;
  }

  /** Other users typing now. */
  get typing(): TypingUser[] {
    return this.#typingIn.users;
  }

  /** Bot turns streaming now. */
  get turns(): TurnView[] {
    return this.#turns.streaming;
  }

  /** This client's messages for the room not stored yet, oldest first. */
  get pending(): OutgoingMessage[] {
    return this.host.outbox.pending(this.id);
  }

  on<K extends keyof RoomEvents>(event: K, listener: Listener<RoomEvents[K]>): () => void {
    return this.#events.on(event, listener);
  }

  once<K extends keyof RoomEvents>(event: K, listener: Listener<RoomEvents[K]>): () => void {
    return this.#events.once(event, listener);
  }

  off<K extends keyof RoomEvents>(event: K, listener: Listener<RoomEvents[K]>): void {
    this.#events.off(event, listener);
  }

  // ------------------------------------------------------------------ acting

  /** Queues a message (see `Outbox`): returns at once with the pending message; also ends the typing state. */
  send(body: string | MessageBody): OutgoingMessage {
    this.#typingOut.set(false);
    return this.host.outbox.enqueue(this.id, typeof body === 'string' ? { text: body } : body);
  }

  /** Call with `true` on each keystroke and `false` when the user stops; throttled per the protocol. */
  setTyping(on: boolean): void {
    this.#typingOut.set(on);
  }

  /** Stops a streaming bot turn; true when a running turn was cancelled. */
  async cancel(turnId: string): Promise<boolean> {
    return (await this.host.request({ type: 'cancel', room: this.id, turn: turnId })).cancelled;
  }

  /** Loads up to `limit` messages older than the oldest shown and prepends them; returns them (empty at the start). */
  async loadOlder(limit = 50): Promise<readonly StoredMessage[]> {
    const oldest = this.#messages[0];
    if (!oldest || oldest.offset <= 1) return [];
    const { messages } = await this.host.request({ type: 'history', room: this.id, before: oldest.offset, limit });
    // The view may have been reset while the request was out: prepend only what still fits before it.
    const first = this.#messages[0];
    const older = messages.filter((m) => first && m.epoch === first.epoch && m.offset < first.offset);
    if (older.length === 0) return [];
    this.#messages = [...older, ...this.#messages];
    this.#events.emit('older', older);
    return older;
  }

  /** Stops pushes for this room and forgets it (membership is unchanged). */
  async leave(): Promise<void> {
    if (this.#status === 'left') return;
    this.#typingOut.set(false);
    this.#stopTimers();
    this.#status = 'left';
    this.#joinAttempt++;
    this.host.forget(this);
    this.#rejectReady(new ChatError('CLOSED', 'room left before it was joined'));
    if (this.host.connected) await this.host.request({ type: 'leave', room: this.id }).catch(() => undefined);
  }

  // ------------------------------------------------------------------ driven by the client

  /** @internal The client is connected (again): join, resuming from the last position shown. */
  resume(): void {
    if (this.#status === 'left' || this.#status === 'failed') return;
    void this.#join(this.#position);
  }

  /** @internal The connection dropped: settle what was in progress so the next join starts clean. */
  suspend(): void {
    this.#releaseHeld();
    this.#joinAttempt++;
    this.#joinInFlight = false;
    this.#deferred = [];
    clearTimeout(this.#joinRetryTimer);
    this.#typingOut.reset();
    this.#typingIn.clear();
    for (const view of this.#turns.interruptStreaming()) this.#events.emit('turn', view);
  }

  /** @internal A push for this room. */
  handlePush(push: Push): void {
    if (this.#status === 'left' || this.#status === 'failed') return;
    switch (push.type) {
      case 'message': {
        const { type: _type, ...message } = push;
        this.#onMessage(message);
        return;
      }
      case 'turn':
        this.#onTurn(push);
        return;
      case 'presence':
        if (this.#members.apply(push)) {
          this.#events.emit('presence', { joined: push.joined, left: push.left });
          this.#events.emit('members', this.#members.list);
        }
        for (const { id } of push.left) this.#typingIn.remove(id);
        return;
      case 'typing':
        if (push.user.id !== this.host.userId) this.#typingIn.apply(push.user, push.on);
        return;
      case 'annotation':
        this.#events.emit('annotation', push);
        return;
      default:
        return;
    }
  }

  /** @internal One of this room's outgoing messages changed. */
  handleOutboxChange(message: OutgoingMessage): void {
    this.#events.emit('outbox', message);
  }

  // ------------------------------------------------------------------ joining

  async #join(since: StreamPosition | undefined): Promise<void> {
    const attempt = ++this.#joinAttempt;
    this.#joinInFlight = true;
    clearTimeout(this.#joinRetryTimer);
    const command: JoinCommand = { type: 'join', room: this.id };
    if (since) command.since = { ...since };
    if (this.options.limit !== undefined) command.limit = this.options.limit;
    let reply: ResultMap['join'];
    try {
      reply = await this.host.request(command);
    } catch (err) {
      if (attempt !== this.#joinAttempt) return;
      this.#joinInFlight = false;
      this.#onJoinFailed(err as ChatError);
      return;
    }
    if (attempt !== this.#joinAttempt) return;
    this.#joinInFlight = false;
    this.#joinRetry.reset();
    this.#applyJoin(reply);
  }

  #onJoinFailed(error: ChatError): void {
    this.#deferred = [];
    // A lost connection is retried by the next `resume`; a closed client does not retry.
    if (error.code === 'DISCONNECTED' || error.code === 'CLOSED') return;
    if (error.temporary) {
      const retryAt = error.retryAfterMs ?? this.#joinRetry.next();
      this.#joinRetryTimer = setTimeout(() => { if (this.host.connected) this.resume(); }, retryAt);
      return;
    }
    this.#status = 'failed';
    this.host.forget(this);
    this.#rejectReady(error);
    this.#events.emit('error', error);
  }

  #applyJoin(reply: ResultMap['join']): void {
    this.#status = 'joined';
    this.#members.reset(reply.members);
    this.#events.emit('members', this.#members.list);
    const shown = this.#position;
    if (shown && reply.recovered && reply.epoch === shown.epoch) {
      for (const message of reply.messages) this.#accept(message);
    } else {
      const reason = !shown ? 'initial' : reply.epoch !== shown.epoch ? 'epoch-changed' : 'not-recovered';
      this.#releaseHeld();
      this.#messages = [...reply.messages];
      this.#position = { epoch: reply.epoch, offset: reply.messages.at(-1)?.offset ?? reply.offset };
      for (const message of reply.messages) this.host.outbox.markStored(message);
      this.#events.emit('reset', { reason, epoch: reply.epoch, offset: this.#position.offset, messages: this.#messages });
    }
    this.#resolveReady();
    const deferred = this.#deferred;
    this.#deferred = [];
    for (const message of deferred) this.#onMessage(message);
  }

  // ------------------------------------------------------------------ messages

  #onMessage(message: StoredMessage): void {
    const shown = this.#position;
    if (this.#joinInFlight || !shown) {
      this.#deferred.push(message);
      return;
    }
    if (message.epoch !== shown.epoch) {
      // History was rewritten (e.g. a user erased): the view must be replaced from a fresh join.
      void this.#join(undefined);
      return;
    }
    if (message.offset <= shown.offset) return; // shown already
    if (message.offset > shown.offset + 1) {
      // The engine promises no gaps; if one appears anyway, fetch what is missing before going on.
      this.#deferred.push(message);
      void this.#join(shown);
      return;
    }
    this.#accept(message);
  }

  /** Takes the next message in order: advances the position, then shows it (or holds it for its turn's end). */
  #accept(message: StoredMessage): void {
    const shown = this.#position;
    if (!shown || message.offset <= shown.offset) return;
    this.#position = { epoch: message.epoch, offset: message.offset };
    this.host.outbox.markStored(message);
    if (this.#held.length > 0) {
      this.#held.push(message);
      return;
    }
    const streamingTurn = message.from.kind === 'bot' ? this.#turns.streamingTurnOf(message.from.id) : undefined;
    if (streamingTurn !== undefined) {
      this.#held.push(message);
      this.#heldForTurn = streamingTurn;
      this.#holdTimer = setTimeout(() => this.#releaseHeld(), HOLD_BOT_MESSAGE_MS);
      return;
    }
    this.#show(message);
  }

  #show(message: StoredMessage): void {
    this.#messages = [...this.#messages, message];
    this.#events.emit('message', message);
    const linked = this.#turns.linkMessage(message);
    if (linked) this.#events.emit('turn', linked);
  }

  #releaseHeld(): void {
    clearTimeout(this.#holdTimer);
    const held = this.#held;
    this.#held = [];
    this.#heldForTurn = undefined;
    for (const message of held) this.#show(message);
  }

  // ------------------------------------------------------------------ turns

  #onTurn(push: TurnPush): void {
    const releases = this.#held.length > 0 && push.turn === this.#heldForTurn;
    const view = this.#turns.apply(push);
    if (releases) {
      // Showing the held message links it to this `end` view (same offset) and emits the linked view.
      const linksHeld = view?.phase === 'end' && this.#held.some((m) => m.offset === view.offset);
      this.#releaseHeld();
      if (linksHeld) return;
    }
    if (!view) return;
    this.#events.emit('turn', view);
    if (view.phase === 'end' && view.offset !== undefined) {
      // The stored reply may have been shown before this push (hold expired): link it now.
      const stored = this.#findShown(view.offset);
      const linked = stored && this.#turns.linkMessage(stored);
      if (linked) this.#events.emit('turn', linked);
    }
  }

  #findShown(offset: number): StoredMessage | undefined {
    for (let i = this.#messages.length - 1; i >= 0; i--) {
      const message = this.#messages[i]!;
      if (message.offset === offset) return message;
      if (message.offset < offset) return undefined;
    }
    return undefined;
  }

  #stopTimers(): void {
    clearTimeout(this.#holdTimer);
    clearTimeout(this.#joinRetryTimer);
    this.#typingOut.reset();
    this.#typingIn.clear();
  }
}
