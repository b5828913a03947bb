/**
 * @module sites/site-origins
 * The set of every partner site's allowed origins, and each site's own list, cached briefly: answers CORS preflights,
 * the socket.io origin check and the widget panel's `frame-ancestors` without a query per request. Sites change
 * through the admin CLI (another process), so entries expire after `ttlMs`.
 */
import type { SiteRow, SiteStore } from './site-store.ts';

/** An unknown origin re-reads the sites at most this often (bounds the queries an origin flood can cause). */
const MISS_RELOAD_MS = 1000;

export class SiteOrigins {
  private all: { origins: Set<string>; at: number } | undefined;
  private loadingAll: Promise<Set<string>> | undefined;
  private readonly sites = new Map<string, { site: SiteRow | null; at: number }>();

  constructor(private readonly store: () => SiteStore, private readonly ttlMs = 15_000) {}

  /** Whether any site lists `origin`. A miss re-reads the sites (at most once a second), so a new site works at once. */
  async isAllowed(origin: string): Promise<boolean> {
    if (!origin) return false;
    if (this.all && Date.now() - this.all.at <= this.ttlMs && this.all.origins.has(origin)) return true;
    if (this.all && Date.now() - this.all.at < MISS_RELOAD_MS) return false;
    return (await this.reload()).has(origin);
  }

  /**
   * The same answer from what is already loaded, synchronously (for hooks that must answer before a request body
   * is read, like socket.io's CORS step); a stale snapshot is refreshed in the background for the next call.
   */
  isAllowedNow(origin: string): boolean {
    const allowed = Boolean(origin) && (this.all?.origins.has(origin) ?? false);
    const age = this.all ? Date.now() - this.all.at : Infinity;
    if (age > this.ttlMs || (!allowed && origin && age >= MISS_RELOAD_MS)) this.reload().catch(() => undefined);
    return allowed;
  }

  /** Loads every site's origins (deduplicated while a load is running). */
  reload(): Promise<Set<string>> {
    this.loadingAll ??= this.store().list().then((rows) => {
      const origins = new Set(rows.flatMap((r) => r.allowedOrigins));
      this.all = { origins, at: Date.now() };
      return origins;
    }).finally(() => { this.loadingAll = undefined; });
    return this.loadingAll;
  }

  /** The site (cached), or null when unknown. */
  async site(id: string): Promise<SiteRow | null> {
    const hit = this.sites.get(id);
    if (hit && Date.now() - hit.at <= this.ttlMs) return hit.site;
    const site = await this.store().get(id);
    // A site just read is as fresh as it gets: its origins join the snapshot (a site added since the last reload).
    for (const origin of site?.allowedOrigins ?? []) this.all?.origins.add(origin);
    if (this.sites.size > 1000) this.sites.clear(); // bounded under id floods
    this.sites.set(id, { site, at: Date.now() });
    return site;
  }
}
