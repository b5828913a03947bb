/**
 * @module runtime/draft-guard
 * Safety layers watching a bot's answer while it streams. The global labellers (BOT_GLOBAL_LABELLERS) get the
 * accumulated draft as a message with `offset: 0` (not stored yet) every `everyChars` new characters — one check at a
 * time — and once more before the reply is stored. The first veto wins: the turn is cancelled (its model request
 * aborted) and the veto's replacement, if any, is stored instead of the draft.
 */
import type { StoredMessage } from '../../schema/protocol.ts';
import type { Veto } from '../sdk/index.ts';

export type DraftCheck = (draft: StoredMessage) => Promise<{ plugin: string; veto: Veto } | null>;

export class DraftGuard {
  #checkedLength = 0;
  #inFlight: Promise<void> | undefined;
  #veto: { plugin: string; veto: Veto } | null = null;

  constructor(
    private readonly check: DraftCheck,
    private readonly draftOf: (text: string) => StoredMessage,
    private readonly onVeto: () => void,
    private readonly everyChars = 160,
  ) {}

  get veto(): { plugin: string; veto: Veto } | null {
    return this.#veto;
  }

  /** Called as text accumulates; starts a background check when enough new text arrived. */
  observe(text: string): void {
    if (this.#veto || this.#inFlight || text.length - this.#checkedLength < this.everyChars) return;
    this.#inFlight = this.#run(text).finally(() => { this.#inFlight = undefined; });
  }

  /** The check before storing: waits for a running one, then checks the final text if it was not checked yet. */
  async final(text: string): Promise<{ plugin: string; veto: Veto } | null> {
    await this.#inFlight;
    if (!this.#veto && text.length > 0 && text.length !== this.#checkedLength) await this.#run(text);
    return this.#veto;
  }

  async #run(text: string): Promise<void> {
    this.#checkedLength = text.length;
    const verdict = await this.check(this.draftOf(text));
    if (verdict && !this.#veto) {
      this.#veto = verdict;
      this.onVeto();
    }
  }
}
