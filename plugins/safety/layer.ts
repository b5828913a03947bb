/**
 * @module safety/layer
 * The labeller (layer 5) behind `plugins/safety/plugin.ts`, as a class so tests can give it its own state store,
 * audit sink and clock.
 *
 * - **User messages**: patterns + classifier + conversation state (assess.ts). At `medium` or above: a veto whose
 *   replacement is the `crisis` card — the runtime then starts no bot turn and stores the card instead; the room's
 *   state is raised and the event audited. At `low`: an annotation (`risk: "low"`), nothing else. In a room whose
 *   state is elevated, other messages get an annotation carrying `detail.conversationRisk`.
 * - **Bot drafts** (`offset: 0`, streamed answers checked by the runtime's draft guard): a veto with the card when
 *   the draft itself holds method/dose details, instructions or encouragement (patterns.ts `DRAFT_HARM_PATTERNS`).
 *   A bot that talks about risk supportively is not vetoed.
 * - **Stored bot messages**: annotated when harmful (they were checked as drafts already); never vetoed, so a
 *   replacement can never trigger another replacement. The layer's own cards are ignored.
 *
 * Failures never mean "no risk": a classifier that fails or is slow degrades to patterns only (a `low` pattern then
 * counts as `medium`), and that is counted.
 */
import type { StoredMessage } from '../../schema/protocol.ts';
import type { LabellerContext, LabelResult, PluginUser } from '../../bots/sdk/index.ts';
import { assessTexts, type ScoreTexts, type Thresholds } from './assess.ts';
import type { SafetyAuditSink, SafetyAction } from './audit.ts';
import { crisisCard, type HumanContact } from './card.ts';
import { chooseLines, countryCode, type HelplineDirectory } from './helplines.ts';
import { isCrisis, rank, type RiskLevel } from './levels.ts';
import { matchDraftHarm, PATTERNS_VERSION, type Category } from './patterns.ts';
import { isElevated, type RiskStateStore } from './risk-state.ts';

export interface SafetySettings {
  readonly model: string;
  readonly defaultCountry: string;
  readonly thresholds: Thresholds;
  readonly classifierTimeoutMs: number;
  readonly elevatedForMs: number;
  readonly humanContact: HumanContact;
  readonly directory: HelplineDirectory;
}

export interface SafetyLayerDeps {
  readonly store: RiskStateStore;
  readonly audit: SafetyAuditSink;
  readonly now?: () => number;
}

/** What the labeller context may carry: the runtime does not pass `user` to labellers yet (see README). */
type ContextWithUser = LabellerContext<unknown> & { readonly user?: PluginUser };

const CLASSIFIER_WARN_EVERY_MS = 60_000;

export class SafetyLayer {
  readonly #store: RiskStateStore;
  readonly #audit: SafetyAuditSink;
  readonly #now: () => number;
  #lastClassifierWarning = -Infinity;

  constructor(deps: SafetyLayerDeps) {
    this.#store = deps.store;
    this.#audit = deps.audit;
    this.#now = deps.now ?? Date.now;
  }

  async label(message: StoredMessage, ctx: ContextWithUser, settings: SafetySettings): Promise<LabelResult> {
    if (message.from.kind === 'system') return null;
    const text = typeof message.body?.text === 'string' ? message.body.text : '';
    if (text.trim() === '') return null;
    if (message.from.kind === 'bot') return this.#labelBot(message, text, ctx, settings);
    return this.#labelUser(message, text, ctx, settings);
  }

