/**
 * @module protocols/uws
 * Client of servers/uws-bare.ts: the first text frame is the room to join (answered "joined"), every later frame
 * is a publish; every frame received after the join is a delivery.
 */
import WebSocket from 'ws';
import { withTimeout, wsUrl, type Connect } from './types.ts';

export const connectUws: Connect = (opts) =>
  withTimeout(
    new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl(opts.baseUrl, '/'), { perMessageDeflate: false });
      let joined = false;
      let closing = false;
      ws.on('open', () => ws.send(opts.room));
      ws.on('error', (err) => {
        if (!joined) reject(err);
      });
      ws.on('message', (data) => {
        const text = data.toString();
        if (joined) {
          opts.onDelivery(text);
        } else if (text === 'joined') {
          joined = true;
          resolve({
            publish: (t) => ws.send(t),
            close: () => {
              closing = true;
              ws.close();
            },
          });
        }
      });
      ws.on('close', (code) => {
        if (!joined) reject(new Error(`closed before joining (${code})`));
        else if (!closing) opts.onClose(code);
      });
    }),
    10_000,
    'uws connect',
  );
