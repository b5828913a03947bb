/**
 * @module inference/server
 * Entry of the inference process: `node --import tsx bots/inference/server.ts` (the launcher forks it). Settings come
 * from the environment (`config.ts`); logs are pino JSON lines on stdout. When forked with an IPC channel it reports
 * `{ kind: 'listening' }` once the socket accepts connections, and exits when its parent goes away.
 *
 * onnxruntime-node is used here only, in this one process: it crashes when used from several worker threads
 * (microsoft/onnxruntime#24486), and one process means one copy of each model in memory for every plugin.
 */
import pino from 'pino';
import { loadInferenceConfig } from './config.ts';
import { InferenceService } from './service.ts';
import { listenOnSocket, type InferenceSocketServer } from './socket-server.ts';

/** What the server tells its parent over IPC. */
export interface ServerReadyMessage {
  readonly kind: 'listening';
  readonly socketPath: string;
  readonly pid: number;
  readonly provider: InferenceService['provider'];
}

const log = pino({ level: process.env.LOG_LEVEL || 'info', base: { svc: 'inference', pid: process.pid } });

async function main(): Promise<void> {
  const config = loadInferenceConfig();
  const service = await InferenceService.create(config, log);
  const server = await listenOnSocket(service, config.socketPath, log);
  const ready: ServerReadyMessage = { kind: 'listening', socketPath: config.socketPath, pid: process.pid, provider: service.provider };
  log.info({ socket: config.socketPath, modelsDir: config.modelsDir, provider: service.provider, maxBatch: config.maxBatch, maxWaitMs: config.maxWaitMs }, 'inference service listening');
  process.send?.(ready);
  installShutdown(service, server);
}

function installShutdown(service: InferenceService, server: InferenceSocketServer): void {
  let stopping = false;
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ why }, 'inference service stopping');
    void Promise.allSettled([service.close(), server.close()]).finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  // Forked by a launcher that went away: nobody can use us any more.
  process.once('disconnect', () => stop('parent disconnected'));
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'inference service failed to start');
  process.exit(1);
});
