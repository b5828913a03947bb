/**
 * @module llm/factory
 * Builds the configured `LlmProvider`, wrapped in `withRetry`. `createLlmFromEnv` returns `undefined` when no model
 * is configured: the product still runs, and responders that need a model say so (`NO_MODEL_CONFIGURED`).
 */
import type { Logger } from 'pino';
import { createAnthropicProvider } from './anthropic.ts';
import { describeLlmConfig, resolveLlmConfig, type LlmConfig, type LlmEnv } from './config.ts';
import { createOpenAiProvider } from './openai.ts';
import { withRetry, type RetryOptions } from './retry.ts';
import type { LlmProvider } from './types.ts';

export interface CreateLlmOptions {
  readonly logger?: Logger | undefined;
  /** Retry policy; `false` returns the bare provider. @default withRetry's defaults */
  readonly retry?: Omit<RetryOptions, 'logger'> | false | undefined;
  /** Time allowed for a request to get a response. @default 60000 */
  readonly timeoutMs?: number | undefined;
}

export function createLlm(config: LlmConfig, options: CreateLlmOptions = {}): LlmProvider {
  const { logger, timeoutMs } = options;
  const provider =
    config.provider === 'anthropic'
      ? createAnthropicProvider({ apiKey: config.apiKey, baseURL: config.baseURL, model: config.model, timeoutMs, logger })
      : createOpenAiProvider({
          flavor: config.provider,
          apiKey: config.apiKey,
          baseURL: config.baseURL,
          model: config.model,
          timeoutMs,
          logger,
        });
  return options.retry === false ? provider : withRetry(provider, { ...options.retry, logger });
}

export function createLlmFromEnv(env: LlmEnv, options: CreateLlmOptions = {}): LlmProvider | undefined {
  const result = resolveLlmConfig(env);
  if (!result.configured) {
    // An explicit LLM_PROVIDER that cannot be used is an operator mistake worth a warning; nothing set is a choice.
    if (result.explicit) options.logger?.warn({ reason: result.reason }, 'language model not configured');
    else options.logger?.info({ reason: result.reason }, 'no language model configured; responders needing one say so');
    return undefined;
  }
  options.logger?.info({ llm: describeLlmConfig(result.config) }, 'language model configured');
  return createLlm(result.config, options);
}
