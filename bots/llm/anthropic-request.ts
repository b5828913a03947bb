/**
 * @module llm/anthropic-request
 * `LlmRequest` → Anthropic Messages API parameters. Anthropic has no `tool` role: tool results are `tool_result`
 * blocks inside the next user message, so consecutive tool results (and a user message that follows them) are merged
 * into one user turn. `LlmRequest.temperature` is ignored here (see below).
 */
import type {
  ContentBlockParam,
  MessageCreateParamsStreaming,
  MessageParam,
  Tool,
} from '@anthropic-ai/sdk/resources/messages';
import type { LlmMessage, LlmRequest, LlmToolDefinition } from './types.ts';

export interface AnthropicRequestDefaults {
  readonly model: string;
  /** Anthropic requires `max_tokens`; used when the request gives none. */
  readonly maxTokens: number;
}

export function toAnthropicParams(request: LlmRequest, defaults: AnthropicRequestDefaults): MessageCreateParamsStreaming {
  const params: MessageCreateParamsStreaming = {
    model: request.model ?? defaults.model,
    max_tokens: request.maxTokens ?? defaults.maxTokens,
    messages: toAnthropicMessages(request.messages),
    stream: true,
  };
  if (request.system !== undefined && request.system !== '') params.system = request.system;
  // `temperature` is not sent: the Messages API deprecated it and SDK 1.12 no longer has the field.
  if (request.tools !== undefined && request.tools.length > 0) params.tools = request.tools.map(toAnthropicTool);
  return params;
}

function toAnthropicTool(tool: LlmToolDefinition): Tool {
  return { name: tool.name, description: tool.description, input_schema: { type: 'object', ...tool.parameters } };
}

type Role = 'user' | 'assistant';

function toAnthropicMessages(messages: readonly LlmMessage[]): MessageParam[] {
  const turns: { role: Role; content: ContentBlockParam[] }[] = [];
  for (const message of messages) {
    const role: Role = message.role === 'assistant' ? 'assistant' : 'user';
    const blocks = toBlocks(message);
    if (blocks.length === 0) continue;
    const last = turns.at(-1);
    if (last !== undefined && last.role === role) last.content.push(...blocks);
    else turns.push({ role, content: blocks });
  }
  return turns.map(({ role, content }) => ({ role, content: simplify(content) }));
}

function toBlocks(message: LlmMessage): ContentBlockParam[] {
  switch (message.role) {
    case 'user':
      return message.content === '' ? [] : [{ type: 'text', text: message.content }];
    case 'tool':
      return [{ type: 'tool_result', tool_use_id: message.toolCallId, content: message.content }];
    case 'assistant': {
      const blocks: ContentBlockParam[] = message.content === '' ? [] : [{ type: 'text', text: message.content }];
      for (const call of message.toolCalls ?? []) {
        blocks.push({ type: 'tool_use', id: call.id, name: call.name, input: call.args });
      }
      return blocks;
    }
  }
}

/** A lone text block is sent as a plain string, as most clients do. */
function simplify(content: ContentBlockParam[]): string | ContentBlockParam[] {
  const only = content.length === 1 ? content[0] : undefined;
  return only !== undefined && only.type === 'text' ? only.text : content;
}
