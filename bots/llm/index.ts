/**
 * @module llm
 * The `llm` capability: one normalized event stream over Anthropic, OpenAI and OpenAI-compatible local servers.
 * Start with `createLlmFromEnv(process.env, {logger})`; `undefined` means no model is configured (answer with
 * `NO_MODEL_CONFIGURED`, never with a pretend AI answer). See README.md for the environment variables.
 */
export type {
  JsonSchema,
  LlmAssistantMessage,
  LlmEvent,
  LlmEventType,
  LlmFinishReason,
  LlmMessage,
  LlmProvider,
  LlmRequest,
  LlmToolCall,
  LlmToolDefinition,
  LlmToolResultMessage,
  LlmUserMessage,
} from './types.ts';
export {
  LLM_ERROR_CATALOG,
  LlmAuthError,
  LlmBadRequestError,
  LlmBadResponseError,
  LlmCancelledError,
  LlmError,
  LlmErrorCode,
  LlmNotConfiguredError,
  LlmOverloadedError,
  LlmRateLimitedError,
  LlmUnavailableError,
  NO_MODEL_CONFIGURED,
  type LlmErrorOptions,
  type UserLanguage,
  type UserText,
} from './errors.ts';
export {
  DEFAULT_ANTHROPIC_MODEL,
  DEFAULT_OPENAI_MODEL,
  describeLlmConfig,
  resolveLlmConfig,
  type LlmConfig,
  type LlmConfigResult,
  type LlmEnv,
  type LlmProviderName,
} from './config.ts';
export { createLlm, createLlmFromEnv, type CreateLlmOptions } from './factory.ts';
export { createAnthropicProvider, type AnthropicProviderOptions } from './anthropic.ts';
export { createOpenAiProvider, type OpenAiFlavor, type OpenAiProviderOptions } from './openai.ts';
export { withRetry, type RetryOptions } from './retry.ts';
export { collectEvents, collectResponse, type LlmResponse } from './collect.ts';
