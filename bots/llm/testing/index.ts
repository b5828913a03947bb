/**
 * @module llm/testing
 * Test kit for the `llm` capability: the scripted SSE server and configs that point the real SDKs at it.
 */
import type { LlmConfig, LlmProviderName } from '../config.ts';
import type { SseTestServer } from './sse-server.ts';

export {
  SseTestServer,
  type RecordedRequest,
  type SseTestServerOptions,
  type SseTestServerStats,
  type StreamEndInfo,
} from './sse-server.ts';
export type { MidStreamErrorKind, Scenario, ScriptedStopReason, ScriptedToolCall } from './scenario.ts';

export const TEST_API_KEY = 'test-key-not-secret';

/** An `LlmConfig` whose provider talks to `server` (use with `createLlm`). */
export function llmConfigFor(server: SseTestServer, provider: LlmProviderName, model = 'test-model'): LlmConfig {
  switch (provider) {
    case 'anthropic':
      return { provider, apiKey: TEST_API_KEY, baseURL: server.url, model };
    case 'openai':
      return { provider, apiKey: TEST_API_KEY, baseURL: server.openAiBaseURL, model };
    case 'openai-compatible':
      return { provider, baseURL: server.openAiBaseURL, model };
  }
}
