/**
 * @module runtime/router
 * Who answers a message. Rules, in order:
 * 1. Messages written by bots or the system start no turn (no bot-to-bot loops).
 * 2. If the text mentions bot members by name (`@name`, case-insensitive), exactly those bots answer.
 * 3. Otherwise every responder bot that is a member of the room answers (one turn each). In the usual
 *    one-person-one-bot conversation that is simply "the room's bot".
 * Labellers run before any responder; a veto from one stops every responder for that message.
 * Bots an admin switched off in the room (`room_bot_disabled`, engine/src/admin) are still routed here, so a
 * person who addresses one is told it is off (the runtime answers that turn with an error instead of running it).
 */
import type { StoredMessage } from '../../schema/protocol.ts';
import { mentionedNames } from '../sdk/mentions.ts';

/** The responders that answer `message`, given the room's bot members that have an `onTurn` hook. */
export function routeTurn(message: StoredMessage, responderMembers: readonly string[]): string[] {
  if (message.from.kind !== 'user') return [];
  const mentioned = mentionedNames(message.body.text).filter((name) => responderMembers.includes(name));
  return mentioned.length > 0 ? mentioned : [...responderMembers];
}
