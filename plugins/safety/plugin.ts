/**
 * Safety: the engine-wide crisis layer. The engine runs it in every room whenever it is installed (only
 * SAFETY_LAYER=off, for development, removes it): it sees every message before any responder runs, and every bot
 * answer while it streams (see README.md beside it).
 *
 * Layers: the curated pattern list (patterns.ts), the project's classifier through `ctx.classifier`
 * (models/crisis.onnx, trained by bots/safety/train.ts), the combination (assess.ts), the per-conversation risk
 * state (risk-state.ts, merged with the engine's persisted `ctx.roomRisk`) and the check of bots' drafts (layer.ts).
 * On risk it vetoes with `risk` and `labels`; the engine then cancels or replaces the bot turn with its own `crisis`
 * card from the admin-maintained directory, and records, audits and counts the event (engine/src/safety).
 */
import { z } from 'zod';
import { definePlugin } from '../../bots/sdk/index.ts';
import { LogAuditSink } from './audit.ts';
import { DEFAULT_COUNTRY, directorySchema, SHIPPED_DIRECTORY } from './helplines.ts';
import { SafetyLayer, type SafetySettings } from './layer.ts';
import { InMemoryRiskStateStore } from './risk-state.ts';
import { SHIPPED, thresholdsSchema } from './thresholds.ts';

const config = z.object({
  /** Model name in MODELS_DIR; its sidecar may point at a bigger production model by path (`file`). */
  model: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/).default(SHIPPED.model),
  /** ISO 3166-1 alpha-2 code used when the user's profile has no `country`. */
  defaultCountry: z.string().regex(/^[A-Za-z]{2}$/).default(DEFAULT_COUNTRY),
  /** Overrides of the thresholds trained with the shipped model (thresholds.json); needed with another model. */
  thresholds: thresholdsSchema.partial().optional(),
  /** Longest wait for the classifier before assessing with patterns only. */
  classifierTimeoutMs: z.number().int().min(100).max(10_000).default(2_500),
  /** How long after its last crisis event a conversation uses the lower `elevated` classifier threshold. */
  elevatedForMs: z.number().int().min(0).default(24 * 60 * 60 * 1000),
  /** Whether a person (moderator, on-call professional) can be reached through the platform, and how to say it. */
  humanContact: z
    .object({ available: z.boolean().default(false), es: z.string().max(300).optional(), en: z.string().max(300).optional() })
    .default({ available: false }),
  /** The admin-maintained helpline directory; replaces the shipped helplines.json as a whole. */
  directory: directorySchema.optional(),
});

/** One per plugin process: a working copy of the conversation state (merged with the engine's `ctx.roomRisk`) and counters. */
export const riskStore = new InMemoryRiskStateStore();
export const auditSink = new LogAuditSink(50);
const layer = new SafetyLayer({ store: riskStore, audit: auditSink });

export default definePlugin({
  name: 'safety',
  version: '1.0.0',
  title: { es: 'Seguridad', en: 'Safety' },
  description: {
    es: 'Capa de seguridad de todo el motor: detecta riesgo de suicidio, autolesión o peligro inmediato (ES/EN), detiene la respuesta del bot y muestra las líneas de ayuda del país del usuario.',
    en: 'Engine-wide safety layer: detects suicide and self-harm risk or imminent danger (ES/EN), stops the bot answer and shows the helplines of the user’s country.',
  },
  category: 'safety',
  capabilities: ['classifier'],
  profileFields: ['country'],
  config,
  limits: { timeoutMs: 8_000, concurrency: 64, memoryMb: 128 },
  hooks: {
    onMessage(message, ctx) {
      // The engine's persisted conversation risk wins over what this process remembers (restarts, several processes).
      riskStore.mergeRoomRisk(message.room, ctx.roomRisk, Date.now());
      const settings: SafetySettings = {
        model: ctx.config.model,
        defaultCountry: ctx.config.defaultCountry.toUpperCase(),
        thresholds: { ...SHIPPED.thresholds, ...(ctx.config.thresholds ?? {}) },
        classifierTimeoutMs: ctx.config.classifierTimeoutMs,
        elevatedForMs: ctx.config.elevatedForMs,
        humanContact: ctx.config.humanContact,
        directory: ctx.config.directory ?? SHIPPED_DIRECTORY,
      };
      return layer.label(message, ctx, settings);
    },
  },
});
