/** @module protocols — the client adapter of each server arm. */
import type { ServerName } from '../options.ts';
import { connectEngine } from './engine.ts';
import { connectSocketio } from './socketio.ts';
import type { Connect } from './types.ts';
import { connectUws } from './uws.ts';

export const CONNECTORS: Readonly<Record<ServerName, Connect>> = {
  engine: connectEngine,
  uws: connectUws,
  socketio: connectSocketio,
};
