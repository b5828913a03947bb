/**
 * @module servers/uws-bare
 * Baseline: bare uWebSockets.js pub/sub with no auth, no parsing, no storage. The first frame a socket sends is the
 * room name it joins (answered with "joined"); every later frame is published verbatim to that room with
 * `app.publish`, which (unlike `ws.publish`) includes the sender, as the engine does.
 */
import uWS from 'uWebSockets.js';
import { exitOnStop, fatal, reportListening } from './child.ts';

// The npm fork silently falls back to a slow `ws`-based implementation without a native binary: that would make the
// baseline meaningless, so refuse to run.
if (!/native code/.test(uWS.App.toString())) await fatal('uWebSockets.js: native binary not loaded');

interface SocketData {
  room: string | undefined;
}

const app = uWS.App();
app.ws<SocketData>('/*', {
  compression: uWS.DISABLED,
  maxPayloadLength: 64 * 1024,
  idleTimeout: 120,
  // Same slow-consumer allowance as the engine's default BACKPRESSURE_LIMIT_BYTES; beyond it uWS skips messages
  // for that socket, which shows up as a delivery ratio below 1.
  maxBackpressure: 1024 * 1024,
  upgrade: (res, req, context) => {
    res.upgrade<SocketData>(
      { room: undefined },
      req.getHeader('sec-websocket-key'),
      req.getHeader('sec-websocket-protocol'),
      req.getHeader('sec-websocket-extensions'),
      context,
    );
  },
  message: (ws, message, isBinary) => {
    const data = ws.getUserData();
    if (data.room === undefined) {
      data.room = Buffer.from(message).toString('utf8');
      ws.subscribe(data.room);
      ws.send('joined');
      return;
    }
    app.publish(data.room, message, isBinary);
  },
});

let listenSocket: uWS.us_listen_socket | undefined;
app.listen('127.0.0.1', 0, (token) => {
  if (!token) {
    void fatal('uWS: listen failed');
    return;
  }
  listenSocket = token;
  reportListening(uWS.us_socket_local_port(token));
});

// This uWS version has no app.close(): closing the listen socket is enough, the process exits right after.
exitOnStop(() => {
  if (listenSocket) uWS.us_listen_socket_close(listenSocket);
});
