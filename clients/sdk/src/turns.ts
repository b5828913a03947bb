/**
 * @module turns
 * Streaming bot turns: the `turn` pushes of one room (`start`, `delta`s by increasing `seq`, then one of `end`,
 * `error`, `cancelled`) assembled into one view per turn for the UI. Duplicated pushes are ignored; a delta that
 * arrives ahead of a missing one waits for it, and the terminal push settles the text with whatever arrived.
 * On `end` the view is linked to the stored `message` whose offset equals the push's `offset`, so the UI can swap
 * the streaming bubble for the stored message in one update.
 */
import type { ErrorInfo, StoredMessage, TurnPhase, TurnPush } from '../../../schema/protocol.ts';

/** `interrupted`: the connection dropped while the turn streamed; its stored reply arrives as a message. */
export type TurnViewPhase = TurnPhase | 'interrupted';

export interface TurnView {
  readonly turnId: string;
  readonly room: string;
  readonly bot: string;
  readonly phase: TurnViewPhase;
  /** The text streamed so far (the contiguous deltas; at the end, every delta that arrived). */
  readonly text: string;
  /** On `end`: the offset of the stored reply. */
  readonly offset?: number;
  /** On `error`. */
  readonly error?: ErrorInfo;
  /** On `end`, once the stored reply is shown: the message that replaces the streaming bubble. */
  readonly message?: StoredMessage;
}

type MutableView = { -readonly [K in keyof TurnView]: TurnView[K] };

interface TurnState {
  view: MutableView;
  /** The next seq to apply; pushes below it were applied already (or skipped at the end). */
  nextSeq: number;
  /** Pushes that arrived ahead of a missing seq. */
  waiting: Map<number, TurnPush>;
}

const TERMINAL: ReadonlySet<TurnViewPhase> = new Set(['end', 'error', 'cancelled', 'interrupted']);
/** How many finished turn ids are remembered to ignore late duplicates, and ended turns awaiting their message. */
const REMEMBERED = 256;

export class TurnAssembler {
  readonly #streaming = new Map<string, TurnState>();
  readonly #finished = new Set<string>();
  /** Ended turns whose stored message has not been shown yet, by that message's offset. */
  readonly #awaitingMessage = new Map<number, MutableView>();

  /** Applies one push; returns the updated view, or undefined when the push changed nothing visible. */
  apply(push: TurnPush): TurnView | undefined {
    if (this.#finished.has(push.turn)) return undefined;
    let state = this.#streaming.get(push.turn);
    if (!state) {
      // A turn first seen mid-stream (joined late) starts at the seq we got: earlier deltas will not come.
      state = {
        view: { turnId: push.turn, room: push.room, bot: push.bot, phase: 'start', text: '' },
        nextSeq: push.seq,
        waiting: new Map(),
      };
      this.#streaming.set(push.turn, state);
    }
    if (push.seq < state.nextSeq || state.waiting.has(push.seq)) return undefined;
    if (TERMINAL.has(push.phase)) return this.#finish(state, push);

    state.waiting.set(push.seq, push);
    let advanced = false;
    for (let next = state.waiting.get(state.nextSeq); next; next = state.waiting.get(state.nextSeq)) {
      state.waiting.delete(state.nextSeq++);
      applyDelta(state.view, next);
      advanced = true;
    }
    return advanced ? { ...state.view } : undefined;
  }

  /** Links an ended turn to its stored message (same offset); returns the linked view, if any turn waited for it. */
  linkMessage(message: StoredMessage): TurnView | undefined {
    const view = this.#awaitingMessage.get(message.offset);
    if (!view) return undefined;
    this.#awaitingMessage.delete(message.offset);
    view.message = message;
    return { ...view };
  }

  /** The id of the turn `bot` is streaming, if any. */
  streamingTurnOf(bot: string): string | undefined {
    for (const [turnId, state] of this.#streaming) if (state.view.bot === bot) return turnId;
    return undefined;
  }

  get(turnId: string): TurnView | undefined {
    const view = this.#streaming.get(turnId)?.view;
    return view && { ...view };
  }

  /** Turns streaming now. */
  get streaming(): TurnView[] {
    return [...this.#streaming.values()].map((s) => ({ ...s.view }));
  }

  /**
   * Ends every streaming turn as `interrupted` (the connection dropped: deltas sent meanwhile are lost, and the
   * engine does not replay them). Their later pushes are ignored; the stored reply comes back as a message.
   */
  interruptStreaming(): TurnView[] {
    const views: TurnView[] = [];
    for (const state of [...this.#streaming.values()]) {
      state.view.phase = 'interrupted';
      this.#forget(state.view.turnId);
      views.push({ ...state.view });
    }
    return views;
  }

  #finish(state: TurnState, push: TurnPush): TurnView {
    // Deltas still missing will not come after the terminal push: keep what arrived, in seq order.
    for (const seq of [...state.waiting.keys()].sort((a, b) => a - b)) applyDelta(state.view, state.waiting.get(seq)!);
    state.waiting.clear();
    const view = state.view;
    view.phase = push.phase;
    if (push.offset !== undefined) view.offset = push.offset;
    if (push.error !== undefined) view.error = push.error;
    this.#forget(view.turnId);
    if (push.phase === 'end' && push.offset !== undefined) {
      this.#awaitingMessage.set(push.offset, view);
      trim(this.#awaitingMessage);
    }
    return { ...view };
  }

  #forget(turnId: string): void {
    this.#streaming.delete(turnId);
    this.#finished.add(turnId);
    trim(this.#finished);
  }
}

function applyDelta(view: MutableView, push: TurnPush): void {
  if (push.phase !== 'delta') return;
  view.text += push.text ?? '';
  view.phase = 'delta';
}

/** Drops the oldest entries (insertion order) beyond the remembered count. */
function trim(collection: Set<unknown> | Map<unknown, unknown>): void {
  for (const key of collection.keys()) {
    if (collection.size <= REMEMBERED) return;
    collection.delete(key);
  }
}
