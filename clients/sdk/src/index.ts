/**
 * @module @mentalia/sdk
 * The framework-free client SDK of the MENTALIA chat engine: the one public entry. Browser-safe (no Node APIs);
 * speaks protocol v1 (`schema/PROTOCOL.md`). Start with `createClient`; see README.md.
 */
export { createClient, ChatClient } from './client.ts';
export type { AuthInfo, ClientEvents, ClientOptions, CreateOptions, HistoryOptions, RequestOptions, RoomsOptions, TokenReason } from './client.ts';
export type { ConnectionEvents } from './connection.ts';

export { RoomHandle } from './room.ts';
export type { JoinOptions, ResetEvent, RoomEvents, RoomStatus } from './room.ts';

export type { OutgoingMessage, OutgoingStatus, SendReceipt } from './outbox.ts';
export { localOutboxStorage, memoryOutboxStorage } from './outbox-storage.ts';
export type { OutboxStorage, PersistedOutgoing } from './outbox-storage.ts';

export { TurnAssembler } from './turns.ts';
export type { TurnView, TurnViewPhase } from './turns.ts';
export type { TypingChange, TypingUser } from './typing.ts';
export type { PresenceChange } from './presence.ts';
export type { StatsHandler, WatchHandle } from './watch.ts';

export { ConnectionStateMachine, nextState } from './state.ts';
export type { ConnectionState, StateChange, StateEvent } from './state.ts';
export { Backoff } from './backoff.ts';
export type { BackoffOptions } from './backoff.ts';
export { ChatError } from './errors.ts';
export type { ChatErrorCode, LocalErrorCode } from './errors.ts';
export { Emitter } from './events.ts';
export type { Listener } from './events.ts';
export type { RequestCommand, ResultOf } from './requests.ts';

export { createWebSocketTransport, offeredSubprotocols } from './websocket-transport.ts';
export type { WebSocketConstructor, WebSocketTransportOptions } from './websocket-transport.ts';
export { createFallbackTransport, createSocketIoTransport, DEFAULT_SOCKETIO_PATH, SOCKETIO_FRAME_EVENT } from './socketio-transport.ts';
export type { FallbackOptions, SocketIoConnect, SocketIoSocketLike, SocketIoTransportOptions } from './socketio-transport.ts';
export type { CloseInfo, CodecName, Transport, TransportFactory, TransportHandlers } from './transport.ts';

// The protocol's vocabulary, so apps need only this package.
export { CloseCode, ErrorCode } from '../../../schema/codes.ts';
export { CONFIRM_TEXTS, PROTOCOL_VERSION } from '../../../schema/protocol.ts';
export type { ConfirmData, ToolProposalData, ToolResultData } from '../../../schema/protocol.ts';
export type {
  AnnotationPush, BodyKind, BotInfo, CardData, CrisisData, CrisisLine, DisconnectPush, ErrorInfo, Limits, Member,
  MessageBody, RiskLevel, RoomSummary, Sender, SignData, StoredMessage, StreamPosition, TurnPhase, UserInfo,
  EngineStats, ImpactStats, StatsDataMap, StatsPush, StatsTopic,
} from '../../../schema/protocol.ts';
export { STATS_TOPICS } from '../../../schema/protocol.ts';
