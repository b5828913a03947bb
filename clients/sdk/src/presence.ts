/**
 * @module presence
 * A room's member list with online flags: replaced by each `join` reply, updated by `presence` pushes (sent when a
 * user's first socket joins the room and when their last one leaves).
 */
import type { Member, PresencePush } from '../../../schema/protocol.ts';

export type PresenceChange = Pick<PresencePush, 'joined' | 'left'>;

export class MemberList {
  readonly #members = new Map<string, Member>();

  /** Members in the order the server listed them (newcomers last). */
  get list(): Member[] {
    return [...this.#members.values()].map((m) => ({ ...m }));
  }

  get online(): Member[] {
    return this.list.filter((m) => m.online);
  }

  get(id: string): Member | undefined {
    const member = this.#members.get(id);
    return member && { ...member };
  }

  reset(members: readonly Member[]): void {
    this.#members.clear();
    for (const m of members) this.#members.set(m.id, { ...m });
  }

  /** Applies a presence push; true when any member's state changed. */
  apply(change: PresenceChange): boolean {
    let changed = false;
    for (const { id, name } of change.joined) {
      const known = this.#members.get(id);
      if (known?.online) continue;
      // Someone invited after our join is not in our list yet: they are a plain member until the next join says more.
      this.#members.set(id, known ? { ...known, online: true } : { id, name, kind: 'user', role: 'member', online: true });
      changed = true;
    }
    for (const { id } of change.left) {
      const known = this.#members.get(id);
      // Bots are always online.
      if (!known?.online || known.kind === 'bot') continue;
      this.#members.set(id, { ...known, online: false });
      changed = true;
    }
    return changed;
  }
}
