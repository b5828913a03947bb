/**
 * @module sites/entities
 * Partner sites (where the embeddable widget may run) and their verified visitors. The site secret is stored only
 * sealed under the master key (AES-256-GCM, bound to the site id); a visitor id is stored only as a site-scoped
 * SHA-256, so the table maps "this partner's visitor" to one guest account without keeping the partner's id.
 */
import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const PartnerSiteEntity = defineEntity({
  name: 'PartnerSite',
  tableName: 'partner_sites',
  properties: {
    /** Short slug chosen by the operator, used in `data-site`. */
    id: p.text().primary(),
    name: p.text(),
    /** Exact origins (`https://shop.example`) allowed to embed the widget and ask for guest tokens. */
    allowedOrigins: p.array().$type<string[]>(),
    /** The responder bot visitors talk to. */
    bot: p.text(),
    secretSealed: p.blob(),
    secretNonce: p.blob(),
    masterKeyId: p.text(),
    createdAt: p.datetime(),
    rotatedAt: p.datetime().nullable(),
  },
});

export const SiteVisitorEntity = defineEntity({
  name: 'SiteVisitor',
  tableName: 'site_visitors',
  properties: {
    siteId: p.text().primary(),
    /** hex SHA-256 of `site\0visitor`. */
    visitorHash: p.text().primary(),
    userId: p.uuid(),
    createdAt: p.datetime(),
  },
});

export type PartnerSite = InferEntity<typeof PartnerSiteEntity>;
export type SiteVisitor = InferEntity<typeof SiteVisitorEntity>;

export const SITE_ENTITIES = [PartnerSiteEntity, SiteVisitorEntity];
