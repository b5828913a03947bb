/**
 * @module sdk/hooks
 * The closed hook vocabulary and what hooks exchange with the runtime. Two kinds, split by power:
 * - `onMessage` (labellers) sees every message of the rooms it is enabled in and returns an annotation, a veto (for
 *   safety layers) or nothing. It cannot write into the conversation.
 * - `onTurn` (responders) answers one turn as a stream of outputs.
 * Any other name under `hooks` is rejected with `PLUGIN_UNKNOWN_HOOK`.
 */
import type { MessageBody, RiskLevel, StoredMessage } from '../../schema/protocol.ts';

export const HOOK_NAMES = ['onMessage', 'onTurn'] as const;
export type HookName = (typeof HOOK_NAMES)[number];

export interface Label {
  readonly label: string;
  /** Confidence from 0 to 1. */
  readonly score: number;
}

/** What a labeller says about a message; the engine relays it as an `annotation` push. */
export interface Annotation {
  readonly labels: readonly Label[];
  readonly risk: RiskLevel;
  /** Extra JSON for clients (e.g. spoiler spans); never the message text itself. */
  readonly detail?: unknown;
}

/** A safety layer's veto: the message is withheld, or replaced by `replacement`. The runtime decides who may veto. */
export interface Veto {
  readonly veto: true;
  /** For logs and moderators; not shown to the sender. */
  readonly reason: string;
  readonly replacement?: MessageBody;
}

export type LabelResult = Annotation | Veto | null;

export function isVeto(result: LabelResult): result is Veto {
  return result !== null && 'veto' in result && result.veto === true;
}

/** The turn a responder answers. */
export interface TurnInput {
  readonly turnId: string;
  readonly room: string;
  /** The message that started the turn (already decrypted). */
  readonly trigger: StoredMessage;
  /** `trigger.body.text`, for convenience. */
  readonly text: string;
}

/**
 * One piece of a responder's answer:
 * - `text`: a delta of the reply, streamed to the room as it comes;
 * - `tool_call` / `tool_result`: the plugin called one of its tools (needs capability `tools`);
 * - `body`: a structured message body (a crisis card, a sign-language gloss, a notice).
 */
export type TurnOutput =
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'tool_call';
      readonly name: string;
      readonly args: Readonly<Record<string, unknown>>;
      readonly id?: string;
    }
  | { readonly type: 'tool_result'; readonly name: string; readonly result: unknown; readonly id?: string }
  | { readonly type: 'body'; readonly body: MessageBody };

export type TurnOutputType = TurnOutput['type'];
