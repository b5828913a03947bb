/**
 * @module protocols/socketio
 * Client of servers/socketio.ts: WebSocket transport only (no long-polling handshake), no reconnection (a lost
 * connection must show up in the numbers, not be papered over).
 */
import { io } from 'socket.io-client';
import { withTimeout, type Connect } from './types.ts';

export const connectSocketio: Connect = (opts) =>
  withTimeout(
    new Promise((resolve, reject) => {
      const socket = io(opts.baseUrl, { transports: ['websocket'], reconnection: false, forceNew: true });
      let joined = false;
      let closing = false;
      socket.on('connect', () => {
        socket.emit('join', opts.room, () => {
          joined = true;
          resolve({
            publish: (t) => void socket.emit('pub', t),
            close: () => {
              closing = true;
              socket.close();
            },
          });
        });
      });
      socket.on('connect_error', (err) => reject(err));
      socket.on('m', (text: string) => opts.onDelivery(text));
      socket.on('disconnect', (reason) => {
        if (!joined) reject(new Error(`disconnected before joining (${reason})`));
        else if (!closing) opts.onClose(0);
      });
    }),
    10_000,
    'socket.io connect',
  );
