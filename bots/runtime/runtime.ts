/**
 * @module runtime/runtime
 * The bot runtime inside the engine process (`BotHost`). For every stored message of a room:
 * 1. its labellers (bot members with `onMessage`, plus the configured global ones) run first, in parallel; their
 *    annotations are pushed as `annotation`, and a veto stops the turn (its optional replacement is stored instead);
 * 2. the router picks the responders (see router.ts) and each gets a turn: `turn start`, deltas coalesced by
 *    `DeltaCoalescer`, then the full reply stored (encrypted, like any message) and `turn end` with its offset — or
 *    `error` / `cancelled`. Tool results are stored as `tool` messages as they happen.
 * Safety layers (global labellers) also watch each answer while it streams and before it is stored (draft-guard.ts):
 * a veto cancels the turn mid-stream and stores the veto's replacement instead.
 * Hooks run wherever the `TurnQueue` sends them (this node's plugin pool, or BullMQ workers); nothing a plugin does
 * can block or crash the engine. A disconnect does not cancel a turn: its reply is stored and recovered on rejoin.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { ErrorInfo, MessageBody, Push, StoredMessage, TurnPush } from '../../schema/protocol.ts';
import type { BotHost, BotPluginStatus, EngineBridge } from '../../engine/src/bot-bridge.ts';
import { PLUGIN_ERROR_CATALOG, isPluginErrorCode } from '../host/errors.ts';
import type { DiscoveredPlugin, HookUsage, LabelJob, TurnJob } from '../host/types.ts';
import { isVeto, localize, type LabelResult, type LocalizedText, type Veto } from '../sdk/index.ts';
import { redactConfig } from '../sdk/config.ts';
import type { PluginStats } from '../host/pool.ts';
import { answeredProposal, isProposal, proposalBody } from './confirmations.ts';
import { readSafetyVerdict, type SafetyVerdict } from '../../engine/src/safety/verdicts.ts';
import type { RoomRiskState } from '../../engine/src/safety/safety-store.ts';
import { DeltaCoalescer } from './delta-coalescer.ts';
import { DraftGuard } from './draft-guard.ts';
import type { JobEvent, TurnQueue } from './jobs.ts';
import { routeTurn } from './router.ts';
import { createRuntimeMetrics, type RuntimeMetrics } from './runtime-metrics.ts';

const DEFAULT_WINDOW = 20;
const CLOSE_GRACE_MS = 5000;

export interface BotRuntimeOptions {
  plugins: readonly DiscoveredPlugin[];
  queue: TurnQueue;
  bridge: EngineBridge;
  log: Logger;
  registry: Registry;
  /** Delta rollup window. @default 30 */
  coalesceMs?: number;
  /** Labellers that run in every room, member or not (safety layers). */
  globalLabellers?: readonly string[];
  /** Configuration per plugin (parsed by the plugin's own schema in its process). */
  pluginConfig?: Readonly<Record<string, unknown>>;
  /** This node's plugin processes (when hooks run here), for `status()`. */
  poolStats?: () => Record<string, PluginStats>;
}

interface RunningTurn {
  readonly id: string;
  readonly room: string;
  readonly bot: string;
  readonly controller: AbortController;
  seq: number;
}

export class BotRuntime implements BotHost {
  readonly #plugins: Map<string, DiscoveredPlugin>;
  readonly #turns = new Map<string, RunningTurn>();
  readonly #pending = new Set<Promise<void>>();
  readonly #metrics: RuntimeMetrics;
  readonly #log: Logger;
  readonly #coalesceMs: number;
  #closing = false;

