/**
 * @module confirmations/service
 * Tool confirmations for the engine: signs a bot's proposal (the runtime stores it as a `tool` message) and redeems a
 * person's `confirm` answer before the `send` stores it. Redeeming checks, in order: the token's signature and room
 * (`CONFIRMATION_INVALID`), its expiry (`CONFIRMATION_EXPIRED`), then single use in the `tool_confirmations` ledger
 * (`CONFIRMATION_USED`). Membership is the `send` handler's check. Nothing runs unless all pass.
 */
import { createHash } from 'node:crypto';
import { ErrorCode, type ConfirmData } from '../../../schema/index.ts';
import { EngineError } from '../errors.ts';
import type { Store } from '../storage/store.ts';
import { signProposal, verifyToken, type ProposalClaims } from './token.ts';

/** What the bot runtime may ask of confirmations (through the engine bridge); the key stays here. */
export interface ConfirmationSigner {
  /** Signs a proposal; rejects with a RangeError/TypeError when the arguments are not small JSON. */
  propose(proposal: { room: string; bot: string; tool: string; args: Readonly<Record<string, unknown>> }): Promise<{ token: string; expiresAt: number }>;
  /**
   * The claims of a token answered in `room`, or undefined when it is not one the engine signed for that room. No
   * expiry check: the `send` that stored the answer already redeemed it, and the turn may start a moment later.
   */
  claimsOf(room: string, token: string): Promise<ProposalClaims | undefined>;
}

export interface ToolConfirmationsOptions {
  /** The signing key (confirmations/key.ts); asked once, lazily. */
  key: () => Promise<Buffer>;
  store: Pick<Store, 'redeemConfirmation'>;
  ttlMs: number;
  now?: () => number;
}

export class ToolConfirmations implements ConfirmationSigner {
  #key: Promise<Buffer> | undefined;
  readonly #now: () => number;

  constructor(private readonly options: ToolConfirmationsOptions) {
    this.#now = options.now ?? Date.now;
  }

  async propose(proposal: { room: string; bot: string; tool: string; args: Readonly<Record<string, unknown>> }): Promise<{ token: string; expiresAt: number }> {
    const { token, claims } = signProposal(await this.#signingKey(), proposal, this.#now(), this.options.ttlMs);
    return { token, expiresAt: claims.exp };
  }

  async claimsOf(room: string, token: string): Promise<ProposalClaims | undefined> {
    const result = verifyToken(await this.#signingKey(), token, { room, now: this.#now(), ignoreExpiry: true });
    return result.ok ? result.claims : undefined;
  }

  /** Verifies and consumes a person's answer; throws the coded `EngineError` when it must not be stored. */
  async redeem(input: { room: string; msgId: string; data: ConfirmData }): Promise<ProposalClaims> {
    const result = verifyToken(await this.#signingKey(), input.data.token, { room: input.room, now: this.#now() });
    if (!result.ok && result.reason === 'expired') {
      throw new EngineError(ErrorCode.CONFIRMATION_EXPIRED, 'body.data.token: this proposal expired; ask the bot again');
    }
    if (!result.ok) throw new EngineError(ErrorCode.CONFIRMATION_INVALID, 'body.data.token: not a proposal of this conversation');
    const owned = await this.options.store.redeemConfirmation({
      // The proposal's identity (its signed nonce), not the token string: one proposal, one answer.
      tokenHash: proposalKey(result.claims),
      roomId: input.room, msgId: input.msgId, approved: input.data.approve, expiresAt: new Date(result.claims.exp),
    });
    if (!owned) throw new EngineError(ErrorCode.CONFIRMATION_USED, 'body.data.token: this proposal was already answered');
    return result.claims;
  }

  #signingKey(): Promise<Buffer> {
    this.#key ??= this.options.key();
    return this.#key;
  }
}

/** The ledger key of a proposal: a hash of its room and signed nonce. */
function proposalKey(claims: ProposalClaims): string {
  return createHash('sha256').update(`${claims.room}\0${claims.nonce}`).digest('hex');
}
