/**
 * @module safety/risk-state
 * Layer 4: risk is a property of the conversation, not only of one message. Each room keeps the highest level seen,
 * when it was last raised, how many crisis events and low signals it had, what the risk was about and the user's
 * country. A room whose level reached `medium` stays **elevated** (it is never lowered automatically; a moderator
 * clears it), and for `elevatedForMs` after its last event the classifier uses its lower `elevated` threshold.
 *
 * The engine persists the authoritative state (`conversation_risk`, engine/src/safety) from the events it acts on and
 * hands it to every hook as `ctx.roomRisk`; `InMemoryRiskStateStore` is this process's working copy, merged with
 * `ctx.roomRisk` before each message (`mergeRoomRisk`), so an elevated conversation stays elevated across engine
 * restarts, plugin restarts and processes (BOT_POOL_SIZE > 1, nodes).
 */
import type { RoomRisk } from '../../bots/sdk/index.ts';
import { maxLevel, rank, type RiskLevel } from './levels.ts';
import type { Category } from './patterns.ts';

export interface RiskState {
  readonly room: string;
  /** Highest level seen in the conversation (stays until a moderator clears it). */
  readonly level: RiskLevel;
  readonly category: Category;
  /** Crisis events (level ≥ medium: cards shown, drafts replaced). */
  readonly events: number;
  /** Messages assessed `low`. */
  readonly lowSignals: number;
  readonly firstEventAt?: number;
  readonly lastEventAt?: number;
  readonly updatedAt: number;
  /** The country of the last user message's profile, for cards on bot drafts. */
  readonly country?: string;
}

export interface RiskSignal {
  readonly room: string;
  readonly level: RiskLevel;
  readonly category: Category;
  readonly at: number;
  readonly country?: string;
}

export interface RiskStateStore {
  get(room: string): Promise<RiskState | undefined>;
  /** Folds one assessed message into the room's state and returns the new state. */
  record(signal: RiskSignal): Promise<RiskState>;
  /** Remembers the user's country without a risk signal. */
  setCountry(room: string, country: string, at: number): Promise<void>;
  /** A moderator's decision that the conversation is no longer at risk (audited by the caller). */
  clear(room: string): Promise<void>;
}

/** Whether the classifier should use its `elevated` threshold for the next message of this room. */
export function isElevated(state: RiskState | undefined, now: number, elevatedForMs: number): boolean {
  return state !== undefined && rank(state.level) >= rank('medium') && state.lastEventAt !== undefined && now - state.lastEventAt <= elevatedForMs;
}

export function foldSignal(previous: RiskState | undefined, signal: RiskSignal): RiskState {
  const crisis = rank(signal.level) >= rank('medium');
  const base: RiskState = previous ?? { room: signal.room, level: 'none', category: 'self', events: 0, lowSignals: 0, updatedAt: signal.at };
  const level = maxLevel(base.level, signal.level);
  return {
    ...base,
    level,
    category: rank(signal.level) >= rank(base.level) && signal.level !== 'none' ? signal.category : base.category,
    events: base.events + (crisis ? 1 : 0),
    lowSignals: base.lowSignals + (signal.level === 'low' ? 1 : 0),
    ...(crisis ? { lastEventAt: signal.at, firstEventAt: base.firstEventAt ?? signal.at } : {}),
    updatedAt: signal.at,
    ...(signal.country === undefined ? {} : { country: signal.country }),
  };
}

/** Rooms kept in memory, least recently updated dropped first. */
const MAX_ROOMS = 50_000;

export class InMemoryRiskStateStore implements RiskStateStore {
  readonly #rooms = new Map<string, RiskState>();
  readonly #max: number;

  constructor(maxRooms = MAX_ROOMS) {
    this.#max = maxRooms;
  }

  async get(room: string): Promise<RiskState | undefined> {
    return this.#rooms.get(room);
  }

  async record(signal: RiskSignal): Promise<RiskState> {
    const next = foldSignal(this.#rooms.get(signal.room), signal);
    this.#put(next);
    return next;
  }

  async setCountry(room: string, country: string, at: number): Promise<void> {
    const previous = this.#rooms.get(room);
    if (previous?.country === country) return;
    this.#put(previous ? { ...previous, country, updatedAt: at } : { room, level: 'none', category: 'self', events: 0, lowSignals: 0, updatedAt: at, country });
  }

  async clear(room: string): Promise<void> {
    this.#rooms.delete(room);
  }

  /** Folds in the engine's persisted state (`ctx.roomRisk`): the higher level, the later event, the larger counts. */
  mergeRoomRisk(room: string, risk: RoomRisk | undefined, at: number): void {
    if (risk === undefined) return;
    const previous = this.#rooms.get(room);
    const base: RiskState = previous ?? { room, level: 'none', category: 'self', events: 0, lowSignals: 0, updatedAt: at };
    const lastEventAt = Math.max(base.lastEventAt ?? 0, risk.lastEventAt ?? 0) || undefined;
    const firstEventAt = Math.min(base.firstEventAt ?? Infinity, risk.since ?? Infinity);
    this.#put({
      ...base,
      level: maxLevel(base.level, risk.level),
      events: Math.max(base.events, risk.events),
      lowSignals: Math.max(base.lowSignals, risk.lowSignals),
      ...(lastEventAt === undefined ? {} : { lastEventAt }),
      ...(Number.isFinite(firstEventAt) ? { firstEventAt } : {}),
    });
  }

  get size(): number {
    return this.#rooms.size;
  }

  #put(state: RiskState): void {
    this.#rooms.delete(state.room);
    this.#rooms.set(state.room, state);
    if (this.#rooms.size > this.#max) {
      const oldest = this.#rooms.keys().next().value;
      if (oldest !== undefined) this.#rooms.delete(oldest);
    }
  }
}
