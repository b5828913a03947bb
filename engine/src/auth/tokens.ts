/**
 * @module auth/tokens
 * JWT issue and verify with jose: HS256 with a shared secret, or EdDSA (Ed25519) when PEM keys are configured.
 * Claims: `sub` (user id), `name`, `roles`, `tier`, `exp`. With neither configured, a random HS256 secret is
 * generated once into DATA_DIR (development only; a warning says so).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { SignJWT, jwtVerify, importPKCS8, importSPKI, errors as joseErrors, type CryptoKey } from 'jose';
import type { EngineConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Role, Tier } from '../storage/store.ts';

export interface TokenClaims {
  userId: string;
  name: string;
  roles: Role[];
  tier: Tier;
  /** Expiry, ms since the Unix epoch. */
  expiresAt: number;
  /** Widget guests: the partner site and its bot (sites/visitor-auth.ts). */
  site?: string;
  bot?: string;
}

/** Extra claims of widget guest tokens. */
export interface SiteClaims { site: string; bot: string }

export type VerifyFailure = 'expired' | 'invalid';

export interface TokenService {
  issue(user: { id: string; name: string; roles: Role[]; tier: Tier }, site?: SiteClaims): Promise<string>;
  verify(token: string): Promise<{ ok: true; claims: TokenClaims } | { ok: false; reason: VerifyFailure }>;
}

const ISSUER = 'mentalia-engine';

export async function createTokenService(config: EngineConfig, log: Logger): Promise<TokenService> {
  let alg: 'HS256' | 'EdDSA';
  let signKey: CryptoKey | Uint8Array;
  let verifyKey: CryptoKey | Uint8Array;
  if (config.jwtPrivateKey && config.jwtPublicKey) {
    alg = 'EdDSA';
    signKey = await importPKCS8(config.jwtPrivateKey, alg);
    verifyKey = await importSPKI(config.jwtPublicKey, alg);
  } else {
    alg = 'HS256';
    const secret = config.jwtSecret ?? devSecret(config.dataDir, log);
    if (Buffer.byteLength(secret) < 32) throw new Error('config: JWT_SECRET must be at least 32 bytes');
    signKey = verifyKey = new TextEncoder().encode(secret);
  }

  return {
    async issue(user, site) {
      return new SignJWT({ name: user.name, roles: user.roles, tier: user.tier, ...(site ? { site: site.site, bot: site.bot } : {}) })
        .setProtectedHeader({ alg })
        .setSubject(user.id)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + config.tokenTtlS)
        .sign(signKey);
    },
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, verifyKey, { issuer: ISSUER, algorithms: [alg] });
        if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return { ok: false, reason: 'invalid' };
        return {
          ok: true,
          claims: {
            userId: payload.sub,
            name: String(payload.name ?? ''),
            roles: Array.isArray(payload.roles) ? (payload.roles as Role[]) : [],
            tier: (payload.tier as Tier) ?? 'free',
            expiresAt: payload.exp * 1000,
            ...(typeof payload.site === 'string' && typeof payload.bot === 'string' ? { site: payload.site, bot: payload.bot } : {}),
          },
        };
      } catch (err) {
        return { ok: false, reason: err instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' };
      }
    },
  };
}

function devSecret(dataDir: string, log: Logger): string {
  const file = path.join(dataDir, 'jwt.secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  log.warn({ file }, 'JWT_SECRET not set: generated a development signing secret. Set JWT_SECRET (or JWT_PRIVATE_KEY/JWT_PUBLIC_KEY) in production.');
  return secret;
}
