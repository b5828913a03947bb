/**
 * @module llm/openai-request
 * `LlmRequest` → Chat Completions parameters, for OpenAI and OpenAI-compatible servers (vLLM, llama.cpp, Ollama).
 * The one field that differs between them is the output-token limit: OpenAI's current models reject `max_tokens`
 * in favour of `max_completion_tokens`, which older local servers do not know.
 */
import type {
  ChatCompletionCreateParamsStreaming,
  ChatCompletionFunctionTool,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { LlmMessage, LlmRequest, LlmToolDefinition } from './types.ts';

export type MaxTokensField = 'max_completion_tokens' | 'max_tokens';

export interface OpenAiRequestDefaults {
  readonly model: string;
  readonly maxTokensField: MaxTokensField;
  /** Ask for the final usage chunk (`stream_options.include_usage`). */
  readonly includeUsage: boolean;
}

export function toOpenAiParams(request: LlmRequest, defaults: OpenAiRequestDefaults): ChatCompletionCreateParamsStreaming {
  const messages: ChatCompletionMessageParam[] = [];
  if (request.system !== undefined && request.system !== '') messages.push({ role: 'system', content: request.system });
  for (const message of request.messages) messages.push(toOpenAiMessage(message));

  const params: ChatCompletionCreateParamsStreaming = {
    model: request.model ?? defaults.model,
    messages,
    stream: true,
  };
  if (defaults.includeUsage) params.stream_options = { include_usage: true };
  if (request.maxTokens !== undefined) params[defaults.maxTokensField] = request.maxTokens;
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.tools !== undefined && request.tools.length > 0) params.tools = request.tools.map(toOpenAiTool);
  return params;
}

function toOpenAiTool(tool: LlmToolDefinition): ChatCompletionFunctionTool {
  return {
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: { ...tool.parameters } },
  };
}

function toOpenAiMessage(message: LlmMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: message.content };
    case 'tool':
      return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
    case 'assistant': {
      const calls = message.toolCalls ?? [];
      if (calls.length === 0) return { role: 'assistant', content: message.content };
      return {
        role: 'assistant',
        // OpenAI wants `null`, not "", when the assistant only called tools.
        content: message.content === '' ? null : message.content,
        tool_calls: calls.map((call) => ({
          id: call.id,
          type: 'function' as const,
          function: { name: call.name, arguments: JSON.stringify(call.args) },
        })),
      };
    }
  }
}
