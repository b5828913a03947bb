/**
 * @module cli/admin
 * Operator commands: `npm run engine:admin -- <command> [argument]`. Each command is audited with actor "cli".
 * Results go to stdout (JSON), logs to stderr, so `export-user … > file.json` captures only the export.
 */
import { pathToFileURL } from 'node:url';
import pino, { type Logger } from 'pino';
import { loadConfig, type EngineConfig } from '../config.ts';
import { createStore } from '../storage/orm-store.ts';
import type { Store, UserRow } from '../storage/store.ts';
import { SITE_USAGE, parseSiteArgs, runSiteCommand } from '../sites/site-admin.ts';

const ACTOR = 'cli';

export const USAGE = `Usage: npm run engine:admin -- <command>

Commands:
  rotate-master-key          Re-wrap every conversation key under MASTER_KEY. Run it with MASTER_KEY/MASTER_KEY_ID set
                             to the NEW key and MASTER_KEYS_RETIRED listing the old one(s) as id:base64.
  export-user <userId|email> Print the user's profile and decrypted conversations as JSON.
  erase-user <userId|email>  Erase the user (GDPR): crypto-shred their private rooms, redact their messages elsewhere,
                             anonymise the account. Irreversible.
  grant-admin <userId|email> Give a registered user the admin role (how the first admin is made; later ones can be
                             promoted in the admin surface at /admin/).
${SITE_USAGE}`;

export interface AdminIo {
  out(text: string): void;
  err(text: string): void;
}

type Command = { name: 'rotate-master-key' } | { name: 'export-user' | 'erase-user' | 'grant-admin'; user: string };

function parseArgs(args: string[]): Command | undefined {
  const [name, user, ...rest] = args;
  if (rest.length > 0) return undefined;
  if (name === 'rotate-master-key' && user === undefined) return { name };
  if ((name === 'export-user' || name === 'erase-user' || name === 'grant-admin') && user !== undefined && user.trim() !== '') return { name, user: user.trim() };
  return undefined;
}

async function findUser(store: Store, ref: string): Promise<UserRow | null> {
  return ref.includes('@') ? store.findUserByEmail(ref) : store.findUserById(ref);
}

async function execute(store: Store, command: Command, io: AdminIo): Promise<number> {
  if (command.name === 'rotate-master-key') {
    const result = await store.rotateMasterKey(ACTOR);
    io.out(`${JSON.stringify(result)}\n`);
    return 0;
  }
  const user = await findUser(store, command.user);
  if (!user) {
    io.err(`No user matches "${command.user}".\n`);
    return 1;
  }
  if (command.name === 'grant-admin') {
    const updated = await store.admin.setRole(user.id, 'admin', ACTOR);
    io.out(`${JSON.stringify({ userId: updated.id, roles: updated.roles })}\n`);
  } else if (command.name === 'export-user') {
    io.out(`${JSON.stringify(await store.exportUser(user.id, ACTOR), null, 2)}\n`);
  } else {
    const result = await store.eraseUser(user.id, ACTOR);
    io.out(`${JSON.stringify({ userId: user.id, ...result })}\n`);
  }
  return 0;
}

/** Runs one admin command and returns the process exit code (0 ok, 1 failure, 2 bad usage). */
export async function runAdmin(args: string[], config: EngineConfig, logger: Logger, io: AdminIo): Promise<number> {
  const siteCommand = parseSiteArgs(args);
  const command = siteCommand ?? parseArgs(args);
  if (!command) {
    io.err(USAGE);
    return 2;
  }
  let store: Store;
  try {
    store = await createStore(config, logger);
  } catch (err) {
    logger.error({ err }, 'cannot open the store');
    io.err(`Cannot open the database: ${(err as Error).message}\n`);
    return 1;
  }
  try {
    return siteCommand ? await runSiteCommand(store, siteCommand, io, ACTOR) : await execute(store, command as Command, io);
  } catch (err) {
    logger.error({ err }, `${command.name} failed`);
    io.err(`${command.name} failed: ${(err as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, base: { svc: 'engine-admin' } }, pino.destination(2));
  const io: AdminIo = { out: (text) => process.stdout.write(text), err: (text) => process.stderr.write(text) };
  process.exitCode = await runAdmin(process.argv.slice(2), config, logger, io);
}
