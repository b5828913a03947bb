/**
 * @module sdk/llm-messages
 * Turns a room's window into the `messages` of an `LlmRequest`: the bot's own messages become `assistant`, people
 * (and other bots) become `user`, system messages are left out. Models want the conversation to start with a user
 * message and alternate, so leading assistant messages are dropped and consecutive ones of a role are merged.
 */
import type { StoredMessage } from '../../schema/protocol.ts';
import type { LlmMessage } from '../llm/index.ts';

export interface WindowToMessagesOptions {
  /** The bot's sender id; other bots' messages then count as `user`, prefixed with their name. @default every bot */
  readonly self?: string;
  /** Prefix user messages with the sender's name (`Ana: …`). @default when more than one person speaks */
  readonly names?: boolean;
}

export function windowToLlmMessages(
  window: readonly StoredMessage[],
  options: WindowToMessagesOptions = {},
): LlmMessage[] {
  const isSelf = (message: StoredMessage) =>
    message.from.kind === 'bot' && (options.self === undefined || message.from.id === options.self);
  const people = new Set(window.filter((m) => m.from.kind === 'user').map((m) => m.from.id));
  const withNames = options.names ?? people.size > 1;

  const messages: { role: 'user' | 'assistant'; content: string }[] = [];
  for (const message of window) {
    if (message.from.kind === 'system') continue;
    const role = isSelf(message) ? 'assistant' : 'user';
    const named = role === 'user' && (withNames || message.from.kind === 'bot');
    const content = named ? `${message.from.name}: ${message.body.text}` : message.body.text;
    const last = messages.at(-1);
    if (last?.role === role) last.content += `\n${content}`;
    else if (role === 'assistant' && messages.length === 0) continue;
    else messages.push({ role, content });
  }
  return messages;
}
