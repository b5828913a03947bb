/**
 * @module protocol
 * Protocol v1 wire types: commands (client → server, with `id`), replies (same `id`, `ok` true/false) and pushes
 * (no `id`). This file is the source of truth for the shapes; `PROTOCOL.md` beside it is the prose spec.
 * No Node or DOM imports here: browsers and the engine both import this module.
 */
import type { ErrorCode } from './codes.ts';

export const PROTOCOL_VERSION = 1;
export const SUBPROTOCOL_JSON = 'mentalia.v1.json';
export const SUBPROTOCOL_MSGPACK = 'mentalia.v1.msgpack';
export type Subprotocol = typeof SUBPROTOCOL_JSON | typeof SUBPROTOCOL_MSGPACK;

export type RiskLevel = 'none' | 'low' | 'medium' | 'high' | 'critical';
export const RISK_LEVELS: readonly RiskLevel[] = ['none', 'low', 'medium', 'high', 'critical'];

export type BodyKind = 'text' | 'crisis' | 'sign' | 'card' | 'tool' | 'confirm' | 'landmarks';
export const BODY_KINDS: readonly BodyKind[] = ['text', 'crisis', 'sign', 'card', 'tool', 'confirm', 'landmarks'];

export interface MessageBody {
  text: string;
  kind?: BodyKind;
  data?: unknown;
}

export interface StreamPosition {
  epoch: string;
  offset: number;
}

// ---------------------------------------------------------------- commands

export interface AuthCommand { type: 'auth'; token: string }
export interface CreateCommand { type: 'create'; bot?: string; bots?: string[]; title?: string; members?: string[] }
export interface InviteCommand { type: 'invite'; room: string; user: string }
export interface RoomsCommand { type: 'rooms'; limit?: number; before?: string }
export interface JoinCommand { type: 'join'; room: string; since?: StreamPosition; limit?: number }
export interface LeaveCommand { type: 'leave'; room: string }
export interface SendCommand { type: 'send'; room: string; msgId: string; body: MessageBody }
export interface HistoryCommand { type: 'history'; room: string; before?: number; limit?: number }
export interface TypingCommand { type: 'typing'; room: string; on: boolean }
export interface CancelCommand { type: 'cancel'; room: string; turn: string }
export interface PingCommand { type: 'ping' }
/** Extension: subscribe this socket to a live stats topic (`on: false` unsubscribes). */
export interface WatchCommand { type: 'watch'; topic: StatsTopic; on?: boolean }

/** Every command body, discriminated on `type`. */
export type CommandBody =
  | AuthCommand | CreateCommand | InviteCommand | RoomsCommand | JoinCommand | LeaveCommand
  | SendCommand | HistoryCommand | TypingCommand | CancelCommand | PingCommand | WatchCommand;
export type CommandType = CommandBody['type'];
/** A command as sent on the wire: with `id` it expects a reply, without it is fire-and-forget. */
export type Command = CommandBody & { id?: number };

// ---------------------------------------------------------------- replies

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  temporary: boolean;
  /** Present on RATE_LIMITED. */
  retryAfterMs?: number;
}

export interface UserInfo { id: string; name: string; roles: string[] }
export interface Limits { maxFrameBytes: number; maxTextChars: number; ratePerSec: number }
export type SenderKind = 'user' | 'bot' | 'system';
export interface Sender { id: string; kind: SenderKind; name: string }
export interface Member { id: string; name: string; kind: 'user' | 'bot'; role: 'owner' | 'admin' | 'member'; online: boolean }

export interface MessagePush {
  type: 'message';
  room: string;
  epoch: string;
  offset: number;
  msgId: string;
  from: Sender;
  body: MessageBody;
  ts: number;
}
export type StoredMessage = Omit<MessagePush, 'type'>;

export interface RoomSummary { room: string; title: string; bots: string[]; lastOffset: number; lastTs: number }

/** The `ok` result of each command type. */
export interface ResultMap {
  auth: { user: UserInfo; session: string; serverTime: number; limits: Limits; protocol: number };
  create: { room: string };
  invite: Record<string, never>;
  rooms: { rooms: RoomSummary[]; next?: string };
  join: { room: string; epoch: string; offset: number; recovered: boolean; messages: StoredMessage[]; members: Member[] };
  leave: Record<string, never>;
  send: { offset: number; ts: number; duplicate: boolean };
  history: { messages: StoredMessage[] };
  typing: Record<string, never>;
  cancel: { cancelled: boolean };
  ping: Record<string, never>;
  watch: { topic: StatsTopic; on: boolean };
}

export type OkReply<T extends CommandType = CommandType> = { id: number; ok: true } & ResultMap[T];
export interface ErrorReply { id: number; ok: false; error: ErrorInfo }
export type Reply = OkReply | ErrorReply;

// ---------------------------------------------------------------- pushes