  async #labelUser(message: StoredMessage, text: string, ctx: ContextWithUser, settings: SafetySettings): Promise<LabelResult> {
    const now = this.#now();
    const state = await this.#store.get(message.room);
    const profileCountry = countryCode(ctx.user?.profile?.country);
    const country = profileCountry ?? state?.country ?? settings.defaultCountry;
    const elevated = isElevated(state, now, settings.elevatedForMs);
    const { assessments, modelError } = await assessTexts([text], this.#scorer(ctx, settings), settings.thresholds, { elevated });
    const assessment = assessments[0]!;
    if (modelError !== undefined) this.#classifierFailed(message, ctx, settings, modelError);

    const event = (action: SafetyAction, conversationLevel: RiskLevel, lines?: string[]) =>
      this.#audit.record({
        at: now,
        action,
        room: message.room,
        offset: message.offset,
        msgId: message.msgId,
        sender: { kind: message.from.kind, id: message.from.id },
        level: assessment.level,
        score: assessment.score,
        category: assessment.category,
        matched: assessment.matched,
        degraded: assessment.degraded,
        country,
        ...(lines === undefined ? {} : { lines }),
        conversationLevel,
        versions: this.#versions(ctx, settings),
      }, ctx.log);

    if (isCrisis(assessment.level)) {
      const next = await this.#store.record({ room: message.room, level: assessment.level, category: assessment.category, at: now, country });
      const chosen = chooseLines(settings.directory, country, assessment.category, assessment.level);
      event('card', next.level, chosen.ids);
      return {
        veto: true,
        reason: `safety: ${assessment.level} risk (${assessment.category}) [${assessment.matched.join(', ') || 'model'}]${assessment.degraded ? ' degraded' : ''}`,
        risk: assessment.level,
        labels: [`category:${assessment.category}`, ...(assessment.matched.length > 0 ? assessment.matched : ['model']), ...(assessment.degraded ? ['degraded'] : [])],
        replacement: crisisCard(chosen, { category: assessment.category, repeat: (state?.events ?? 0) > 0, humanContact: settings.humanContact }),
      };
    }
    if (assessment.level === 'low') {
      const next = await this.#store.record({ room: message.room, level: 'low', category: assessment.category, at: now, country });
      event('annotated-low', next.level);
      return {
        labels: [{ label: 'crisis-risk', score: assessment.score }],
        risk: 'low',
        detail: { conversationRisk: next.level, matched: assessment.matched },
      };
    }
    if (profileCountry !== undefined) await this.#store.setCountry(message.room, profileCountry, now);
    if (state !== undefined && rank(state.level) >= rank('medium')) {
      return { labels: [{ label: 'crisis-risk', score: assessment.score }], risk: 'none', detail: { conversationRisk: state.level } };
    }
    return null;
  }

  async #labelBot(message: StoredMessage, text: string, ctx: ContextWithUser, settings: SafetySettings): Promise<LabelResult> {
    if (message.from.id === ctx.plugin.name) return null;
    const harm = matchDraftHarm(text);
    if (!harm.harmful) return null;
    const now = this.#now();
    const state = await this.#store.get(message.room);
    const country = state?.country ?? settings.defaultCountry;
    const category: Category = 'self';
    const matched = harm.matches.map((m) => m.id);
    const draft = message.offset === 0;
    const next = draft ? await this.#store.record({ room: message.room, level: 'high', category, at: now }) : state;
    const chosen = chooseLines(settings.directory, country, category, 'high');
    this.#audit.record({
      at: now,
      action: draft ? 'draft-replaced' : 'annotated-bot',
      room: message.room,
      offset: message.offset,
      msgId: message.msgId,
      sender: { kind: 'bot', id: message.from.id },
      level: 'high',
      score: 1,
      category,
      matched,
      degraded: false,
      country,
      ...(draft ? { lines: chosen.ids } : {}),
      ...(next === undefined ? {} : { conversationLevel: next.level }),
      versions: this.#versions(ctx, settings),
    }, ctx.log);
    if (!draft) return { labels: [{ label: 'harmful-bot-content', score: 1 }], risk: 'high', detail: { matched } };
    return {
      veto: true,
      reason: `safety: bot draft from ${message.from.id} with ${[...new Set(harm.matches.map((m) => m.kind))].join(' and ')} [${matched.join(', ')}]`,
      risk: 'high',
      labels: [`category:${category}`, ...matched],
      replacement: crisisCard(chosen, { category, repeat: (state?.events ?? 0) > 0, humanContact: settings.humanContact }),
    };
  }

  /** The classifier through `ctx.classifier`, bounded by `classifierTimeoutMs`. */
  #scorer(ctx: ContextWithUser, settings: SafetySettings): ScoreTexts | undefined {
    const classifier = ctx.classifier;
    if (classifier === undefined) return undefined;
    return async (texts) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error(`classifier answered in more than ${settings.classifierTimeoutMs} ms`), { code: 'SAFETY_CLASSIFIER_TIMEOUT' })), settings.classifierTimeoutMs);
      });
      try {
        const results = await Promise.race([classifier.classify(settings.model, texts), timeout]);
        return results.map((r) => r.labels);
      } finally {
        clearTimeout(timer);
      }
    };
  }

  #classifierFailed(message: StoredMessage, ctx: ContextWithUser, settings: SafetySettings, error: unknown): void {
    const now = this.#now();
    const code = (error as { code?: unknown })?.code;
    if (now - this.#lastClassifierWarning >= CLASSIFIER_WARN_EVERY_MS) {
      this.#lastClassifierWarning = now;
      ctx.log.warn({ code, model: settings.model, err: error }, 'safety: classifier unavailable, assessing with patterns only (low counts as medium)');
    }
    this.#audit.record({
      at: now,
      action: 'classifier-unavailable',
      room: message.room,
      offset: message.offset,
      msgId: message.msgId,
      sender: { kind: message.from.kind, id: message.from.id },
      level: 'none',
      score: 0,
      category: 'self',
      matched: typeof code === 'string' ? [code] : [],
      degraded: true,
      versions: this.#versions(ctx, settings),
    }, ctx.log);
  }

  #versions(ctx: ContextWithUser, settings: SafetySettings) {
    return { plugin: ctx.plugin.version, patterns: PATTERNS_VERSION, model: settings.model, directory: settings.directory.version };
  }
}
