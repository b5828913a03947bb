/**
 * @module typing
 * Typing indicators, both ways. Outgoing: the engine forwards `on: true` at most once per second, as a keep-alive,
 * so the SDK sends it at most every 3 s while the user types and `on: false` once when they stop (explicitly, by
 * sending, or after a few idle seconds). Incoming: a user shown as typing is dropped if no keep-alive follows.
 */

/** Smallest interval between two `on: true` sent for one room. */
export const TYPING_KEEPALIVE_MS = 3_000;
/** Without a new `setTyping(true)` for this long, the SDK sends `on: false` itself. */
export const TYPING_IDLE_STOP_MS = 5_000;
/** A remote user is no longer shown as typing after this long without a keep-alive (2× the keep-alive + slack). */
export const TYPING_EXPIRE_MS = 7_000;

export interface TypingUser {
  id: string;
  name: string;
}

export interface TypingChange {
  user: TypingUser;
  on: boolean;
}

/** Throttles one room's outgoing typing state. `send` returns false when it could not send (offline). */
export class TypingSender {
  #typing = false;
  #lastSentAt = -Infinity;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly send: (on: boolean) => boolean) {}

  /** Call with `true` on every keystroke (cheap: most calls send nothing) and `false` when the user stops. */
  set(on: boolean): void {
    clearTimeout(this.#idleTimer);
    if (!on) {
      if (this.#typing) {
        this.#typing = false;
        this.send(false);
      }
      return;
    }
    this.#idleTimer = setTimeout(() => this.set(false), TYPING_IDLE_STOP_MS);
    const now = Date.now();
    if (this.#typing && now - this.#lastSentAt < TYPING_KEEPALIVE_MS) return;
    if (this.send(true)) {
      this.#typing = true;
      this.#lastSentAt = now;
    }
  }

  /** Forgets the state without sending (the connection dropped: the server forgot it too). */
  reset(): void {
    clearTimeout(this.#idleTimer);
    this.#typing = false;
    this.#lastSentAt = -Infinity;
  }
}

/** Who is typing in one room, from `typing` pushes, with expiry of users whose keep-alives stopped. */
export class TypingTracker {
  readonly #typing = new Map<string, { user: TypingUser; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly onChange: (change: TypingChange) => void) {}

  get users(): TypingUser[] {
    return [...this.#typing.values()].map((t) => t.user);
  }

  apply(user: TypingUser, on: boolean): void {
    const known = this.#typing.get(user.id);
    if (known) clearTimeout(known.timer);
    if (!on) {
      if (known) this.remove(user.id);
      return;
    }
    const timer = setTimeout(() => this.remove(user.id), TYPING_EXPIRE_MS);
    this.#typing.set(user.id, { user, timer });
    if (!known) this.onChange({ user, on: true });
  }

  remove(userId: string): void {
    const known = this.#typing.get(userId);
    if (!known) return;
    clearTimeout(known.timer);
    this.#typing.delete(userId);
    this.onChange({ user: known.user, on: false });
  }

  clear(): void {
    for (const userId of [...this.#typing.keys()]) this.remove(userId);
  }
}
