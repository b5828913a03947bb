/**
 * @module llm/errors
 * Every failure of a model provider becomes an `LlmError` with a stable `code` (never reused, never renamed), a
 * `retryable` verdict and a message people can read, in Spanish first and English. `message` (the Error's own text)
 * is a technical detail for logs: it never carries API keys and is never shown to end users.
 */

/** A text shown to people, Spanish first. */
export interface UserText {
  readonly es: string;
  readonly en: string;
}

export type UserLanguage = keyof UserText;

export const LlmErrorCode = {
  RATE_LIMITED: 'LLM_RATE_LIMITED',
  OVERLOADED: 'LLM_OVERLOADED',
  UNAVAILABLE: 'LLM_UNAVAILABLE',
  BAD_REQUEST: 'LLM_BAD_REQUEST',
  BAD_RESPONSE: 'LLM_BAD_RESPONSE',
  AUTH: 'LLM_AUTH',
  CANCELLED: 'LLM_CANCELLED',
  NOT_CONFIGURED: 'LLM_NOT_CONFIGURED',
} as const;

export type LlmErrorCode = (typeof LlmErrorCode)[keyof typeof LlmErrorCode];

/** The runtime says this, plainly, when a responder needs a model and none is configured. */
export const NO_MODEL_CONFIGURED: UserText = {
  es: 'No hay ningún modelo de lenguaje configurado, así que este asistente no puede responder por ahora.',
  en: 'No language model is configured, so this assistant cannot answer for now.',
};

interface CodeInfo {
  readonly retryable: boolean;
  readonly userMessage: UserText;
}

/** One row per code: whether trying again can help, and what to tell people. */
export const LLM_ERROR_CATALOG: Readonly<Record<LlmErrorCode, CodeInfo>> = {
  LLM_RATE_LIMITED: {
    retryable: true,
    userMessage: {
      es: 'El modelo de lenguaje está recibiendo demasiadas peticiones. Inténtalo de nuevo en unos momentos.',
      en: 'The language model is receiving too many requests. Please try again in a moment.',
    },
  },
  LLM_OVERLOADED: {
    retryable: true,
    userMessage: {
      es: 'El modelo de lenguaje está sobrecargado ahora mismo. Inténtalo de nuevo en unos minutos.',
      en: 'The language model is overloaded right now. Please try again in a few minutes.',
    },
  },
  LLM_UNAVAILABLE: {
    retryable: true,
    userMessage: {
      es: 'No se pudo contactar con el modelo de lenguaje o la respuesta se cortó. Inténtalo de nuevo más tarde.',
      en: 'The language model could not be reached or its answer was cut off. Please try again later.',
    },
  },
  LLM_BAD_REQUEST: {
    retryable: false,
    userMessage: {
      es: 'El modelo de lenguaje rechazó la petición. Avisa a quien administra este sitio.',
      en: 'The language model rejected the request. Please tell the site administrator.',
    },
  },
  LLM_BAD_RESPONSE: {
    retryable: true,
    userMessage: {
      es: 'El modelo de lenguaje devolvió una respuesta que no se pudo interpretar. Inténtalo de nuevo.',
      en: 'The language model returned an answer that could not be understood. Please try again.',
    },
  },
  LLM_AUTH: {
    retryable: false,
    userMessage: {
      es: 'El modelo de lenguaje no aceptó las credenciales configuradas. Avisa a quien administra este sitio.',
      en: 'The language model did not accept the configured credentials. Please tell the site administrator.',
    },
  },
  LLM_CANCELLED: {
    retryable: false,
    userMessage: { es: 'La respuesta se canceló.', en: 'The answer was cancelled.' },
  },
  LLM_NOT_CONFIGURED: { retryable: false, userMessage: NO_MODEL_CONFIGURED },
};

export interface LlmErrorOptions {
  /** HTTP status of the failed response, when there was one. */
  readonly status?: number | undefined;
  /** How long the provider asked us to wait (`retry-after-ms` / `retry-after`). */
  readonly retryAfterMs?: number | undefined;
  /** Provider name, for logs. */
  readonly provider?: string | undefined;
  readonly cause?: unknown;
}

export class LlmError extends Error {
  readonly code: LlmErrorCode;
  readonly retryable: boolean;
  readonly userMessage: UserText;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly provider: string | undefined;

  constructor(code: LlmErrorCode, detail: string, options: LlmErrorOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = LLM_ERROR_CATALOG[code].retryable;
    this.userMessage = LLM_ERROR_CATALOG[code].userMessage;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.provider = options.provider;
  }

  /** The text to show people, in their language (Spanish unless asked otherwise). */
  userText(language: UserLanguage = 'es'): string {
    return this.userMessage[language];
  }
}

// One class per code so callers can use `instanceof`; the code stays the contract.
export class LlmRateLimitedError extends LlmError {
  constructor(detail: string, options?: LlmErrorOptions) {
    super(LlmErrorCode.RATE_LIMITED, detail, options);
  }
}
export class LlmOverloadedError extends LlmError {
  constructor(detail: string, options?: LlmErrorOptions) {
    super(LlmErrorCode.OVERLOADED, detail, options);
  }
}
export class LlmUnavailableError extends LlmError {
  constructor(detail: string, options?: LlmErrorOptions) {
    super(LlmErrorCode.UNAVAILABLE, detail, options);
  }
}
export class LlmBadRequestError extends LlmError {
  constructor(detail: string, options?: LlmErrorOptions) {
    super(LlmErrorCode.BAD_REQUEST, detail, options);
  }
}
export class LlmBadResponseError extends LlmError {
  constructor(detail: string, options?: LlmErrorOptions) {
    super(LlmErrorCode.BAD_RESPONSE, detail, options);
  }
}
export class LlmAuthError extends LlmError {
  constructor(detail: string, options?: LlmErrorOptions) {
    super(LlmErrorCode.AUTH, detail, options);
  }
}
export class LlmCancelledError extends LlmError {
  constructor(detail = 'cancelled by the caller', options?: LlmErrorOptions) {
    super(LlmErrorCode.CANCELLED, detail, options);
  }
}
export class LlmNotConfiguredError extends LlmError {
  constructor(detail = 'no language model is configured', options?: LlmErrorOptions) {
    super(LlmErrorCode.NOT_CONFIGURED, detail, options);
  }
}
