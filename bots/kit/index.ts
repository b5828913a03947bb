/**
 * @module kit
 * The bot-author kit: run a plugin in tests against scripted turns and model streams (`runPluginTurn`,
 * `runPluginLabeller`), and talk to it in a terminal through a running engine (`npm run bot -- chat <plugin>`).
 */
export { runPluginLabeller, runPluginTurn } from './harness.ts';
export type {
  KitLlm,
  KitLogRecord,
  KitMessage,
  PluginLabelOptions,
  PluginLabelResult,
  PluginTurnOptions,
  PluginTurnResult,
} from './harness.ts';
export { replayLlm, type ReplayLlm } from './replay-llm.ts';
export type { Scenario as SseScenario } from '../llm/testing/index.ts';
export { DEFAULT_ENGINE_URL, runChat, type ChatOptions } from './chat.ts';
