/**
 * @module llm/openai
 * `LlmProvider` over the `openai` SDK's streaming Chat Completions, for OpenAI itself and for OpenAI-compatible
 * servers (vLLM, llama.cpp, Ollama: set `baseURL`, e.g. `http://127.0.0.1:11434/v1`). This is how local GPU models
 * are used. The SDK's own retries are off (`maxRetries: 0`): `withRetry` decides.
 */
import OpenAI, { APIConnectionError, APIError } from 'openai';
import type { Logger } from 'pino';
import { classifyFailure } from './classify-failure.ts';
import { driveSdkStream } from './drive-stream.ts';
import { LlmError } from './errors.ts';
import { toOpenAiParams, type MaxTokensField } from './openai-request.ts';
import { OpenAiStreamTranslator } from './openai-stream.ts';
import { sdkLoggerFor } from './sdk-logger.ts';
import type { LlmProvider } from './types.ts';

export const OPENAI_DEFAULT_BASE_URL = 'https://api.openai.com/v1';
/** Sent to local servers that need no key: the SDK refuses to run without one. */
export const NO_API_KEY_PLACEHOLDER = 'no-key';

export type OpenAiFlavor = 'openai' | 'openai-compatible';

export interface OpenAiProviderOptions {
  /** `openai` for api.openai.com, `openai-compatible` for local servers. @default openai */
  readonly flavor?: OpenAiFlavor | undefined;
  /** Required for OpenAI; optional for local servers. */
  readonly apiKey?: string | undefined;
  /** API root including `/v1`. @default https://api.openai.com/v1 */
  readonly baseURL?: string | undefined;
  readonly model: string;
  /** @default `max_completion_tokens` for OpenAI, `max_tokens` for compatible servers */
  readonly maxTokensField?: MaxTokensField | undefined;
  /** Ask for the usage chunk (`stream_options.include_usage`). @default true */
  readonly includeUsage?: boolean | undefined;
  /** Time allowed for the request to get a response. @default 60000 */
  readonly timeoutMs?: number | undefined;
  readonly logger?: Logger | undefined;
}

export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  const flavor = options.flavor ?? 'openai';
  const client = new OpenAI({
    apiKey: options.apiKey || NO_API_KEY_PLACEHOLDER,
    // Explicit values, so the SDK does not pick up OPENAI_BASE_URL / OPENAI_ORG_ID / OPENAI_PROJECT_ID from
    // process.env behind the configuration's back.
    baseURL: options.baseURL ?? OPENAI_DEFAULT_BASE_URL,
    organization: null,
    project: null,
    adminAPIKey: null,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 60_000,
    logger: sdkLoggerFor(options.logger, flavor),
    logLevel: 'warn',
  });
  const defaults = {
    model: options.model,
    maxTokensField: options.maxTokensField ?? (flavor === 'openai' ? 'max_completion_tokens' : 'max_tokens'),
    includeUsage: options.includeUsage ?? true,
  } as const;
  const toLlmError = (error: unknown) => openAiErrorToLlm(error, flavor);
  return {
    name: flavor,
    model: options.model,
    stream: (request, signal) =>
      driveSdkStream(
        signal,
        () => client.chat.completions.create(toOpenAiParams(request, defaults), { signal }),
        new OpenAiStreamTranslator(flavor),
        toLlmError,
      ),
  };
}

export function openAiErrorToLlm(error: unknown, provider: string): LlmError {
  if (error instanceof LlmError) return error;
  if (error instanceof APIConnectionError) {
    return classifyFailure({ provider, detail: `connection failed: ${error.message}`, cause: error });
  }
  if (error instanceof APIError) {
    // A `data: {"error": …}` chunk inside a 200 stream has no status; its `type`/`code` is then the only signal.
    return classifyFailure({
      provider,
      status: error.status,
      errorType: error.type,
      errorCode: error.code ?? undefined,
      headers: error.headers,
      detail: error.message,
      cause: error,
    });
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return classifyFailure({ provider, detail, cause: error });
}
