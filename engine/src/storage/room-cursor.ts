/**
 * @module storage/room-cursor
 * The opaque cursor of `listRoomsForUser`: the (lastTs, id) of the last room of a page, base64url-encoded JSON.
 * Rooms are ordered by lastTs then id, both descending, so the pair is a strict position in the list.
 */
export interface RoomPosition {
  lastTs: number;
  id: string;
}

export function encodeRoomCursor(position: RoomPosition): string {
  return Buffer.from(JSON.stringify([position.lastTs, position.id]), 'utf8').toString('base64url');
}

/** The position, or undefined for a cursor this store did not produce. */
export function decodeRoomCursor(cursor: string): RoomPosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === 'string') {
      return { lastTs: value[0] as number, id: value[1] };
    }
  } catch {
    // Not JSON: fall through to "not ours".
  }
  return undefined;
}
