/**
 * @module bench/bots/llm-server
 * The model side of the bot scenario, in its own process: the project's protocol-faithful SSE server (OpenAI chat
 * completions format) answering every request with `BENCH_TOKENS` tokens, one every `BENCH_TOKEN_INTERVAL_MS`. Each
 * token carries its emission time (µs), so clients can measure the latency the engine adds between the model and
 * them.
 */
import { SseTestServer } from '../../bots/llm/testing/index.ts';
import { exitOnStop, reportListening } from '../servers/child.ts';

export const STAMP = '@@T@@';

const tokens = Number(process.env.BENCH_TOKENS ?? 60);
const intervalMs = Number(process.env.BENCH_TOKEN_INTERVAL_MS ?? 20);
const server = await SseTestServer.start({
  recordRequests: false,
  defaultScenario: { tokens: Array.from({ length: tokens }, () => `‹${STAMP}› `), tokenIntervalMs: intervalMs, stampMarker: STAMP },
});
exitOnStop(() => server.close());
reportListening(Number(new URL(server.url).port));
