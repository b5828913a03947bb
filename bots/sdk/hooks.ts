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
  /**
   * Who sees it: `room` (default) every member; `author` only the person who wrote the message (nobody when a bot
   * did). For labels that are about someone in the room, e.g. red flags in what a partner said.
   */
  readonly audience?: 'room' | 'author';
}

/** A safety layer's veto: the message is withheld, or replaced by `replacement`. The runtime decides who may veto. */
export interface Veto {
  readonly veto: true;
  /** For logs and moderators; not shown to the sender. */
  readonly reason: string;
  readonly replacement?: MessageBody;
  /** The assessed risk. A global `safety` labeller's veto at `medium` or above (or one whose replacement is a
   * `crisis` body) makes the engine show its own crisis card from the helpline directory instead of `replacement`. */
  readonly risk?: RiskLevel;
  /** Ids behind the decision (category, pattern ids, "model"), for the audit; never text from the message. */
  readonly labels?: readonly string[];
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
 * - `tool_call` / `tool_result`: the plugin called one of its tools (needs capability `tools`); a `tool_call` with
 *   `confirm` proposes a data-changing call that runs only after a person confirms it (see `TurnContext.confirmation`);
 * - `body`: a structured message body (a crisis card, a sign-language gloss, a notice).
 */
export type TurnOutput =
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'tool_call';
      readonly name: string;
      readonly args: Readonly<Record<string, unknown>>;
      readonly id?: string;
      /**
       * A proposal that needs a person's confirmation (a data-changing tool): the question to show, in both
       * languages. The engine signs `{tool, args}` and stores a `tool` proposal message; when a member approves or
       * cancels it, the plugin gets a turn with `ctx.confirmation`. Without `confirm` a tool call is informational.
       */
      readonly confirm?: { readonly es: string; readonly en: string };
    }
  | { readonly type: 'tool_result'; readonly name: string; readonly result: unknown; readonly id?: string }
  | { readonly type: 'body'; readonly body: MessageBody };

export type TurnOutputType = TurnOutput['type'];
