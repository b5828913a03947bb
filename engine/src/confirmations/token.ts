/**
 * @module confirmations/token
 * Signed tool proposals. A bot may propose a data-changing tool call; the engine signs what exactly would run and a
 * person approves or cancels it by sending the token back. The token is self-contained:
 *
 *   v1.<base64url(canonical JSON of the claims)>.<base64url(HMAC-SHA256(key, "mentalia/tool-confirmation/v1\0" ‖ claims part))>
 *
 * Claims: `room`, `bot`, `tool`, `args` (canonical JSON), `exp` (ms since epoch), `nonce` (16 random bytes). The key is
 * derived by the engine (key.ts) and never leaves the engine process, so neither a client nor a plugin can mint or
 * alter one. Single use is the ledger's job (the `tool_confirmations` table, keyed by the proposal's nonce), not the
 * token's.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

const VERSION = 'v1';
const MAC_CONTEXT = 'mentalia/tool-confirmation/v1\0';
/** Largest canonical JSON of a proposal's arguments: a proposal is a small, human-readable change. */
export const MAX_ARGS_BYTES = 8 * 1024;

export interface ProposalClaims {
  readonly room: string;
  readonly bot: string;
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** Expiry, ms since the Unix epoch. */
  readonly exp: number;
  readonly nonce: string;
}

export type VerifyResult =
  | { readonly ok: true; readonly claims: ProposalClaims }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' };

/** Signs a proposal for `ttlMs`. Throws when the arguments are not JSON or too large. */
export function signProposal(
  key: Buffer,
  proposal: { room: string; bot: string; tool: string; args: Readonly<Record<string, unknown>> },
  now: number,
  ttlMs: number,
): { token: string; claims: ProposalClaims } {
  const args = canonicalJson(proposal.args);
  if (Buffer.byteLength(args) > MAX_ARGS_BYTES) throw new RangeError(`tool arguments larger than ${MAX_ARGS_BYTES} bytes`);
  const claims: ProposalClaims = {
    room: proposal.room, bot: proposal.bot, tool: proposal.tool,
    args: JSON.parse(args) as Record<string, unknown>,
    exp: now + ttlMs,
    nonce: randomBytes(16).toString('base64url'),
  };
  const body = Buffer.from(canonicalJson(claims)).toString('base64url');
  return { token: `${VERSION}.${body}.${mac(key, body)}`, claims };
}

/**
 * Checks the signature, that the token was made for `room`, and (unless `ignoreExpiry`) that it has not expired.
 * Never throws on input: anything malformed is `invalid`.
 */
export function verifyToken(key: Buffer, token: string, expect: { room: string; now: number; ignoreExpiry?: boolean }): VerifyResult {
  const invalid = { ok: false, reason: 'invalid' } as const;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return invalid;
  const [, body, signature] = parts as [string, string, string];
  // The signature's exact characters, not its decoded bytes: base64url decoding is lenient (padding, stray or
  // non-alphabet characters, unused low bits), and every variant of a token must not pass for a different answer.
  const given = Buffer.from(signature, 'utf8');
  const wanted = Buffer.from(mac(key, body), 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return invalid;
  const claims = parseClaims(body);
  if (claims === undefined || claims.room !== expect.room) return invalid;
  if (!expect.ignoreExpiry && claims.exp <= expect.now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function mac(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(MAC_CONTEXT).update(body).digest('base64url');
}

/** Only reached for signed bodies; still checked field by field, so a signing bug cannot become a crash. */
function parseClaims(body: string): ProposalClaims | undefined {
  try {
    const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { room, bot, tool, args, exp, nonce } = value;
    if (typeof room !== 'string' || typeof bot !== 'string' || typeof tool !== 'string' || typeof nonce !== 'string') return undefined;
    if (typeof exp !== 'number' || typeof args !== 'object' || args === null || Array.isArray(args)) return undefined;
    return { room, bot, tool, args: args as Record<string, unknown>, exp, nonce };
  } catch {
    return undefined;
  }
}
