/**
 * @module sites/site-admin
 * The partner-site commands of `npm run engine:admin` (wired in cli/admin.ts): add a site, rotate its secret, list
 * sites. The secret is printed once, on stdout, by `site-add` and `site-rotate-secret`; it is never logged or
 * audited (the audit entry records who did what to which site).
 */
import type { Store } from '../storage/store.ts';

export type SiteCommand =
  | { name: 'site-add'; id: string; bot: string; origins: string[]; siteName: string }
  | { name: 'site-rotate-secret'; id: string }
  | { name: 'site-list' };

export const SITE_USAGE = `  site-add <id> --bot <bot> --origins <https://a.example,https://b.example> [--name <name>]
                             Register a partner site for the widget (data-site="<id>"); prints its signing secret ONCE.
  site-rotate-secret <id>    New signing secret for the site (the old one stops verifying at once); printed ONCE.
  site-list                  The partner sites (without secrets).
`;

/** Parses a site command; undefined when `args` is not one (or is malformed: the caller prints the usage). */
export function parseSiteArgs(args: string[]): SiteCommand | undefined {
  const [name, ...rest] = args;
  if (name === 'site-list') return rest.length === 0 ? { name } : undefined;
  if (name === 'site-rotate-secret') return rest.length === 1 && rest[0]!.trim() ? { name, id: rest[0]!.trim() } : undefined;
  if (name !== 'site-add') return undefined;
  const [id, ...flags] = rest;
  if (!id || id.startsWith('--')) return undefined;
  const values: Record<string, string> = {};
  for (let i = 0; i < flags.length; i += 2) {
    const flag = flags[i]!;
    const value = flags[i + 1];
    if (!['--bot', '--origins', '--name'].includes(flag) || value === undefined || value.trim() === '') return undefined;
    values[flag.slice(2)] = value.trim();
  }
  if (!values.bot || !values.origins) return undefined;
  const origins = values.origins.split(',').map((o) => o.trim()).filter(Boolean);
  return { name, id, bot: values.bot, origins, siteName: values.name ?? id };
}

export interface SiteIo {
  out(text: string): void;
  err(text: string): void;
}

export async function runSiteCommand(store: Store, command: SiteCommand, io: SiteIo, actor: string): Promise<number> {
  const sites = store.sites();
  if (command.name === 'site-list') {
    io.out(`${JSON.stringify(await sites.list(), null, 2)}\n`);
    return 0;
  }
  if (command.name === 'site-rotate-secret') {
    const rotated = await sites.rotateSecret(command.id);
    if (!rotated) {
      io.err(`No site "${command.id}".\n`);
      return 1;
    }
    await store.audit({ actorId: actor, action: 'site.rotate-secret', target: command.id });
    io.out(`${JSON.stringify({ site: rotated.site, secret: rotated.secret })}\n`);
    io.err('Keep this secret on the partner\'s server; it is not shown again.\n');
    return 0;
  }
  const bots = await store.listBots();
  if (!bots.some((b) => b.name === command.bot)) io.err(`Warning: no bot "${command.bot}" in the catalogue yet (it is synced when the engine starts).\n`);
  let created;
  try {
    created = await sites.create({ id: command.id, name: command.siteName, allowedOrigins: command.origins, bot: command.bot });
  } catch (err) {
    io.err(`site-add: ${(err as Error).message}\n`);
    return 1;
  }
  await store.audit({ actorId: actor, action: 'site.add', target: command.id, detail: { bot: command.bot, origins: created.site.allowedOrigins } });
  io.out(`${JSON.stringify({ site: created.site, secret: created.secret })}\n`);
  io.err('Keep this secret on the partner\'s server; it is not shown again.\n');
  return 0;
}
