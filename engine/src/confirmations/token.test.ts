import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';
import { MAX_ARGS_BYTES, signProposal, verifyToken } from './token.ts';

const key = randomBytes(32);
const NOW = 1_800_000_000_000;
const proposal = { room: 'room-a', bot: 'gerencia-ia', tool: 'create_task', args: { title: 'Informe Q4', owner: 'Ana' } };

/** Re-encodes the claims part of a token with `change` applied, keeping the original signature. */
function tamper(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [version, body, mac] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  change(claims);
  return `${version}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
}

describe('signed tool proposals', () => {
  it('verifies what it signed and gives back the exact arguments', () => {
    const { token, claims } = signProposal(key, proposal, NOW, 60_000);
    const result = verifyToken(key, token, { room: 'room-a', now: NOW + 1000 });
    expect(result).toEqual({ ok: true, claims });
    expect(claims).toMatchObject({ room: 'room-a', bot: 'gerencia-ia', tool: 'create_task', args: proposal.args, exp: NOW + 60_000 });
  });

  it('signs canonical arguments: key order does not matter, nonces make every token different', () => {
    const a = signProposal(key, { ...proposal, args: { owner: 'Ana', title: 'Informe Q4' } }, NOW, 60_000);
    const b = signProposal(key, proposal, NOW, 60_000);
    expect(canonicalJson(a.claims.args)).toBe(canonicalJson(b.claims.args));
    expect(a.token).not.toBe(b.token);
  });

  it('refuses a forged token (made up, or signed with another key)', () => {
    expect(verifyToken(key, 'v1.eyJmb28iOjF9.AAAA', { room: 'room-a', now: NOW })).toEqual({ ok: false, reason: 'invalid' });
    const other = signProposal(randomBytes(32), proposal, NOW, 60_000).token;
    expect(verifyToken(key, other, { room: 'room-a', now: NOW })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses tampered arguments, tool, bot or expiry', () => {
    const { token } = signProposal(key, proposal, NOW, 60_000);
    for (const change of [
      (c: Record<string, unknown>) => { (c.args as Record<string, unknown>).title = 'Borrar todo'; },
      (c: Record<string, unknown>) => { c.tool = 'delete_task'; },
      (c: Record<string, unknown>) => { c.bot = 'otro-bot'; },
      (c: Record<string, unknown>) => { c.exp = NOW + 10 * 365 * 86_400_000; },
    ]) {
      expect(verifyToken(key, tamper(token, change), { room: 'room-a', now: NOW })).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuses every other spelling of a valid signature (padding, stray characters, other alphabet)', () => {
    const { token } = signProposal(key, proposal, NOW, 60_000);
    const [version, body, mac] = token.split('.') as [string, string, string];
    for (const variant of [`${mac}=`, `${mac}==`, `${mac}!`, `${mac} `, mac.replace(/-/g, '+').replace(/_/g, '/')].filter((m) => m !== mac)) {
      expect(verifyToken(key, `${version}.${body}.${variant}`, { room: 'room-a', now: NOW })).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('refuses a token of another room', () => {
    const { token } = signProposal(key, proposal, NOW, 60_000);
    expect(verifyToken(key, token, { room: 'room-b', now: NOW })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('says expired once the time is up (and only then)', () => {
    const { token } = signProposal(key, proposal, NOW, 60_000);
    expect(verifyToken(key, token, { room: 'room-a', now: NOW + 59_999 }).ok).toBe(true);
    expect(verifyToken(key, token, { room: 'room-a', now: NOW + 60_000 })).toEqual({ ok: false, reason: 'expired' });
    expect(verifyToken(key, token, { room: 'room-a', now: NOW + 60_000, ignoreExpiry: true }).ok).toBe(true);
  });

  it('never throws on garbage', () => {
    for (const junk of ['', '.', 'v1..', 'v2.a.b', 'v1.%%%.###', `v1.${'A'.repeat(5000)}.x`, 'v1.a.b.c']) {
      expect(verifyToken(key, junk, { room: 'room-a', now: NOW }).ok).toBe(false);
    }
  });

  it('refuses to sign arguments that are too large or not JSON', () => {
    expect(() => signProposal(key, { ...proposal, args: { notes: 'x'.repeat(MAX_ARGS_BYTES) } }, NOW, 1000)).toThrow(RangeError);
    expect(() => signProposal(key, { ...proposal, args: { n: Number.NaN } }, NOW, 1000)).toThrow(TypeError);
  });
});
