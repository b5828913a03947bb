/**
 * @module state
 * The connection state machine. Every change goes through one transition table, so the UI (and tests) can trust
 * that, e.g., `connected` is only ever entered by a successful `auth`.
 *
 *   idle ──connect──▶ connecting ──authenticated──▶ connected
 *                        │                            │
 *                       lost                         lost
 *                        ▼                            ▼
 *                     reconnecting ◀──lost── (backoff, then a new attempt)
 *                        │
 *                  authenticated ──▶ connected
 *
 *   any state ──close──▶ closed ──connect──▶ connecting
 */

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export type StateEvent =
  /** `connect()` was called. */
  | { type: 'connect' }
  /** The socket opened and `auth` succeeded. */
  | { type: 'authenticated' }
  /**
   * The connection (or an attempt) ended and the verdict is to retry: the next attempt starts after `delayMs`.
   * `code` is the close code (1006 for a drop without a close frame); absent when no socket was involved.
   */
  | { type: 'lost'; code?: number; reason: string; attempt: number; delayMs: number }
  /** `close()` was called, or the server closed with a code that forbids reconnecting. */
  | { type: 'close'; code?: number; reason: string };

export interface StateChange {
  from: ConnectionState;
  to: ConnectionState;
  event: StateEvent;
}

const TRANSITIONS: Readonly<Record<ConnectionState, Partial<Record<StateEvent['type'], ConnectionState>>>> = {
  idle: { connect: 'connecting', close: 'closed' },
  connecting: { authenticated: 'connected', lost: 'reconnecting', close: 'closed' },
  connected: { lost: 'reconnecting', close: 'closed' },
  reconnecting: { authenticated: 'connected', lost: 'reconnecting', close: 'closed' },
  closed: { connect: 'connecting' },
};

/** The state after `event`, or undefined when the event is not allowed in `state`. */
export function nextState(state: ConnectionState, event: StateEvent): ConnectionState | undefined {
  return TRANSITIONS[state][event.type];
}

export class ConnectionStateMachine {
  #state: ConnectionState = 'idle';

  constructor(private readonly onChange: (change: StateChange) => void) {}

  get state(): ConnectionState {
    return this.#state;
  }

  can(type: StateEvent['type']): boolean {
    return TRANSITIONS[this.#state][type] !== undefined;
  }

  /** Applies the event. An event the table does not allow is an SDK bug, so it throws rather than drifting. */
  send(event: StateEvent): StateChange {
    const to = nextState(this.#state, event);
    if (to === undefined) throw new Error(`invalid connection transition: ${event.type} in ${this.#state}`);
    const change: StateChange = { from: this.#state, to, event };
    this.#state = to;
    this.onChange(change);
    return change;
  }
}
