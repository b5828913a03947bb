/**
 * @module runtime/confirmations
 * The runtime's half of tool confirmations (the engine's half is engine/src/confirmations):
 * - a plugin's `tool_call` with `confirm` becomes a `tool` proposal message whose token the engine signed;
 * - a person's stored `confirm` message (already redeemed by the engine's `send`) becomes a turn of the proposing
 *   bot with `ctx.confirmation = {tool, args, approved}`, the arguments read back from the signed token, never from
 *   anything the client or the plugin says.
 */
import type { MessageBody, StoredMessage, ToolProposalData } from '../../schema/protocol.ts';
import type { EngineBridge } from '../../engine/src/bot-bridge.ts';
import type { TurnJob } from '../host/types.ts';
import type { TurnOutput } from '../sdk/index.ts';

type ProposalOutput = Extract<TurnOutput, { type: 'tool_call' }> & { readonly confirm: { readonly es: string; readonly en: string } };

export function isProposal(output: TurnOutput): output is ProposalOutput {
  return output.type === 'tool_call' && output.confirm !== undefined;
}

/** Signs the proposal and builds its message: Spanish question as text, both languages in `data.i18n`. */
export async function proposalBody(bridge: EngineBridge, room: string, bot: string, output: ProposalOutput): Promise<MessageBody> {
  if (bridge.confirmations === undefined) throw new Error('this engine signs no tool confirmations');
  const confirmation = await bridge.confirmations.propose({ room, bot, tool: output.name, args: output.args });
  const data: ToolProposalData = {
    phase: 'proposal', tool: output.name, args: { ...output.args }, i18n: { es: output.confirm.es, en: output.confirm.en }, confirmation,
  };
  return { text: output.confirm.es, kind: 'tool', data };
}

/**
 * The bot and confirmation a stored `confirm` message answers, when it is a person's answer to a proposal the engine
 * signed for this room and the proposing bot is one of `responders`; otherwise undefined (no turn).
 */
export async function answeredProposal(
  bridge: EngineBridge,
  message: StoredMessage,
  responders: readonly string[],
): Promise<{ bot: string; confirmation: NonNullable<TurnJob['confirmation']> } | undefined> {
  if (message.from.kind !== 'user' || message.body.kind !== 'confirm' || bridge.confirmations === undefined) return undefined;
  const data = message.body.data as { token?: unknown; approve?: unknown } | undefined;
  if (typeof data?.token !== 'string' || typeof data.approve !== 'boolean') return undefined;
  const claims = await bridge.confirmations.claimsOf(message.room, data.token);
  if (claims === undefined || !responders.includes(claims.bot)) return undefined;
  return { bot: claims.bot, confirmation: { tool: claims.tool, args: claims.args, approved: data.approve } };
}
