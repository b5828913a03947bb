/**
 * A TCP relay in front of the engine whose "network" a test can cut: `down()` destroys every relayed connection
 * at once (no close frame, like a dropped network: the browser sees 1006) and refuses new ones until `up()`.
 * The browser loads the hub through it, so page, API and WebSocket all share its fate.
 */
import net from 'node:net';

export interface NetSwitch {
  port: number;
  readonly isUp: boolean;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

export async function startNetSwitch(targetPort: number, host = '127.0.0.1'): Promise<NetSwitch> {
  const open = new Set<net.Socket>();
  let isUp = true;
  const server = net.createServer((client) => {
    if (!isUp) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, host);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    get isUp() { return isUp; },
    down() {
      isUp = false;
      for (const socket of open) socket.destroy();
      open.clear();
    },
    up() { isUp = true; },
    close() {
      for (const socket of open) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