export type TurnPhase = 'start' | 'delta' | 'end' | 'error' | 'cancelled';
export interface TurnPush {
  type: 'turn';
  room: string;
  turn: string;
  bot: string;
  phase: TurnPhase;
  seq: number;
  text?: string;
  offset?: number;
  error?: ErrorInfo;
}
export interface AnnotationPush {
  type: 'annotation';
  room: string;
  offset: number;
  plugin: string;
  labels: { label: string; score: number }[];
  risk: RiskLevel;
  detail?: unknown;
}
export interface PresencePush { type: 'presence'; room: string; joined: { id: string; name: string }[]; left: { id: string }[] }
export interface TypingPush { type: 'typing'; room: string; user: { id: string; name: string }; on: boolean }
export interface ErrorPush { type: 'error'; error: ErrorInfo }
export interface DisconnectPush { type: 'disconnect'; code: number; reason: string; reconnect: boolean }


// Live stats (extension, see PROTOCOL.md "Live stats"): `watch` subscribes, `stats` pushes the samples.
export type StatsTopic = 'impact' | 'engine';
export const STATS_TOPICS: readonly StatsTopic[] = ['impact', 'engine'];
/** Topic `impact` (public): real figures for the showcase. */
export interface ImpactStats { connections: number; messagesToday: number; botsAvailable: number }
/** Topic `engine` (admin role only): the engine's own counters, per sample. */
export interface EngineStats {
  connections: number;
  messagesPerSec: number;
  commandsPerSec: number;
  persistence: { pending: number; lagMs: number; batchMs: number | null; batches: number };
  bots: { inFlight: number; queued: number | null; turns: number; errors: number; errorRate: number };
  errorsPerSec: number;
  uptimeS: number;
}
export interface StatsDataMap { impact: ImpactStats; engine: EngineStats }
export type StatsPush = { [T in StatsTopic]: { type: 'stats'; topic: T; data: StatsDataMap[T]; ts: number } }[StatsTopic];

export type Push = MessagePush | TurnPush | AnnotationPush | PresencePush | TypingPush | ErrorPush | DisconnectPush | StatsPush;
export type PushType = Push['type'];

/** Anything a server may put in a frame. */
export type ServerFrameItem = Reply | Push;

// ---------------------------------------------------------------- HTTP API shapes

/** One entry of `GET /api/bots`: an installed, enabled responder. */
export interface BotInfo {
  name: string;
  title: string;
  description: string;
  version: string;
  category: string;
  capabilities: string[];
}

/** `GET`/`PATCH /api/me/profile`: the fields bots may read (plugins get only those their manifest lists). */
export interface UserProfile {
  language?: 'es' | 'en';
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  communication?: { literal?: boolean; shortSentences?: boolean; oneQuestionAtATime?: boolean; noEmoji?: boolean; lists?: boolean };
  sensory?: ('sound' | 'light' | 'touch' | 'smell' | 'taste' | 'crowds' | 'temperature')[];
}

// ---------------------------------------------------------------- body data shapes (by body.kind)

/** `kind`: `crisis` | `emotional` | `gender_violence` | `violence` | `children` | `other` (engine cards). */
export interface CrisisLine { name: string; phone?: string; url?: string; hours?: string; kind?: string }
export interface CrisisData {
  country: string;
  lines: CrisisLine[];
  text: string;
  /** Whether a person (moderator, professional) can be reached from this conversation; clients may offer it. */
  humanContact?: { available: boolean };
  /** Engine cards: the number(s) to dial in an emergency, e.g. "112". */
  emergency?: string;
  /** Engine cards: `text` in each language alone. */
  i18n?: { es: string; en: string };
  /** Engine cards: the assessed risk. */
  level?: RiskLevel;
}
export interface SignData { language: string; glosses: string[]; fingerspelling: string[] }
/**
 * `landmarks` body (people may send it): hand landmark frames for fingerspelling recognition, MediaPipe Hands format.
 * Each frame is 21 points `[x, y, z]` (x, y normalised to the image, z relative depth), or `[]` for a pause (no hand).
 * Biometric-ish data: stored encrypted like every body. See PROTOCOL.md "Differences and extensions".
 */
export interface LandmarksData { language?: 'LSM' | 'LSE'; frames: number[][][] }
export const LANDMARKS_LIMITS = { maxFrames: 64, points: 21, maxAbs: 10 } as const;
export interface CardData { title: string; items: unknown[] }
/**
 * `tool` body of a bot's proposal to run a data-changing tool (`data.phase: 'proposal'`). `confirmation.token` is
 * signed by the engine; a person answers with a `confirm` body carrying it. See PROTOCOL.md "Tool confirmations".
 */
export interface ToolProposalData {
  phase: 'proposal';
  tool: string;
  args: Record<string, unknown>;
  i18n: { es: string; en: string };
  confirmation: { token: string; expiresAt: number };
}
/** `tool` body of a tool's outcome (`data.phase: 'result'`). */
export interface ToolResultData { phase: 'result'; tool: string; approved: boolean; ok: boolean; result?: unknown }
/** `confirm` body: a person's answer to a tool proposal (the only kind besides `text` people may send). */
export interface ConfirmData { token: string; approve: boolean }
/** The text the engine stores for a `confirm` body, whatever the client sent (it carries no free text). */
export const CONFIRM_TEXTS = { approve: 'Confirmo', cancel: 'Cancelo' } as const;
