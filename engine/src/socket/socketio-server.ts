/**
 * @module socket/socketio-server
 * The long-polling fallback for networks that block WebSockets: a socket.io 4.8 server attached to the engine's own
 * uWS app (`io.attachApp`) under `/sio/`, polling only (the WebSocket path is `/ws`). It carries exactly the
 * protocol's JSON frames as one event, `frame`, both ways: a client emits `frame` with the text of a command frame,
 * the engine emits `frame` with the text of each reply/push frame. Each socket.io socket becomes a `Connection`
 * with a `FrameLink`, so the dispatcher, the auth deadline, the rate limit, the bad-frame limit, backpressure and
 * room fan-out (room-hub's per-room set of linked connections) are the ones the WebSocket path uses. Where the
 * WebSocket closes with a code, this path sends the same `disconnect` push and then ends the socket.io session.
 *
 * Origins: requests that carry an Origin must come from this engine's host or one of the partner sites' allowed
 * origins (the widget), else the handshake is refused; CORS headers are given to those origins only.
 */
import { randomUUID } from 'node:crypto';
import { Server, type Socket } from 'socket.io';
import { CloseCode, jsonCodec } from '../../../schema/index.ts';
import type { SiteOrigins } from '../sites/site-origins.ts';
import type { TemplatedApp } from '../transport/uws.ts';
import { Connection } from './connection.ts';
import type { SocketDeps } from './ws-behavior.ts';

export const SOCKETIO_PATH = '/sio/';
/** The one event both ways. */
export const FRAME_EVENT = 'frame';

export interface SocketIoDeps extends SocketDeps {
  siteOrigins: SiteOrigins;
}

export interface SocketIoFallback {
  close(): Promise<void>;
}

/** Whether a browser on `origin` may use the fallback: this engine's own host, or a partner site's origin. */
async function originAllowed(origin: string | undefined, host: string | undefined, sites: SiteOrigins): Promise<boolean> {
  if (!origin) return true; // same-origin GETs and non-browser clients send none; the token decides anyway
  try {
    if (host && new URL(origin).host === host) return true;
  } catch {
    return false;
  }
  return sites.isAllowed(origin).catch(() => false);
}

export function attachSocketIo(app: TemplatedApp, deps: SocketIoDeps): SocketIoFallback {
  const { config, log, metrics, hub, dispatcher, connections, siteOrigins } = deps;
  const limits = {
    ratePerSec: config.ratePerSec,
    rateBurst: config.rateBurst,
    badFrameLimit: config.badFrameLimit,
    badFrameWindowMs: config.badFrameWindowMs,
  };
  const io = new Server({
    path: SOCKETIO_PATH,
    transports: ['polling'],
    serveClient: false,
    // Oversize frames get the protocol's answer (disconnect 1009) below; socket.io itself drops far larger bodies.
    maxHttpBufferSize: config.maxFrameBytes * 4,
    allowRequest: (req, callback) => {
      if (deps.isShuttingDown()) return callback('shutting down', false);
      originAllowed(req.headers.origin, req.headers.host, siteOrigins).then((ok) => callback(ok ? null : 'origin not allowed', ok));
    },
    // Synchronous on purpose: engine.io (uWS) reads a POST body only after its middlewares ran, and uWS drops body
    // data that arrives before a handler is registered; an async CORS decision would lose polling POSTs.
    cors: (req, callback) => {
      const origin = req.headers.origin;
      callback(null, { origin: origin && siteOrigins.isAllowedNow(origin) ? origin : false, methods: ['GET', 'POST'] });
    },
  });
  io.attachApp(app);

  io.on('connection', (socket: Socket) => {
    const id = randomUUID();
    let pendingBytes = 0;
    const conn = new Connection(id, jsonCodec, log.child({ conn: id, transport: 'socket.io' }), limits, closeSlowConsumer);
    conn.link = {
      send(frame) {
        pendingBytes += typeof frame === 'string' ? frame.length : frame.byteLength;
        socket.emit(FRAME_EVENT, typeof frame === 'string' ? frame : Buffer.from(frame).toString('utf8'));
      },
      close: () => socket.disconnect(true),
      bufferedAmount: () => pendingBytes,
    };
    // engine.io emits `drain` once the client has fetched everything queued (the next poll).
    socket.conn.on('drain', () => { pendingBytes = 0; });
    connections.add(conn);
    metrics.connections.inc();
    conn.authTimer = setTimeout(() => {
      if (!conn.user) conn.disconnect(CloseCode.UNAUTHORIZED, 'authentication timeout');
    }, config.authTimeoutMs);
    conn.authTimer.unref();

    socket.on(FRAME_EVENT, (data: unknown) => {
      if (conn.closed) return;
      if (typeof data !== 'string' && !Buffer.isBuffer(data)) return dispatcher.rejectFrame(conn, `"${FRAME_EVENT}" carries one text frame`);
      const size = typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
      if (size > config.maxFrameBytes) return conn.disconnect(CloseCode.TOO_BIG, 'frame too large');
      dispatcher.onFrame(conn, data);
    });
    // Any other event name is not part of the protocol.
    socket.onAny((event: string) => {
      if (event !== FRAME_EVENT) dispatcher.rejectFrame(conn, `unknown event "${event}"; send frames as "${FRAME_EVENT}"`);
    });
    socket.on('disconnect', () => {
      conn.markClosed();
      for (const room of [...conn.rooms]) hub.unsubscribe(conn, room);
      connections.delete(conn);
      metrics.connections.dec();
    });
  });

  return {
    close: () => new Promise<void>((resolve) => {
      io.close(() => resolve());
    }),
  };
}

function closeSlowConsumer(conn: Connection): void {
  conn.log.warn({ buffered: conn.bufferedAmount() }, 'closing slow consumer');
  conn.disconnect(CloseCode.SLOW_CONSUMER, 'slow consumer: too many pending messages');
}
