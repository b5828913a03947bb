/**
 * @module servers/socketio
 * Baseline: Socket.IO 4.8 with the same semantics as the bare uWS server: `join(room, ack)` puts the socket in a
 * room, `pub(text)` emits `m(text)` to everyone in that room, sender included (`io.to`, not `socket.to`).
 * WebSocket transport only, no compression: the cheapest configuration Socket.IO offers.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { exitOnStop, reportListening } from './child.ts';

const http = createServer();
const io = new Server(http, {
  transports: ['websocket'],
  perMessageDeflate: false,
  httpCompression: false,
  serveClient: false,
});

io.on('connection', (socket) => {
  let room: string | undefined;
  socket.on('join', (name: unknown, ack: unknown) => {
    if (typeof name !== 'string') return;
    room = name;
    void socket.join(name);
    if (typeof ack === 'function') ack();
  });
  socket.on('pub', (text: unknown) => {
    if (room !== undefined) io.to(room).emit('m', text);
  });
});

http.listen(0, '127.0.0.1', () => reportListening((http.address() as AddressInfo).port));

exitOnStop(() => new Promise<void>((resolve) => io.close(() => resolve())));
