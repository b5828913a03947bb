/**
 * @module admin/bots-view
 * `GET /api/admin/bots`: every bot the engine knows (the catalogue rows and the runtime's plugins, labellers
 * included), with its runtime state (config redacted, processes), its turn statistics over the last hour and day
 * (`bot_turns`: turns, errors, error rate, latency p50/p95) and how many rooms switched it off.
 */
import type { AdminBot, AdminBotsReply, BotPluginStatus, TurnStats } from '../../../schema/admin.ts';
import type { Store } from '../storage/store.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const NO_TURNS: TurnStats = {
  turns: 0, errors: 0, cancelled: 0, errorRate: 0, p50Ms: null, p95Ms: null, firstDeltaP50Ms: null, firstDeltaP95Ms: null,
};

export async function listAdminBots(store: Store, status: BotPluginStatus[] | undefined): Promise<AdminBotsReply> {
  const now = Date.now();
  const [catalogue, hour, day] = await Promise.all([
    store.listBots(),
    store.admin.turnStats(new Date(now - HOUR_MS)),
    store.admin.turnStats(new Date(now - DAY_MS)),
  ]);
  const names = [...new Set([...catalogue.map((b) => b.name), ...(status ?? []).map((p) => p.name)])].sort();
  const bots = await Promise.all(names.map(async (name): Promise<AdminBot> => {
    const row = catalogue.find((b) => b.name === name);
    const plugin = status?.find((p) => p.name === name);
    const { total } = await store.admin.roomsWithBotDisabled(name, 1);
    let runtime: AdminBot['runtime'] = null;
    if (plugin) {
      const { name: _n, title: _t, version: _v, ...rest } = plugin;
      runtime = rest;
    }
    return {
      name,
      title: plugin?.title ?? row?.title ?? name,
      version: plugin?.version ?? row?.version ?? null,
      category: row?.category ?? null,
      listed: row?.enabled ?? false,
      runtime,
      stats: { hour: hour.get(name) ?? NO_TURNS, day: day.get(name) ?? NO_TURNS },
      disabledRooms: total,
    };
  }));
  return { bots, runtime: status !== undefined };
}
