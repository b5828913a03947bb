/**
 * @module host/errors
 * How a plugin hook can fail, as seen by the engine. Every failure is a `PluginTurnError` with a stable `code`, a
 * `temporary` verdict (may retrying help?), a message for people in Spanish and English (`userMessage`), and
 * `message`, a technical detail for logs (secret config values are scrubbed from it before it leaves the plugin).
 * `wireCode` is the protocol error code to put in a `turn` push's `error` (a cancel is a `cancelled` phase instead).
 */
import type { ErrorCode } from '../../schema/codes.ts';
import type { LocalizedText } from '../sdk/index.ts';
import type { HookUsage } from './types.ts';

export const PluginErrorCode = {
  /** The hook threw, yielded an invalid output, or used a capability it did not declare. */
  THREW: 'PLUGIN_THREW',
  /** The hook ran past its timeout; a plugin process that did not let go in time was killed and is respawned. */
  TIMEOUT: 'PLUGIN_TIMEOUT',
  /** The plugin's process ended mid-hook (process.exit, a native crash, or a restart after another hook hung). */
  CRASHED: 'PLUGIN_CRASHED',
  /** The plugin's process ran out of heap (`limits.memoryMb`). */
  OOM: 'PLUGIN_OOM',
  /** The caller cancelled (signal, consumer stopped reading, or the pool closed). */
  CANCELLED: 'PLUGIN_CANCELLED',
  /** The plugin is at its concurrency limit and its queue is full. */
  BUSY: 'PLUGIN_BUSY',
  /** The model provider failed (`llmCode` says how); `userMessage` is the provider error's own. */
  LLM_FAILED: 'PLUGIN_LLM_FAILED',
  /** The configuration given with the job does not match the plugin's config schema. */
  BAD_CONFIG: 'PLUGIN_BAD_CONFIG',
  /** No such plugin in the pool, or it has no hook of that kind. */
  NOT_FOUND: 'PLUGIN_NOT_FOUND',
} as const;
export type PluginErrorCode = (typeof PluginErrorCode)[keyof typeof PluginErrorCode];

interface CatalogEntry {
  readonly temporary: boolean;
  readonly wireCode: ErrorCode;
  readonly userMessage: LocalizedText;
}

export const PLUGIN_ERROR_CATALOG: Readonly<Record<PluginErrorCode, CatalogEntry>> = {
  PLUGIN_THREW: {
    temporary: false,
    wireCode: 'INTERNAL',
    userMessage: {
      es: 'El asistente tuvo un error y no pudo terminar su respuesta.',
      en: 'The assistant ran into an error and could not finish its answer.',
    },
  },
  PLUGIN_TIMEOUT: {
    temporary: true,
    wireCode: 'TIMEOUT',
    userMessage: {
      es: 'El asistente tardó demasiado en responder y se detuvo. Inténtalo de nuevo.',
      en: 'The assistant took too long to answer and was stopped. Please try again.',
    },
  },
  PLUGIN_CRASHED: {
    temporary: true,
    wireCode: 'UNAVAILABLE',
    userMessage: {
      es: 'El asistente dejó de funcionar mientras respondía y se está reiniciando. Inténtalo de nuevo.',
      en: 'The assistant stopped working while answering and is restarting. Please try again.',
    },
  },
  PLUGIN_OOM: {
    temporary: true,
    wireCode: 'UNAVAILABLE',
    userMessage: {
      es: 'El asistente se quedó sin memoria y se está reiniciando. Inténtalo de nuevo.',
      en: 'The assistant ran out of memory and is restarting. Please try again.',
    },
  },
  PLUGIN_CANCELLED: {
    temporary: false,
    wireCode: 'INTERNAL',
    userMessage: { es: 'La respuesta se canceló.', en: 'The answer was cancelled.' },
  },
  PLUGIN_BUSY: {
    temporary: true,
    wireCode: 'UNAVAILABLE',
    userMessage: {
      es: 'El asistente está atendiendo demasiadas conversaciones ahora mismo. Inténtalo de nuevo en unos momentos.',
      en: 'The assistant is handling too many conversations right now. Please try again in a moment.',
    },
  },
  PLUGIN_LLM_FAILED: {
    temporary: true,
    wireCode: 'UNAVAILABLE',
    userMessage: {
      es: 'El modelo de lenguaje no pudo responder. Inténtalo de nuevo más tarde.',
      en: 'The language model could not answer. Please try again later.',
    },
  },
  PLUGIN_BAD_CONFIG: {
    temporary: false,
    wireCode: 'INTERNAL',
    userMessage: {
      es: 'El asistente no está bien configurado. Avisa a quien administra este sitio.',
      en: 'The assistant is not configured correctly. Please tell the site administrator.',
    },
  },
  PLUGIN_NOT_FOUND: {
    temporary: false,
    wireCode: 'NOT_FOUND',
    userMessage: { es: 'Este asistente no está disponible.', en: 'This assistant is not available.' },
  },
};

export interface PluginTurnErrorOptions {
  readonly plugin?: string;
  /** For `PLUGIN_LLM_FAILED`: the provider's `LlmErrorCode`. */
  readonly llmCode?: string;
  /** Overrides the catalog (the provider's own message, its retry verdict). */
  readonly userMessage?: LocalizedText;
  readonly temporary?: boolean;
  readonly cause?: unknown;
}

export class PluginTurnError extends Error {
  readonly code: PluginErrorCode;
  readonly plugin: string | undefined;
  readonly llmCode: string | undefined;
  readonly temporary: boolean;
  readonly userMessage: LocalizedText;
  readonly wireCode: ErrorCode;
  /** Timing and tokens of the failed run, when the pool ran it. */
  usage: HookUsage | undefined;

  constructor(code: PluginErrorCode, detail: string, options: PluginTurnErrorOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PluginTurnError';
    const entry = PLUGIN_ERROR_CATALOG[code];
    this.code = code;
    this.plugin = options.plugin;
    this.llmCode = options.llmCode;
    this.temporary = options.temporary ?? entry.temporary;
    this.userMessage = options.userMessage ?? entry.userMessage;
    this.wireCode = entry.wireCode;
  }

  userText(language: keyof LocalizedText = 'es'): string {
    return this.userMessage[language];
  }
}

export function isPluginErrorCode(value: unknown): value is PluginErrorCode {
  return typeof value === 'string' && value in PLUGIN_ERROR_CATALOG;
}
