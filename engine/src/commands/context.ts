/**
 * @module commands/context
 * What a command handler may use. Handlers get the connection and a validated command, return the `ok` result
 * of that command type, or throw an `EngineError` (anything else becomes INTERNAL/UNAVAILABLE).
 */
import type { CommandBody, CommandType, ResultMap } from '../../../schema/index.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { EngineConfig } from '../config.ts';
import type { ToolConfirmations } from '../confirmations/service.ts';
import type { Logger } from '../log.ts';
import type { EngineMetrics } from '../metrics.ts';
import type { RoomHub } from '../rooms/room-hub.ts';
import type { Connection } from '../socket/connection.ts';
import type { MessageWriter } from '../storage/message-writer.ts';
import type { Store } from '../storage/store.ts';
import type { WatchHub } from '../watch/watch-hub.ts';

export interface CommandContext {
  config: EngineConfig;
  store: Store;
  hub: RoomHub;
  writer: MessageWriter;
  tokens: TokenService;
  metrics: EngineMetrics;
  log: Logger;
  /** Redeems `confirm` answers to bots' signed tool proposals (confirmations/service.ts). */
  confirmations: ToolConfirmations;
  /** True once graceful shutdown began: state-changing commands answer UNAVAILABLE. */
  isShuttingDown(): boolean;
  /** Cancels a running bot turn of the room; set when a bot runtime is attached. True if one was cancelled. */
  cancelTurn?: (room: string, turn: string) => boolean;
  /** Live stats subscriptions (`watch`, engine/src/watch). */
  watch?: WatchHub;
}

export type CommandOf<T extends CommandType> = Extract<CommandBody, { type: T }>;

export type CommandHandler<T extends CommandType> = (
  conn: Connection,
  command: CommandOf<T>,
  ctx: CommandContext,
) => ResultMap[T] | Promise<ResultMap[T]>;

export type CommandHandlers = { [T in CommandType]: CommandHandler<T> };
