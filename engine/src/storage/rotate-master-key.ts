/**
 * @module storage/rotate-master-key
 * Re-wraps every live data key that is not under the active master key. The data keys themselves (and so every
 * message ciphertext) stay the same: only their wrapping changes. Runs in pages of one transaction each, so a large
 * installation never holds thousands of row locks; rerunning it after an interruption continues where it stopped.
 * Destroyed keys hold no key material and are left alone.
 */
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { AuditEntryEntity, ConversationKeyEntity } from './entities/index.ts';
import type { RoomKeys } from './room-keys.ts';

const PAGE = 500;

export async function rotateMasterKey(em: EntityManager, roomKeys: RoomKeys, actorId: string | null): Promise<{ rewrapped: number }> {
  const activeId = roomKeys.activeMasterKeyId;
  let rewrapped = 0;
  for (;;) {
    const count = await em.fork().transactional(async (tx) => {
      const keys = await tx.find(
        ConversationKeyEntity,
        { masterKeyId: { $ne: activeId }, destroyedAt: null },
        { orderBy: { room: 'asc' }, limit: PAGE, lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      for (const key of keys) {
        const next = roomKeys.rewrap(key.room, {
          keyId: key.keyId, wrappedKey: key.wrappedKey as Buffer, nonce: key.nonce as Buffer, masterKeyId: key.masterKeyId,
        });
        key.wrappedKey = next.wrappedKey;
        key.nonce = next.nonce;
        key.masterKeyId = next.masterKeyId;
      }
      return keys.length;
    });
    rewrapped += count;
    if (count < PAGE) break;
  }
  const audit = em.fork();
  audit.create(AuditEntryEntity, { actorId, action: 'master-key.rotate', target: activeId, detail: { rewrapped } });
  await audit.flush();
  return { rewrapped };
}
