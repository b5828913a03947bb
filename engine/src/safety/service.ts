/**
 * @module safety/service
 * The engine's half of the safety layer, used by the bot runtime through `EngineBridge.safety`. Plugins (the
 * `safety` labeller) assess; the engine acts:
 * - `roomRisk`: the conversation's persisted risk state, handed to labellers and responders as `ctx.roomRisk`;
 * - `crisis`: records the event (safety_events + conversation_risk + audit_log, one transaction), counts it
 *   (`mentalia_safety_events_total{level,source}`) and composes the `crisis` card from the helpline directory for the
 *   user's country and language;
 * - `signal`: a `low` assessment, recorded and counted, no card.
 * A database failure never silences a card: the event is logged and counted, and the card falls back to the
 * starting directory compiled into the engine.
 */
import { Counter, type Registry } from 'prom-client';
import type { MessageBody, RiskLevel } from '../../../schema/protocol.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../storage/store.ts';
import { crisisCard, type Locale } from './card.ts';
import type { SafetyConfig } from './config.ts';
import { countryKey, FALLBACK_COUNTRY, type HelplineCountry, type RiskCategory } from './directory.ts';
import type { RoomRiskState } from './safety-store.ts';
import { STARTING_DIRECTORY } from './starting-directory.ts';

export interface SafetyEventReport {
  room: string;
  /** The labeller that raised it. */
  plugin: string;
  level: RiskLevel;
  category: RiskCategory;
  /** Label ids (pattern ids, "model"); anything that is not an id is dropped. */
  labels: readonly string[];
  source: 'message' | 'draft';
  /** The person whose message (or whose turn's draft) it was. */
  userId: string | null;
  messageOffset: number | null;
}

/** What the bot runtime may ask of the engine's safety layer. */
export interface SafetyGate {
  /** A safety labeller's annotation at or above this level on a person's message shows the card (SAFETY_CARD_LEVEL). */
  readonly cardLevel: RiskLevel;
  roomRisk(room: string): Promise<RoomRiskState | null>;
  crisis(event: SafetyEventReport): Promise<MessageBody>;
  signal(event: SafetyEventReport): Promise<void>;
}

const LABEL_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const MAX_LABELS = 16;

export class SafetyService implements SafetyGate {
  readonly #events: Counter<'level' | 'source'>;
  readonly #log: Logger;

  constructor(
    private readonly store: Store,
    private readonly config: SafetyConfig,
    registry: Registry,
    log: Logger,
  ) {
    this.#log = log.child({ component: 'safety' });
    this.#events = new Counter({
      name: 'mentalia_safety_events_total',
      help: 'Risk events acted on by the safety layer, by level and source (message, or a bot draft)',
      labelNames: ['level', 'source'],
      registers: [registry],
    });
  }

  get cardLevel(): RiskLevel {
    return this.config.cardLevel;
  }

  roomRisk(room: string): Promise<RoomRiskState | null> {
    return this.store.safety.roomRisk(room);
  }

  async crisis(event: SafetyEventReport): Promise<MessageBody> {
    const [recorded, person] = await Promise.all([this.#record(event), this.#person(event.userId)]);
    const country = countryKey(person?.country) ?? this.config.defaultCountry;
    const entry = await this.#entry(country);
    return crisisCard({
      country,
      entry,
      category: event.category,
      level: event.level,
      locale: person?.locale ?? 'es',
      repeat: recorded !== null && recorded.events > 1,
      humanContact: { available: this.config.humanContact },
    });
  }

  async signal(event: SafetyEventReport): Promise<void> {
    await this.#record(event);
  }

  /** Stores and counts the event; null when the database failed (counted and logged anyway). */
  async #record(event: SafetyEventReport): Promise<RoomRiskState | null> {
    this.#events.inc({ level: event.level, source: event.source });
    const labels = [`category:${event.category}`, ...event.labels.filter((l) => LABEL_ID.test(l))].slice(0, MAX_LABELS);
    try {
      const { eventId, risk } = await this.store.safety.recordEvent({
        room: event.room, userId: event.userId, messageOffset: event.messageOffset, level: event.level, source: event.source,
        plugin: event.plugin, labels, at: new Date(),
      });
      this.#log.info({ event: 'safety.event', eventId, room: event.room, level: event.level, source: event.source, plugin: event.plugin, conversationLevel: risk.level }, `safety event (${event.level})`);
      return risk;
    } catch (err) {
      this.#log.error({ err, room: event.room, level: event.level, source: event.source }, 'safety event could not be recorded');
      return null;
    }
  }

  async #person(userId: string | null): Promise<{ country?: unknown; locale: Locale } | null> {
    if (userId === null) return null;
    try {
      const user = await this.store.findUserById(userId);
      if (!user) return null;
      const language = String(user.profile.locale ?? user.profile.language ?? 'es').toLowerCase();
      return { country: user.profile.country, locale: language.startsWith('en') ? 'en' : 'es' };
    } catch (err) {
      this.#log.warn({ err }, 'safety: profile unavailable, using the default country');
      return null;
    }
  }

  async #entry(country: string): Promise<Pick<HelplineCountry, 'emergency' | 'lines'>> {
    try {
      const entry = await this.store.safety.helplinesFor(country);
      if (entry) return entry;
    } catch (err) {
      this.#log.error({ err, country }, 'safety: helpline directory unavailable, showing the starting directory');
    }
    return STARTING_DIRECTORY.find((e) => e.country === country) ?? STARTING_DIRECTORY.find((e) => e.country === FALLBACK_COUNTRY)!;
  }
}
