/** @module bot-catalogue — installed responder plugins are the bot catalogue (GET /api/bots, `create {bot}`). */
import type { BotRow, Store } from './storage/store.ts';

/** Upserts the installed bots; bots whose plugin is gone are disabled, not deleted (old rooms keep their member). */
export async function syncBotCatalogue(store: Store, installed: readonly BotRow[]): Promise<void> {
  const names = new Set(installed.map((b) => b.name));
  for (const bot of installed) await store.upsertBot(bot);
  for (const bot of await store.listBots()) if (!names.has(bot.name) && bot.enabled) await store.upsertBot({ ...bot, enabled: false });
}
