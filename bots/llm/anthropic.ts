/**
 * @module llm/anthropic
 * `LlmProvider` over `@anthropic-ai/sdk` (streaming Messages API). The SDK's own retries are off (`maxRetries: 0`):
 * `withRetry` decides, because only it knows whether text already reached the user.
 */
import Anthropic, { APIConnectionError, APIError } from '@anthropic-ai/sdk';
import type { Logger } from 'pino';
import { toAnthropicParams } from './anthropic-request.ts';
import { AnthropicStreamTranslator } from './anthropic-stream.ts';
import { classifyFailure } from './classify-failure.ts';
import { driveSdkStream } from './drive-stream.ts';
import { LlmError } from './errors.ts';
import { sdkLoggerFor } from './sdk-logger.ts';
import type { LlmProvider } from './types.ts';

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';
const PROVIDER = 'anthropic';

export interface AnthropicProviderOptions {
  readonly apiKey: string;
  /** API root without `/v1` (the SDK appends `/v1/messages`). @default https://api.anthropic.com */
  readonly baseURL?: string | undefined;
  readonly model: string;
  /** `max_tokens` when a request gives none (Anthropic requires it). @default 1024 */
  readonly defaultMaxTokens?: number | undefined;
  /** Time allowed for the request to get a response. @default 60000 */
  readonly timeoutMs?: number | undefined;
  readonly logger?: Logger | undefined;
}

export function createAnthropicProvider(options: AnthropicProviderOptions): LlmProvider {
  const client = new Anthropic({
    apiKey: options.apiKey,
    // Always explicit, so the SDK never falls back to ANTHROPIC_BASE_URL from process.env.
    baseURL: options.baseURL ?? ANTHROPIC_DEFAULT_BASE_URL,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 60_000,
    logger: sdkLoggerFor(options.logger, PROVIDER),
    logLevel: 'warn',
    openTelemetry: false,
  });
  const defaults = { model: options.model, maxTokens: options.defaultMaxTokens ?? 1024 };
  return {
    name: PROVIDER,
    model: options.model,
    stream: (request, signal) =>
      driveSdkStream(
        signal,
        () => client.messages.create(toAnthropicParams(request, defaults), { signal }),
        new AnthropicStreamTranslator(PROVIDER),
        anthropicErrorToLlm,
      ),
  };
}

export function anthropicErrorToLlm(error: unknown): LlmError {
  if (error instanceof LlmError) return error;
  if (error instanceof APIConnectionError) {
    return classifyFailure({ provider: PROVIDER, detail: `connection failed: ${error.message}`, cause: error });
  }
  if (error instanceof APIError) {
    // `status` is undefined for an `event: error` sent inside a 200 stream; `type` is then the only signal.
    return classifyFailure({
      provider: PROVIDER,
      status: error.status,
      errorType: error.type ?? undefined,
      headers: error.headers,
      detail: error.message,
      cause: error,
    });
  }
  return classifyFailure({ provider: PROVIDER, detail: describe(error), cause: error });
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