  constructor(private readonly options: BotRuntimeOptions) {
    this.#plugins = new Map(options.plugins.map((p) => [p.name, p]));
    this.#metrics = createRuntimeMetrics(options.registry);
    this.#log = options.log.child({ component: 'bot-runtime' });
    this.#coalesceMs = options.coalesceMs ?? 30;
    for (const name of options.globalLabellers ?? []) {
      if (!this.#plugins.get(name)?.definition.hooks.onMessage) throw new Error(`global labeller "${name}" is not a plugin with onMessage`);
    }
  }

  onStored(message: StoredMessage): void {
    if (this.#closing) return;
    this.#track(this.#handle(message).catch((err: unknown) => this.#log.error({ err, room: message.room, offset: message.offset }, 'bot dispatch failed')));
  }

  cancel(room: string, turnId: string): boolean {
    const turn = this.#turns.get(turnId);
    if (!turn || turn.room !== room) return false;
    turn.controller.abort();
    return true;
  }

  status(): BotPluginStatus[] {
    const stats = this.options.poolStats?.() ?? {};
    return [...this.#plugins.values()].map(({ name, definition: d }) => {
      const proc = stats[name];
      return {
        name, title: localize(d.title ?? name), version: d.version,
        kinds: [...(d.hooks.onTurn ? ['responder' as const] : []), ...(d.hooks.onMessage ? ['labeller' as const] : [])],
        safetyLayer: this.#isSafetyLayer(name),
        config: redactConfig(d, this.options.pluginConfig?.[name] ?? {}),
        secretKeys: [...(d.secrets ?? [])],
        ...(proc ? { process: { running: proc.running, queued: proc.queued, processes: proc.processes, restarts: proc.restarts } } : {}),
      };
    });
  }

  async close(): Promise<void> {
    this.#closing = true;
    for (const turn of this.#turns.values()) turn.controller.abort();
    const settled = Promise.allSettled([...this.#pending]);
    await Promise.race([settled, new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
    await this.options.queue.close();
    await this.options.bridge.flush();
  }

  #track(work: Promise<void>): void {
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
  }

  async #handle(message: StoredMessage): Promise<void> {
    const disabled = (await this.options.bridge.disabledBots?.(message.room)) ?? new Set<string>();
    const allMembers = (await this.options.bridge.botMembers(message.room)).map((m) => m.memberId);
    // Bots an admin switched off in this room neither label nor answer here (safety layers are not members).
    const members = allMembers.filter((name) => !disabled.has(name));
    if (message.body.kind === 'confirm') {
      // An answer to a signed proposal goes to the proposing bot only, with the arguments the engine signed. Its text
      // is fixed by the engine ("Confirmo"/"Cancelo"), so there is no free text for labellers to assess.
      const answer = await answeredProposal(this.options.bridge, message, members.filter((n) => this.#plugins.get(n)?.definition.hooks.onTurn));
      if (answer) this.#track(this.#runTurn(answer.bot, message, answer.confirmation));
      return;
    }
    const labellers = new Set([...(this.options.globalLabellers ?? []), ...members.filter((n) => this.#plugins.get(n)?.definition.hooks.onMessage)]);
    const author = labellers.size > 0 && message.from.kind === 'user' ? await this.options.bridge.userProfile(message.from.id) : null;
    const roomRisk = labellers.size > 0 ? await this.#roomRisk(message.room) : undefined;
    const verdicts = await Promise.all([...labellers].map((name) => this.#label(name, message, author, roomRisk)));
    const responders = members.filter((n) => this.#plugins.get(n)?.definition.hooks.onTurn);
    // Fail closed: if a safety layer could not check the message, no bot answers it.
    const unchecked = verdicts.find((v) => v.failed && this.#isSafetyLayer(v.plugin));
    if (unchecked) {
      for (const bot of routeTurn(message, responders)) this.#refuseUnchecked(bot, message, unchecked.plugin);
      return;
    }
    // The engine's safety layer: a crisis from a safety labeller shows the engine's card (from the helpline directory).
    if (await this.#actOnSafety(verdicts, message)) return;
    const veto = verdicts.find((v) => isVeto(v.result));
    if (veto) {
      this.#log.info({ room: message.room, offset: message.offset, plugin: veto.plugin }, 'labeller vetoed the turn');
      const replacement = (veto.result as { replacement?: MessageBody }).replacement;
      if (replacement) await this.#storeReply(veto.plugin, message.room, `veto:${message.room}:${message.offset}`, replacement);
      return;
    }
    // Route over every responder member, so addressing a switched-off bot tells the person instead of waking another.
    const addressed = routeTurn(message, allMembers.filter((n) => this.#plugins.get(n)?.definition.hooks.onTurn));
    for (const bot of addressed) {
      if (disabled.has(bot)) this.#refuseDisabled(bot, message);
      else this.#track(this.#runTurn(bot, message));
    }
  }

  /** The room's persisted risk for `ctx.roomRisk`; a read failure leaves it out (labellers still assess the message). */
  async #roomRisk(room: string): Promise<LabelJob['roomRisk']> {
    try {
      const risk = await this.options.bridge.safety?.roomRisk(room);
      return risk ? toRoomRisk(risk) : undefined;
    } catch (err) {
      this.#log.warn({ err, room }, 'conversation risk unavailable');
      return undefined;
    }
  }

  /** The first crisis among the safety labellers' results; null when there is none (or no engine safety layer). */
  #safetyVerdict(results: readonly { plugin: string; result: LabelResult }[], fromPerson: boolean): (SafetyVerdict & { plugin: string; result: LabelResult }) | null {
    const safety = this.options.bridge.safety;
    if (!safety) return null;
    let signal: (SafetyVerdict & { plugin: string; result: LabelResult }) | null = null;
    for (const { plugin, result } of results) {
      if (!this.#isSafetyLayer(plugin) || this.#plugins.get(plugin)?.definition.category !== 'safety') continue;
      const verdict = readSafetyVerdict(result as Parameters<typeof readSafetyVerdict>[0], fromPerson, safety.cardLevel);
      if (verdict?.kind === 'crisis') return { ...verdict, plugin, result };
      if (verdict) signal ??= { ...verdict, plugin, result };
    }
    return signal;
  }

  /** A crisis: no bot answers; the engine's card is stored instead. A low signal is recorded. True when it was a crisis. */
  async #actOnSafety(verdicts: readonly { plugin: string; result: LabelResult }[], message: StoredMessage): Promise<boolean> {
    const verdict = this.#safetyVerdict(verdicts, message.from.kind === 'user');
    if (!verdict) return false;
    const report = {
      room: message.room, plugin: verdict.plugin, level: verdict.level, category: verdict.category, labels: verdict.labels,
      source: 'message' as const, userId: message.from.kind === 'user' ? message.from.id : null, messageOffset: message.offset,
    };
    if (verdict.kind === 'signal') {
      await this.options.bridge.safety!.signal(report).catch((err: unknown) => this.#log.error({ err, room: message.room }, 'safety signal not recorded'));
      return false;
    }
    this.#log.info({ room: message.room, offset: message.offset, plugin: verdict.plugin, level: verdict.level }, 'safety layer: crisis, card instead of a bot turn');
    await this.#storeReply(verdict.plugin, message.room, `veto:${message.room}:${message.offset}`, await this.#crisisCard(report, verdict.result));
    return true;
  }

  /** The engine's card; if composing it fails, the labeller's own replacement (a card is never lost). */
  async #crisisCard(report: Parameters<NonNullable<EngineBridge['safety']>['crisis']>[0], result: LabelResult): Promise<MessageBody> {
    try {
      return await this.options.bridge.safety!.crisis(report);
    } catch (err) {
      this.#log.error({ err, room: report.room }, 'engine crisis card failed: storing the safety labeller\'s own');
      const own = isVeto(result) ? result.replacement : undefined;
      if (own) return own;
      throw err;
    }
  }

  #isSafetyLayer(plugin: string): boolean {
    return (this.options.globalLabellers ?? []).includes(plugin);
  }

  /** A turn that cannot run because its safety check failed: start + error, so the person knows to retry. */
  #refuseUnchecked(bot: string, trigger: StoredMessage, layer: string): void {
    const turn = randomUUID();
    this.#log.error({ room: trigger.room, offset: trigger.offset, bot, layer }, 'safety layer unavailable: turn refused');
    this.#metrics.turns.inc({ bot, outcome: 'SAFETY_UNAVAILABLE' });
    const base = { type: 'turn' as const, room: trigger.room, turn, bot };
    this.options.bridge.publish(trigger.room, { ...base, phase: 'start', seq: 0 });
    this.options.bridge.publish(trigger.room, {
      ...base, phase: 'error', seq: 1,
      error: {
        code: 'UNAVAILABLE', temporary: true, reason: 'SAFETY_UNAVAILABLE',
        message: 'No pudimos revisar tu mensaje con nuestra capa de seguridad, así que el asistente no responderá ahora. Inténtalo de nuevo en un momento.',
        i18n: {
          es: 'No pudimos revisar tu mensaje con nuestra capa de seguridad, así que el asistente no responderá ahora. Inténtalo de nuevo en un momento.',
          en: 'We could not check your message with our safety layer, so the assistant will not answer right now. Please try again in a moment.',
        },
      } as ErrorInfo,
    });
  }

  /** A bot an admin switched off in this room was addressed: start + error, so the person is told, not ignored. */
  #refuseDisabled(bot: string, trigger: StoredMessage): void {
    const turn = randomUUID();
    this.#metrics.turns.inc({ bot, outcome: 'BOT_DISABLED' });
    const base = { type: 'turn' as const, room: trigger.room, turn, bot };
    const i18n = {
      es: 'Este asistente está desactivado en esta conversación por el equipo de administración.',
      en: 'This assistant has been switched off in this conversation by the administrators.',
    };
    this.options.bridge.publish(trigger.room, { ...base, phase: 'start', seq: 0 });
    this.options.bridge.publish(trigger.room, {
      ...base, phase: 'error', seq: 1,
      error: { code: 'FORBIDDEN', temporary: false, reason: 'BOT_DISABLED', message: i18n.es, i18n } as ErrorInfo,
    });
  }

  /** Runs the global labellers on a bot's draft; the first veto, if any. */
  async #checkDraft(draft: StoredMessage): Promise<{ plugin: string; veto: Veto } | null> {
    const verdicts = await Promise.all((this.options.globalLabellers ?? []).map((name) => this.#label(name, draft)));
    // Fail closed: a draft no safety layer could check is not stored.
    const failed = verdicts.find((v) => v.failed);
    if (failed) return { plugin: failed.plugin, veto: { veto: true, reason: 'safety layer unavailable' } };
    const vetoed = verdicts.find((v) => isVeto(v.result));
    return vetoed ? { plugin: vetoed.plugin, veto: vetoed.result as Veto } : null;
  }

  /** `author`: the person who wrote the message, when one did (bots' drafts have none). */
  async #label(plugin: string, message: StoredMessage, author: LabelJob['user'] | null = null, roomRisk?: LabelJob['roomRisk']): Promise<{ plugin: string; result: LabelResult; failed: boolean }> {
    const job = {
      plugin, room: message.room, message, config: this.options.pluginConfig?.[plugin], ...(author ? { user: author } : {}),
      ...(roomRisk ? { roomRisk } : {}),
    };
    let result: LabelResult = null;
    for await (const event of this.options.queue.submit({ kind: 'label', job }, new AbortController().signal)) {
      if (event.type === 'error') {
        this.#metrics.labels.inc({ plugin, outcome: event.code });
        this.#log.warn({ plugin, code: event.code, detail: event.detail }, 'labeller failed');
        return { plugin, result: null, failed: true };
      }
      if (event.type === 'done') result = event.result ?? null;
    }
    this.#metrics.labels.inc({ plugin, outcome: result === null ? 'none' : isVeto(result) ? 'veto' : 'annotation' });
    if (result !== null && !isVeto(result) && message.offset > 0) {
      const push: Push = {
        type: 'annotation', room: message.room, offset: message.offset, plugin,
        labels: result.labels.map((l) => ({ label: l.label, score: l.score })), risk: result.risk,
        ...(result.detail === undefined ? {} : { detail: result.detail }),
      };
      if (result.audience !== 'author') this.options.bridge.publish(message.room, push);
      else if (author) this.options.bridge.publishTo(message.room, author.id, push);
    }
    return { plugin, result, failed: false };
  }

  async #runTurn(bot: string, trigger: StoredMessage, confirmation?: TurnJob['confirmation']): Promise<void> {
    const definition = this.#plugins.get(bot)!.definition;
    const turn: RunningTurn = { id: randomUUID(), room: trigger.room, bot, controller: new AbortController(), seq: 0 };
    const startedAt = performance.now();
    let firstDeltaMs: number | undefined;
    let text = '';
    let body: MessageBody | undefined;
    let tools = 0;
    let usage: HookUsage | undefined;
    let outcome = 'done';
    this.#turns.set(turn.id, turn);
    this.#metrics.activeTurns.inc();
    const push = (phase: TurnPush['phase'], extra: Partial<TurnPush> = {}) =>
      this.options.bridge.publish(turn.room, { type: 'turn', room: turn.room, turn: turn.id, bot, phase, seq: turn.seq++, ...extra });
    const guard = (this.options.globalLabellers ?? []).length === 0 ? undefined : new DraftGuard(
      (draft) => this.#checkDraft(draft),
      (draftText) => ({
        room: turn.room, epoch: trigger.epoch, offset: 0, msgId: `draft:${turn.id}`, ts: Date.now(),
        from: { id: bot, kind: 'bot', name: localize(definition.title ?? bot) }, body: { text: draftText, kind: 'text' },
      }),
      () => turn.controller.abort(),
    );
    const coalescer = new DeltaCoalescer(this.#coalesceMs, (delta) => {
      if (firstDeltaMs === undefined) {
        firstDeltaMs = performance.now() - startedAt;
        this.#metrics.firstDelta.observe({ bot }, firstDeltaMs / 1000);
      }
      push('delta', { text: delta });
    });

    push('start');
    try {
      const job = await this.#turnJob(turn, definition.window ?? DEFAULT_WINDOW, trigger, confirmation);
      for await (const event of this.options.queue.submit({ kind: 'turn', job }, turn.controller.signal)) {
        if (event.type === 'output') {
          const output = event.output;
          if (output.type === 'text') {
            text += output.text;
            guard?.observe(text);
            if (!guard?.veto) coalescer.add(output.text);
          } else if (output.type === 'body') {
            body = output.body;
          } else if (isProposal(output)) {
            // Stored as it happens, like tool results: the person can confirm while the bot finishes its answer.
            await this.#storeReply(bot, turn.room, `turn:${turn.id}:tool:${++tools}`, await proposalBody(this.options.bridge, turn.room, bot, output));
          } else if (output.type === 'tool_result') {
            await this.#storeReply(bot, turn.room, `turn:${turn.id}:tool:${++tools}`, {
              text: output.name, kind: 'tool', data: { name: output.name, result: output.result },
            });
          }
        } else if (event.type === 'done') {
          usage = event.usage;
          if (await guard?.final(body?.text ?? text)) {
            outcome = await this.#replaceVetoed(turn, guard!, coalescer, push, trigger);
            continue;
          }
          coalescer.flush();
          const reply = body ?? (text.length > 0 ? { text, kind: 'text' as const } : undefined);
          const stored = reply ? await this.#storeReply(bot, turn.room, `turn:${turn.id}`, reply) : undefined;
          push('end', stored ? { offset: stored.offset } : {});
        } else {
          usage = event.usage;
          outcome = event.code;
          if (event.code === 'PLUGIN_CANCELLED' && guard?.veto) {
            outcome = await this.#replaceVetoed(turn, guard, coalescer, push, trigger);
          } else if (event.code === 'PLUGIN_CANCELLED') {
            coalescer.discard();
            outcome = 'cancelled';
            push('cancelled');
          } else {
            coalescer.flush();
            this.#log.warn({ bot, turn: turn.id, code: event.code, detail: event.detail }, 'turn failed');
            push('error', { error: turnError(event) });
          }
        }
      }
    } catch (err) {
      // Storing the reply failed (database down) or the queue broke: the turn ends in error, the engine goes on.
      outcome = 'UNAVAILABLE';
      coalescer.discard();
      this.#log.error({ err, bot, turn: turn.id }, 'turn could not complete');
      push('error', {
        error: {
          code: 'UNAVAILABLE', message: 'No se pudo guardar la respuesta. Inténtalo de nuevo.', temporary: true,
          i18n: { es: 'No se pudo guardar la respuesta. Inténtalo de nuevo.', en: 'The answer could not be saved. Please try again.' },
        } as ErrorInfo,
      });
    } finally {
      this.#turns.delete(turn.id);
      this.#metrics.activeTurns.dec();
      const durationMs = performance.now() - startedAt;
      this.#metrics.turns.inc({ bot, outcome });
      this.#metrics.turnDuration.observe({ bot }, durationMs / 1000);
      if (usage?.tokens) {
        this.#metrics.tokens.inc({ bot, direction: 'input' }, usage.tokens.inputTokens);
        this.#metrics.tokens.inc({ bot, direction: 'output' }, usage.tokens.outputTokens);
      }
      this.options.bridge.recordTurn({
        turnId: turn.id, roomId: turn.room, bot, outcome, llmRequests: usage?.llmRequests ?? 0, durationMs,
        ...(firstDeltaMs === undefined ? {} : { firstDeltaMs }),
        ...(usage?.tokens ? { inputTokens: usage.tokens.inputTokens, outputTokens: usage.tokens.outputTokens } : {}),
      });
    }
  }

  /** A safety layer vetoed the draft: the turn ends `cancelled` and the veto's replacement (if any) is stored. */
  async #replaceVetoed(turn: RunningTurn, guard: DraftGuard, coalescer: DeltaCoalescer, push: (phase: TurnPush['phase']) => void, trigger: StoredMessage): Promise<string> {
    const { plugin, veto } = guard.veto!;
    coalescer.discard();
    this.#log.info({ room: turn.room, turn: turn.id, bot: turn.bot, plugin }, 'safety layer stopped a turn');
    push('cancelled');
    // A crisis found in the draft: the engine's card, recorded as a `draft` event of the person the bot was answering.
    const verdict = this.#safetyVerdict([{ plugin, result: veto }], false);
    const replacement = verdict?.kind === 'crisis'
      ? await this.#crisisCard({
        room: turn.room, plugin, level: verdict.level, category: verdict.category, labels: verdict.labels, source: 'draft',
        userId: trigger.from.kind === 'user' ? trigger.from.id : null, messageOffset: trigger.offset,
      }, veto)
      : veto.replacement;
    if (replacement) await this.#storeReply(plugin, turn.room, `veto:${turn.id}`, replacement);
    return 'vetoed';
  }

  async #turnJob(turn: RunningTurn, window: number, trigger: StoredMessage, confirmation?: TurnJob['confirmation']): Promise<TurnJob> {
    const [recent, user, roomRisk, people] = await Promise.all([
      this.options.bridge.recentMessages(turn.room, window),
      this.options.bridge.userProfile(trigger.from.id),
      this.#roomRisk(turn.room),
      this.options.bridge.people(turn.room),
    ]);
    return {
      turnId: turn.id, plugin: turn.bot, room: turn.room, trigger, people,
      window: recent.filter((m) => m.offset <= trigger.offset),
      user: user ?? { id: trigger.from.id, name: trigger.from.name, profile: {} },
      config: this.options.pluginConfig?.[turn.bot],
      ...(confirmation === undefined ? {} : { confirmation }),
      ...(roomRisk === undefined ? {} : { roomRisk }),
    };
  }

  #storeReply(plugin: string, room: string, msgId: string, body: MessageBody): Promise<StoredMessage> {
    const definition = this.#plugins.get(plugin)!.definition;
    return this.options.bridge.storeBotMessage({ room, msgId, bot: { name: plugin, title: localize(definition.title ?? plugin) }, body });
  }
}

/** The wire error of a failed turn: the protocol code, Spanish text first, both languages available. */
function turnError(event: Extract<JobEvent, { type: 'error' }>): ErrorInfo & { i18n: LocalizedText; reason: string } {
  const entry = isPluginErrorCode(event.code) ? PLUGIN_ERROR_CATALOG[event.code] : undefined;
  return {
    code: entry?.wireCode ?? 'INTERNAL',
    message: event.message.es,
    temporary: entry?.temporary ?? true,
    i18n: event.message,
    reason: event.code,
  };
}

/** The engine's risk state as plugins see it (`ctx.roomRisk`): plain data, no internal ids. */
function toRoomRisk(risk: RoomRiskState): NonNullable<LabelJob['roomRisk']> {
  return {
    level: risk.level, events: risk.events, lowSignals: risk.lowSignals,
    ...(risk.since === null ? {} : { since: risk.since }),
    ...(risk.lastEventAt === null ? {} : { lastEventAt: risk.lastEventAt }),
  };
}
