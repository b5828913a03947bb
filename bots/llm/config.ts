/**
 * @module llm/config
 * Which model provider to use, read from environment variables (documented in `bots/llm/README.md`). Reading never
 * throws and never requires a key: with nothing configured the result says so, and the runtime answers plainly that
 * no model is configured. API keys live only in the returned config; log `describeLlmConfig(config)` instead.
 */

export type LlmProviderName = 'anthropic' | 'openai' | 'openai-compatible';

export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-4-6';
export const DEFAULT_OPENAI_MODEL = 'gpt-5.4-mini';

export type LlmConfig =
  | { readonly provider: 'anthropic'; readonly apiKey: string; readonly baseURL?: string; readonly model: string }
  | { readonly provider: 'openai'; readonly apiKey: string; readonly baseURL?: string; readonly model: string }
  | { readonly provider: 'openai-compatible'; readonly apiKey?: string; readonly baseURL: string; readonly model: string };

export type LlmConfigResult =
  | { readonly configured: true; readonly config: LlmConfig }
  /** `reason` says what is missing, for the operator's log; it never contains a secret. */
  | { readonly configured: false; readonly reason: string; readonly explicit: boolean };

export type LlmEnv = Readonly<Record<string, string | undefined>>;

/**
 * `LLM_PROVIDER` picks the provider explicitly. Without it: `LLM_BASE_URL` (a local server) wins, then
 * `ANTHROPIC_API_KEY`, then `OPENAI_API_KEY`. Empty values count as unset.
 */
export function resolveLlmConfig(env: LlmEnv): LlmConfigResult {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const explicit = read('LLM_PROVIDER');
  const provider = explicit ?? detectProvider(read);
  if (provider === undefined) {
    const reason = 'no LLM_PROVIDER, LLM_BASE_URL, ANTHROPIC_API_KEY or OPENAI_API_KEY set';
    return { configured: false, explicit: false, reason };
  }
  const missing = (what: string): LlmConfigResult => ({
    configured: false,
    explicit: explicit !== undefined,
    reason: `${provider}: ${what}`,
  });

  switch (provider) {
    case 'anthropic': {
      const apiKey = read('ANTHROPIC_API_KEY');
      if (apiKey === undefined) return missing('ANTHROPIC_API_KEY is not set');
      const baseURL = read('ANTHROPIC_BASE_URL');
      if (baseURL !== undefined && !isHttpUrl(baseURL)) return missing('ANTHROPIC_BASE_URL is not an http(s) URL');
      const model = read('ANTHROPIC_MODEL') ?? DEFAULT_ANTHROPIC_MODEL;
      return { configured: true, config: { provider, apiKey, model, ...(baseURL === undefined ? {} : { baseURL }) } };
    }
    case 'openai': {
      const apiKey = read('OPENAI_API_KEY');
      if (apiKey === undefined) return missing('OPENAI_API_KEY is not set');
      const baseURL = read('OPENAI_BASE_URL');
      if (baseURL !== undefined && !isHttpUrl(baseURL)) return missing('OPENAI_BASE_URL is not an http(s) URL');
      const model = read('OPENAI_MODEL') ?? DEFAULT_OPENAI_MODEL;
      return { configured: true, config: { provider, apiKey, model, ...(baseURL === undefined ? {} : { baseURL }) } };
    }
    case 'openai-compatible': {
      const baseURL = read('LLM_BASE_URL');
      if (baseURL === undefined) return missing('LLM_BASE_URL is not set');
      if (!isHttpUrl(baseURL)) return missing('LLM_BASE_URL is not an http(s) URL');
      // Local servers serve models by the name they were started with; there is no sensible default.
      const model = read('LLM_MODEL');
      if (model === undefined) return missing('LLM_MODEL is not set (the model name the local server serves)');
      const apiKey = read('LLM_API_KEY');
      return {
        configured: true,
        config: { provider, baseURL: withV1Path(baseURL), model, ...(apiKey === undefined ? {} : { apiKey }) },
      };
    }
    default:
      return missing('unknown LLM_PROVIDER (use anthropic, openai or openai-compatible)');
  }
}

function detectProvider(read: (name: string) => string | undefined): LlmProviderName | undefined {
  if (read('LLM_BASE_URL') !== undefined) return 'openai-compatible';
  if (read('ANTHROPIC_API_KEY') !== undefined) return 'anthropic';
  if (read('OPENAI_API_KEY') !== undefined) return 'openai';
  return undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** vLLM, llama.cpp and Ollama all serve the API under `/v1`; a bare `http://host:port` gets it appended. */
export function withV1Path(baseURL: string): string {
  const url = new URL(baseURL);
  if (url.pathname === '' || url.pathname === '/') url.pathname = '/v1';
  return url.toString().replace(/\/$/, '');
}

/** What may be logged about a config: no key, and no credentials embedded in the URL. */
export function describeLlmConfig(config: LlmConfig): Record<string, string | boolean> {
  return {
    provider: config.provider,
    model: config.model,
    baseURL: config.baseURL === undefined ? 'default' : withoutCredentials(config.baseURL),
    hasApiKey: config.apiKey !== undefined,
  };
}

function withoutCredentials(baseURL: string): string {
  const url = new URL(baseURL);
  url.username = '';
  url.password = '';
  return url.toString();
}
