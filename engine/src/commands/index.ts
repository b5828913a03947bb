/** @module commands — the handler of each command type. The keys must cover every type in the schema. */
import { handleAuth } from './auth.ts';
import type { CommandHandlers } from './context.ts';
import { handleJoin, handleLeave } from './join.ts';
import { handleHistory, handleSend } from './messages.ts';
import { handleCreate, handleInvite, handleRooms } from './rooms.ts';
import { handleCancel, handlePing, handleTyping } from './signals.ts';
import { handleWatch } from '../watch/handler.ts';

export const COMMAND_HANDLERS: CommandHandlers = {
  auth: handleAuth,
  create: handleCreate,
  invite: handleInvite,
  rooms: handleRooms,
  join: handleJoin,
  leave: handleLeave,
  send: handleSend,
  history: handleHistory,
  typing: handleTyping,
  cancel: handleCancel,
  ping: handlePing,
  watch: handleWatch,
};

export type { CommandContext } from './context.ts';
