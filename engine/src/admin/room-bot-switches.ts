/**
 * @module admin/room-bot-switches
 * The bots switched off per room (`room_bot_disabled`), as the bot runtime asks for them on every stored message.
 * Cached per room for a few seconds so a busy room costs one query per TTL, not one per message. A change made
 * through this node is seen at once (`forget`); other nodes see it within `ttlMs` (or at once when the room-change
 * notification reaches them).
 */
import type { Logger } from '../log.ts';
import type { Store } from '../storage/store.ts';

const DEFAULT_TTL_MS = 5000;
const MAX_ROOMS = 10_000;
const NONE: ReadonlySet<string> = new Set();

export class RoomBotSwitches {
  readonly #cache = new Map<string, { at: number; bots: Promise<ReadonlySet<string>> }>();

  constructor(private readonly store: Store, private readonly log: Logger, private readonly ttlMs = DEFAULT_TTL_MS) {}

  disabled(room: string): Promise<ReadonlySet<string>> {
    const cached = this.#cache.get(room);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.bots;
    if (this.#cache.size >= MAX_ROOMS) this.#cache.clear();
    const bots = this.store.admin.disabledBots(room).then(
      (names) => (names.length === 0 ? NONE : new Set(names)),
      (err: unknown) => {
        // Fail open: a switch is a moderation preference, not a safety layer; the safety layers run regardless.
        this.log.warn({ err, room }, 'could not read the room bot switches; treating every bot as on');
        this.#cache.delete(room);
        return NONE;
      },
    );
    this.#cache.set(room, { at: Date.now(), bots });
    return bots;
  }

  forget(room: string): void {
    this.#cache.delete(room);
  }
}
