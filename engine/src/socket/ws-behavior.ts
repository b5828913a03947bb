/**
 * @module socket/ws-behavior
 * The uWS WebSocket route `/ws`: sub-protocol negotiation at upgrade, the auth deadline on open, frames to the
 * dispatcher, cleanup on close. uWS lifetimes: request data is copied before anything else; the socket is not
 * touched after `close`.
 */
import { randomUUID } from 'node:crypto';
import { CloseCode, negotiateCodec } from '../../../schema/index.ts';
import type { EngineConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import type { EngineMetrics } from '../metrics.ts';
import type { RoomHub } from '../rooms/room-hub.ts';
import type { WebSocketBehavior } from '../transport/uws.ts';
import { Connection, type SocketData } from './connection.ts';
import type { Dispatcher } from './dispatcher.ts';

export interface SocketDeps {
  config: EngineConfig;
  log: Logger;
  metrics: EngineMetrics;
  hub: RoomHub;
  dispatcher: Dispatcher;
  connections: Set<Connection>;
  isShuttingDown(): boolean;
}

export function createWsBehavior(deps: SocketDeps): WebSocketBehavior<SocketData> {
  const { config, log, metrics, hub, dispatcher, connections } = deps;
  const limits = {
    ratePerSec: config.ratePerSec,
    rateBurst: config.rateBurst,
    badFrameLimit: config.badFrameLimit,
    badFrameWindowMs: config.badFrameWindowMs,
  };

  return {
    // uWS drops an oversize frame's connection without a close frame (1006). We let frames up to 4× through and
    // close those over the limit ourselves with 1009, as the protocol says; beyond 4× uWS cuts the connection.
    maxPayloadLength: config.maxFrameBytes * 4,
    idleTimeout: config.idleTimeoutS,
    sendPingsAutomatically: true,
    // uWS drops (and with this flag closes) past this hard limit; our sweep closes with 4501 at half of it first.
    maxBackpressure: config.backpressureLimitBytes * 2,
    closeOnBackpressureLimit: 1,

    upgrade(res, req, context) {
      const key = req.getHeader('sec-websocket-key');
      const offered = req.getHeader('sec-websocket-protocol');
      const extensions = req.getHeader('sec-websocket-extensions');
      const codec = negotiateCodec(offered);
      if (!codec) {
        res.writeStatus('400 Bad Request').writeHeader('content-type', 'text/plain').end('unsupported WebSocket sub-protocol');
        return;
      }
      if (deps.isShuttingDown()) {
        res.writeStatus('503 Service Unavailable').end('shutting down');
        return;
      }
      const id = randomUUID();
      const conn = new Connection(id, codec, log.child({ conn: id }), limits, closeSlowConsumer);
      res.upgrade<SocketData>({ conn }, key, offered ? codec.name : '', extensions, context);
    },

    open(ws) {
      const conn = ws.getUserData().conn;
      conn.ws = ws;
      connections.add(conn);
      metrics.connections.inc();
      conn.authTimer = setTimeout(() => {
        if (!conn.user) conn.disconnect(CloseCode.UNAUTHORIZED, 'authentication timeout');
      }, config.authTimeoutMs);
      conn.authTimer.unref();
    },

    message(ws, data) {
      if (data.byteLength > config.maxFrameBytes) {
        ws.getUserData().conn.markClosed();
        ws.end(CloseCode.TOO_BIG, 'frame too large');
        return;
      }
      dispatcher.onFrame(ws.getUserData().conn, data);
    },

    close(ws) {
      const conn = ws.getUserData().conn;
      conn.markClosed();
      for (const room of [...conn.rooms]) hub.unsubscribe(conn, room);
      connections.delete(conn);
      metrics.connections.dec();
    },
  };
}

/** Closes sockets whose send buffer grew past the limit (4501): they would otherwise be silently skipped. */
export function sweepSlowConsumers(connections: Set<Connection>, limitBytes: number): void {
  for (const conn of connections) {
    if (conn.bufferedAmount() > limitBytes) closeSlowConsumer(conn);
  }
}

function closeSlowConsumer(conn: Connection): void {
  conn.log.warn({ buffered: conn.bufferedAmount() }, 'closing slow consumer');
  conn.disconnect(CloseCode.SLOW_CONSUMER, 'slow consumer: too many pending messages');
}
