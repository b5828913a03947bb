/**
 * @module safety/erasure
 * The safety rows of an erased person, handled like their messages (storage/erase-user.ts): in conversations that
 * are crypto-shredded (the person was the only human) the events and the risk state go with the history; in shared
 * conversations the events stay (they concern the conversation) but no longer name the person.
 */
export type Execute = (sql: string, params: unknown[]) => Promise<unknown>;

export async function eraseSafetyRows(execute: Execute, userId: string, shreddedRooms: readonly string[]): Promise<void> {
  if (shreddedRooms.length > 0) {
    // The ids go as JSON: knex would expand an array binding into a list of values.
    const rooms = `select (jsonb_array_elements_text(?::jsonb))::uuid`;
    await execute(`delete from "safety_events" where "room_id" in (${rooms})`, [JSON.stringify(shreddedRooms)]);
    await execute(`delete from "conversation_risk" where "room_id" in (${rooms})`, [JSON.stringify(shreddedRooms)]);
  }
  await execute(`update "safety_events" set "user_id" = null where "user_id" = ?`, [userId]);
}
