/**
 * @module host/child-env
 * The environment a plugin's process gets: enough to run Node, plus the model provider's variables only for plugins
 * that declare `llm`, and the inference service's socket only for plugins that declare `classifier`. Engine secrets
 * (`JWT_SECRET`, `MASTER_KEY`, `DATABASE_URL` …) never reach a plugin.
 */
import type { Capability } from '../sdk/index.ts';

const BASE_VARIABLES = ['PATH', 'HOME', 'TMPDIR', 'TMP', 'TEMP', 'LANG', 'LC_ALL', 'LC_CTYPE', 'TZ', 'NODE_ENV', 'SystemRoot'];
/** `bots/llm/README.md` lists them: LLM_PROVIDER, LLM_BASE_URL, ANTHROPIC_API_KEY, OPENAI_MODEL … */
const LLM_PREFIXES = ['LLM_', 'ANTHROPIC_', 'OPENAI_'];
/** Where `ctx.classifier` connects (`bots/inference`); set by the runtime when it starts the inference service. */
export const INFERENCE_SOCKET_VARIABLE = 'MENTALIA_INFERENCE_SOCKET';

export function childEnvironment(
  source: Readonly<Record<string, string | undefined>>,
  capabilities: readonly Capability[],
): Record<string, string> {
  const env: Record<string, string> = {};
  const llm = capabilities.includes('llm');
  const classifier = capabilities.includes('classifier');
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (
      BASE_VARIABLES.includes(name) ||
      (llm && LLM_PREFIXES.some((prefix) => name.startsWith(prefix))) ||
      (classifier && name === INFERENCE_SOCKET_VARIABLE)
    ) {
      env[name] = value;
    }
  }
  return env;
}
