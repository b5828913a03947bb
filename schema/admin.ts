/**
 * @module admin
 * JSON shapes of the admin API (`/api/admin/*`, engine/src/admin), shared by the engine and the admin client
 * (clients/admin). Browser-safe: types only. The routes are documented in engine/src/admin/README.md.
 */

export type AdminRole = 'user' | 'guest' | 'admin';
export type AdminTier = 'free' | 'premium' | 'professional' | 'enterprise';

/** A user as the admin surface shows it: no password hash, no free-form profile. */
export interface AdminUser {
  id: string;
  /** Null for guests and erased accounts. */
  email: string | null;
  name: string;
  roles: AdminRole[];
  tier: AdminTier;
  /** ISO times. */
  createdAt: string;
  erasedAt: string | null;
}

export interface AuditRow {
  id: number;
  /** ISO time. */
  ts: string;
  /** An admin's user id, "cli", or null for the system. */
  actorId: string | null;
  action: string;
  target: string;
  detail: Record<string, unknown> | null;
}

/** Turns of one bot in a time window (from `bot_turns`). Latencies in ms; null when there were no turns. */
export interface TurnStats {
  turns: number;
  /** Turns that ended in a failure code (not `done`, `cancelled` or `vetoed`). */
  errors: number;
  cancelled: number;
  /** errors / turns (0 without turns). */
  errorRate: number;
  p50Ms: number | null;
  p95Ms: number | null;
  firstDeltaP50Ms: number | null;
  firstDeltaP95Ms: number | null;
}

/** What the bot runtime reports of one plugin: never a secret (config is redacted by the manifest's `secrets`). */
export interface BotPluginStatus {
  name: string;
  title: string;
  version: string;
  /** `responder` (onTurn) and/or `labeller` (onMessage). */
  kinds: ('responder' | 'labeller')[];
  /** A global labeller (safety layer): runs in every room and cannot be switched off per room. */
  safetyLayer: boolean;
  /** The configuration with secret keys replaced by `[redacted]`. */
  config: unknown;
  /** Names of the config keys the manifest marks secret. */
  secretKeys: string[];
  /** This node's plugin processes, when hooks run here. */
  process?: { running: number; queued: number; processes: number; restarts: number };
}

export interface AdminBot {
  name: string;
  title: string;
  version: string | null;
  category: string | null;
  /** In the catalogue and offered to people (an installed responder). */
  listed: boolean;
  /** Runtime view; null when this engine runs no bot runtime or the plugin is no longer installed. */
  runtime: Omit<BotPluginStatus, 'name' | 'title' | 'version'> | null;
  stats: { hour: TurnStats; day: TurnStats };
  /** Rooms where an admin switched it off. */
  disabledRooms: number;
}

export interface RoomBotSwitch {
  roomId: string;
  bot: string;
  /** The admin's user id (or "cli"). */
  disabledBy: string;
  /** ISO time. */
  disabledAt: string;
}

// ------------------------------------------------------------------ replies

export interface AdminMeReply { user: AdminUser }
export interface AdminUsersReply { users: AdminUser[]; total: number; limit: number; offset: number }
export interface AdminUserReply { user: AdminUser; audit: AuditRow[] }
export interface AdminUserChangeReply { user: AdminUser }
export interface AdminEraseReply { userId: string; shreddedRooms: string[] }
export interface AdminAuditReply { entries: AuditRow[]; next?: number }
export interface AdminBotsReply { bots: AdminBot[]; runtime: boolean }
export interface AdminBotRoomsReply { rooms: RoomBotSwitch[]; total: number }
export interface AdminBotSwitchReply { bot: string; roomId: string; enabled: boolean; changed: boolean }
