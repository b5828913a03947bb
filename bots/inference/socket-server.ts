/**
 * @module inference/socket-server
 * Serves an `InferenceService` on a Unix domain socket, newline-delimited JSON (see `protocol.ts`). Requests on one
 * connection are handled concurrently (that is what lets them share batches) and answered as they finish. A client
 * that sends garbage gets `BAD_INPUT` and keeps its connection; one that sends a line longer than `MAX_LINE_CHARS`
 * is answered and disconnected (the stream cannot be resynchronised). The socket file is made owner-only.
 */
import { chmod, lstat, unlink } from 'node:fs/promises';
import net from 'node:net';
import type { Logger } from 'pino';
import { LineDecoder, MAX_LINE_CHARS, encodeLine } from './protocol.ts';
import type { InferenceService } from './service.ts';

export interface InferenceSocketServer {
  readonly socketPath: string;
  close(): Promise<void>;
}

export async function listenOnSocket(service: InferenceService, socketPath: string, log: Logger): Promise<InferenceSocketServer> {
  await removeStaleSocket(socketPath);
  const connections = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections.add(socket);
    socket.setEncoding('utf8');
    const send = (message: unknown) => {
      if (socket.writable) socket.write(encodeLine(message));
    };
    const decoder = new LineDecoder(
      (line) => void service.handleLine(line).then(send),
      () => {
        send({ id: null, ok: false, error: { code: 'BAD_INPUT', message: `line longer than ${MAX_LINE_CHARS} characters; closing` } });
        socket.end();
      },
    );
    socket.on('data', (chunk: string) => decoder.write(chunk));
    // A client that vanishes mid-request is its own problem: its answers are dropped.
    socket.on('error', (error) => log.debug({ err: error }, 'inference client connection error'));
    socket.on('close', () => connections.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  await chmod(socketPath, 0o600);
  server.on('error', (error) => log.error({ err: error }, 'inference socket error'));
  return {
    socketPath,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of connections) socket.destroy();
      await closed;
      await unlink(socketPath).catch(() => {});
    },
  };
}

/** A socket file left by a process that died; refuses to remove anything that is not a socket. */
async function removeStaleSocket(socketPath: string): Promise<void> {
  const stat = await lstat(socketPath).catch(() => undefined);
  if (stat === undefined) return;
  if (!stat.isSocket()) throw new Error(`INFERENCE_SOCKET ${socketPath} exists and is not a socket`);
  await unlink(socketPath);
}
