/**
 * @module sites/site-store
 * Partner sites in PostgreSQL (entities in ./entities.ts). A site's secret is generated here, shown to the operator
 * once, and stored only sealed under the active master key (AES-256-GCM with the site id as associated data, so a
 * sealed secret copied onto another row does not open). Visitor ids are kept only as a site-scoped SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

import type { Keyring } from '../crypto/keyring.ts';
import { PartnerSiteEntity, SiteVisitorEntity, type PartnerSite } from './entities.ts';

export interface SiteRow {
  id: string;
  name: string;
  allowedOrigins: string[];
  bot: string;
  createdAt: Date;
  rotatedAt: Date | null;
}

export interface SiteStore {
  /** Creates the site with a fresh secret; returns the secret (the only time it is readable in clear). */
  create(input: { id: string; name: string; allowedOrigins: string[]; bot: string }): Promise<{ site: SiteRow; secret: string }>;
  /** Replaces the secret (old signatures stop verifying at once); null when the site does not exist. */
  rotateSecret(id: string): Promise<{ site: SiteRow; secret: string } | null>;
  list(): Promise<SiteRow[]>;
  get(id: string): Promise<SiteRow | null>;
  /** The site and its secret in clear, for verifying a visitor signature. */
  getWithSecret(id: string): Promise<{ site: SiteRow; secret: string } | null>;
  /** The guest account already bound to this visitor of the site, if any. */
  findVisitor(siteId: string, visitorId: string): Promise<string | null>;
  /**
   * Binds the visitor to `userId` unless another request bound it first; returns the user id that won. `replacing`:
   * the binding to an account that is gone (erased), which this one may replace.
   */
  bindVisitor(siteId: string, visitorId: string, userId: string, replacing?: string): Promise<string>;
}

export const SITE_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const SECRET_BYTES = 32;

/** `https://host[:port]` exactly (no path, query, user info or trailing slash); throws otherwise. */
export function normaliseOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`not an origin: ${value}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== value.replace(/\/$/, '') || url.username || url.password) {
    throw new Error(`not an origin (scheme://host[:port] only): ${value}`);
  }
  return url.origin;
}

export function visitorHash(siteId: string, visitorId: string): string {
  return createHash('sha256').update(`mentalia/site-visitor/v1\0${siteId}\0${visitorId}`).digest('hex');
}

const aad = (siteId: string) => Buffer.from(`mentalia/site-secret/v1\0${siteId}`, 'utf8');

const toRow = (s: PartnerSite): SiteRow => ({
  id: s.id, name: s.name, allowedOrigins: [...s.allowedOrigins], bot: s.bot, createdAt: s.createdAt, rotatedAt: s.rotatedAt ?? null,
});

/** What a site's secret is sealed under (also used by master key rotation). */
export const siteSecretContext = (siteId: string): string => `site:${siteId}`;

/** The master key seals the secret directly: a site secret is a key of the same kind as a conversation data key. */
function sealSecret(keyring: Keyring, siteId: string, secret: string) {
  const wrapped = keyring.wrap(Buffer.from(secret, 'utf8'), siteSecretContext(siteId));
  return { secretSealed: wrapped.wrappedKey, secretNonce: wrapped.nonce, masterKeyId: wrapped.masterKeyId };
}

export class OrmSiteStore implements SiteStore {
  constructor(private readonly em: () => EntityManager, private readonly keyring: Keyring) {}

  async create(input: { id: string; name: string; allowedOrigins: string[]; bot: string }) {
    if (!SITE_ID.test(input.id)) throw new Error('site id: 2–63 of a-z, 0-9, "-", starting with a letter or digit');
    const origins = input.allowedOrigins.map(normaliseOrigin);
    if (origins.length === 0) throw new Error('at least one allowed origin');
    const secret = newSecret();
    const em = this.em();
    if (await em.findOne(PartnerSiteEntity, { id: input.id })) throw new Error(`site "${input.id}" already exists`);
    const site = em.create(PartnerSiteEntity, {
      id: input.id, name: input.name, allowedOrigins: origins, bot: input.bot, ...sealSecret(this.keyring, input.id, secret),
      createdAt: new Date(), rotatedAt: null,
    });
    await em.flush();
    return { site: toRow(site), secret };
  }

  async rotateSecret(id: string) {
    const em = this.em();
    const site = await em.findOne(PartnerSiteEntity, { id });
    if (!site) return null;
    const secret = newSecret();
    Object.assign(site, sealSecret(this.keyring, id, secret), { rotatedAt: new Date() });
    await em.flush();
    return { site: toRow(site), secret };
  }

  async list() {
    return (await this.em().find(PartnerSiteEntity, {}, { orderBy: { id: 'asc' } })).map(toRow);
  }

  async get(id: string) {
    if (!SITE_ID.test(id)) return null;
    const site = await this.em().findOne(PartnerSiteEntity, { id });
    return site ? toRow(site) : null;
  }

  async getWithSecret(id: string) {
    if (!SITE_ID.test(id)) return null;
    const site = await this.em().findOne(PartnerSiteEntity, { id });
    if (!site) return null;
    const secret = this.keyring
      .unwrap({ wrappedKey: Buffer.from(site.secretSealed), nonce: Buffer.from(site.secretNonce), masterKeyId: site.masterKeyId }, siteSecretContext(id))
      .toString('utf8');
    return { site: toRow(site), secret };
  }

  async findVisitor(siteId: string, visitorId: string) {
    const row = await this.em().findOne(SiteVisitorEntity, { siteId, visitorHash: visitorHash(siteId, visitorId) });
    return row?.userId ?? null;
  }

  async bindVisitor(siteId: string, visitorId: string, userId: string, replacing?: string) {
    const hash = visitorHash(siteId, visitorId);
    const em = this.em();
    // Two first visits at once bind one account (the loser reads the winner's); a stale binding is replaced only
    // if it still names the account we know is gone.
    await em.getConnection().execute(
      `insert into site_visitors (site_id, visitor_hash, user_id, created_at) values (?, ?, ?, now())
       on conflict (site_id, visitor_hash) do update set user_id = excluded.user_id, created_at = now()
       where site_visitors.user_id = ?`,
      [siteId, hash, userId, replacing ?? userId],
    );
    const row = await em.findOne(SiteVisitorEntity, { siteId, visitorHash: hash });
    return row!.userId;
  }
}

function newSecret(): string {
  return randomBytes(SECRET_BYTES).toString('hex');
}

