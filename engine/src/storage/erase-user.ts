/**
 * @module storage/erase-user
 * GDPR erasure by crypto-shredding, in one transaction:
 * - rooms where the user is the only human member: the data key is destroyed (the wrapped key bytes are emptied, so
 *   even backups of the row cannot be unwrapped), the undecryptable messages are deleted, the epoch changes and the
 *   stream restarts empty (last_offset 0);
 * - rooms shared with other humans: the user's messages are redacted (ciphertext emptied, sender name anonymised);
 * - every membership of the user is removed and the account anonymised;
 * - plugin records (`storage` capability) of the user and of the shredded rooms are deleted with their data keys;
 * - safety events and risk state of the shredded rooms are deleted; elsewhere the user's events lose their user id;
 * - an audit row records what happened.
 * Rooms are locked in id order, the same order appendMessages uses, so erasure and writes cannot deadlock.
 */
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import {
  AuditEntryEntity, ConversationEntity, ConversationKeyEntity, MemberEntity, MessageEntity, UserEntity,
} from './entities/index.ts';
import { newEpoch } from './ids.ts';
import { deletePluginScopes } from './plugin-records.ts';
import { eraseSafetyRows } from '../safety/erasure.ts';
import type { RoomKeys } from './room-keys.ts';

/** PostgreSQL NOTIFY channel announcing rooms whose stored history or membership changed out of band. */
export const ROOM_CHANGES_CHANNEL = 'mentalia_room_changes';

/** The name an erased account and its redacted messages show. */
export const ERASED_USER_NAME = 'Usuario eliminado';
const NO_BYTES = Buffer.alloc(0);

export class UserNotFoundError extends Error {
  override name = 'UserNotFoundError';
  constructor(userId: string) {
    super(`user ${userId} not found`);
  }
}

export async function eraseUser(
  em: EntityManager,
  roomKeys: RoomKeys,
  userId: string,
  actorId: string | null,
): Promise<{ shreddedRooms: string[] }> {
  const shreddedRooms = await em.transactional(async (tx) => {
    const user = await tx.findOne(UserEntity, { id: userId });
    if (!user) throw new UserNotFoundError(userId);

    const memberships = await tx.find(MemberEntity, { memberId: userId, kind: 'user' });
    const roomIds = [...new Set(memberships.map((m) => m.room))].sort();
    const rooms = roomIds.length === 0 ? [] : await tx.find(
      ConversationEntity, { id: { $in: roomIds } }, { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const otherHumans = roomIds.length === 0 ? [] : await tx.find(
      MemberEntity, { room: { $in: roomIds }, kind: 'user', memberId: { $ne: userId } },
    );
    const sharedRoomIds = new Set(otherHumans.map((m) => m.room));

    const shredded: string[] = [];
    const redacted: string[] = [];
    const now = new Date();
    for (const room of rooms) {
      if (sharedRoomIds.has(room.id)) {
        await tx.nativeUpdate(
          MessageEntity,
          { room: room.id, senderId: userId, senderKind: 'user' },
          { ciphertext: NO_BYTES, nonce: NO_BYTES, redacted: true, senderName: ERASED_USER_NAME },
        );
        redacted.push(room.id);
      } else {
        await tx.nativeUpdate(ConversationKeyEntity, { room: room.id }, { wrappedKey: NO_BYTES, nonce: NO_BYTES, destroyedAt: now });
        await tx.nativeDelete(MessageEntity, { room: room.id });
        room.epoch = newEpoch();
        room.lastOffset = 0;
        shredded.push(room.id);
      }
    }
    await tx.nativeDelete(MemberEntity, { memberId: userId, kind: 'user' });
    // Plugin records: the person's own, and those of the conversations shredded above (shared rooms keep theirs).
    await deletePluginScopes(
      (sql, params) => tx.getConnection().execute(sql, params, 'run', tx.getTransactionContext()),
      [{ kind: 'user', id: userId }, ...shredded.map((id) => ({ kind: 'room' as const, id }))],
    );
    // Safety events and risk state: deleted with shredded histories, unlinked from the person elsewhere.
    await eraseSafetyRows((sql, params) => tx.getConnection().execute(sql, params, 'run', tx.getTransactionContext()), userId, shredded);
    // Running engines drop what they cache of these rooms (delivered on commit): see Store.watchRoomChanges.
    for (const roomId of roomIds) {
      await tx.getConnection().execute('SELECT pg_notify(?, ?)', [ROOM_CHANGES_CHANNEL, roomId], 'all', tx.getTransactionContext());
    }

    user.email = null;
    user.name = ERASED_USER_NAME;
    user.profile = {};
    user.passwordHash = null;
    user.erasedAt = now;
    tx.create(AuditEntryEntity, {
      actorId, action: 'user.erase', target: userId, ts: now,
      detail: { shreddedRooms: shredded, redactedRooms: redacted },
    });
    return shredded;
  });
  for (const roomId of shreddedRooms) roomKeys.forget(roomId);
  return { shreddedRooms };
}
