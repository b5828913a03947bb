/**
 * @module engine
 * Wires the engine together. `createEngine` builds everything without I/O; `listen` binds the port; `close` is the
 * graceful shutdown: stop accepting, finish pending writes (so every acknowledged message is durable and its
 * reply sent), tell every client `disconnect` 4500, close sockets and storage.
 */
import { CloseCode } from '../../schema/index.ts';
import { registerAdminRoutes } from './admin/routes.ts';
import { RoomBotSwitches } from './admin/room-bot-switches.ts';
import type { TokenService } from './auth/tokens.ts';
import { createEngineBridge, type BotHost, type EngineBridge } from './bot-bridge.ts';
import type { CommandContext } from './commands/context.ts';
import { confirmationKey } from './confirmations/key.ts';
import { ToolConfirmations } from './confirmations/service.ts';
import type { EngineConfig } from './config.ts';
import { registerContactRoutes } from './contact/contact-routes.ts';
import { registerAuthRoutes } from './http/auth-routes.ts';
import { registerProfileRoutes } from './http/profile-routes.ts';
import { registerNotFound, registerOpsRoutes } from './http/ops-routes.ts';
import { registerStaticRoutes } from './http/static-routes.ts';
import { registerHelplineRoutes } from './safety/helplines-routes.ts';
import { SafetyService } from './safety/service.ts';
import type { Logger } from './log.ts';
import { createMetrics, type EngineMetrics } from './metrics.ts';
import { InProcessBroker, type Broker } from './rooms/broker.ts';
import { RoomHub } from './rooms/room-hub.ts';
import type { Connection } from './socket/connection.ts';
import { Dispatcher } from './socket/dispatcher.ts';
import { attachSocketIo } from './socket/socketio-server.ts';
import { createWsBehavior, sweepSlowConsumers } from './socket/ws-behavior.ts';
import { SiteOrigins } from './sites/site-origins.ts';
import { MessageWriter } from './storage/message-writer.ts';
import { createWatch } from './watch/index.ts';
import type { Store } from './storage/store.ts';
import { closeListenSocket, createApp, listen, type TemplatedApp, type us_listen_socket } from './transport/uws.ts';

const SWEEP_INTERVAL_MS = 250;
const EVICT_INTERVAL_MS = 30_000;

export interface EngineDeps {
  store: Store;
  tokens: TokenService;
  log: Logger;
  /** Defaults to the single-node in-process broker. */
  broker?: Broker;
  /** Called after storage is closed (e.g. to stop an embedded PostgreSQL). */
  onClosed?: () => Promise<void>;
  /** Attaches a bot runtime (bots/runtime); without one, rooms have no bot turns. */
  bots?: (bridge: EngineBridge) => BotHost;
  /** Extra /readyz checks (Redis when configured); each throws when not ready. */
  readinessChecks?: (() => Promise<void>)[];
  /** More Prometheus text appended to /metrics (e.g. the inference process's own metrics). */
  metricsSources?: (() => Promise<string>)[];
}

export interface Engine {
  readonly app: TemplatedApp;
  readonly metrics: EngineMetrics;
  readonly hub: RoomHub;
  /** Binds HOST:PORT (PORT 0 picks a free one) and resolves to the bound port. */
  listen(): Promise<{ port: number }>;
  /** Graceful shutdown; safe to call more than once. */
  close(reason?: string): Promise<void>;
}

export function createEngine(config: EngineConfig, deps: EngineDeps): Engine {
  const { store, tokens, log } = deps;
  const broker = deps.broker ?? new InProcessBroker();
  const app = createApp(config.tlsCertFile && config.tlsKeyFile ? { certFile: config.tlsCertFile, keyFile: config.tlsKeyFile } : undefined);
  const connections = new Set<Connection>();
  let shuttingDown = false;
  let listenSocket: us_listen_socket | undefined;
  let timers: NodeJS.Timeout[] = [];
  let closing: Promise<void> | undefined;
  let stopWatchingRooms: (() => Promise<void>) | undefined;

  // The writer needs the hub (to publish stored messages) and the metrics need the writer: late-bound closures.
  let writer: MessageWriter;
  const metrics = createMetrics({ pendingWrites: () => writer.pending, lagMs: () => writer.lagMs });
  const hub = new RoomHub(app, store, broker, config, log);
  // Live stats for `watch` (showcase and admin): the writer is late-bound like the metrics' sources.
  const watch = createWatch({ store, metrics, registry: metrics.registry, writer: () => writer, connections: () => connections.size, log });
  writer = new MessageWriter(
    store,
    { batchMax: config.writeBatchMax, queueMax: config.writeQueueMax, timeoutMs: config.writeTimeoutMs, pipelineDepth: config.writePipeline },
    (outcomes) => {
      for (const { message } of outcomes) {
        hub.publishMessage(message);
        bots?.onStored(message);
      }
      metrics.messagesStored.inc(outcomes.length);
      watch.messagesStored(outcomes.length);
    },
    log,
    { onBatch: (_size, durationMs) => metrics.persistenceBatch.observe(durationMs / 1000) },
  );

  const confirmations = new ToolConfirmations({ key: () => confirmationKey(config, log), store, ttlMs: config.confirmationTtlS * 1000 });
  // The safety layer's engine half (crisis cards from the helpline directory, risk state, events): plugins cannot bypass it.
  const safety = new SafetyService(store, config.safety, metrics.registry, log);
  // Bots an admin switched off per room (engine/src/admin): the runtime asks before routing each message.
  const switches = new RoomBotSwitches(store, log);
  const bridge = createEngineBridge(hub, writer, store, metrics.registry, log, switches);
  const bots = deps.bots?.({ ...bridge, confirmations, safety });
  const ctx: CommandContext = {
    config, store, hub, writer, tokens, metrics, log, confirmations,
    isShuttingDown: () => shuttingDown,
    cancelTurn: bots ? (room, turn) => bots.cancel(room, turn) : undefined,
    watch: watch.hub,
  };
  const dispatcher = new Dispatcher(ctx);
  app.ws('/ws', createWsBehavior({ config, log, metrics, hub, dispatcher, connections, isShuttingDown: () => shuttingDown }));
  // Partner sites of the widget: allowed origins for CORS, framing and the socket.io fallback (cached briefly).
  const siteOrigins = new SiteOrigins(() => store.sites());
  const sio = attachSocketIo(app, { config, log, metrics, hub, dispatcher, connections, isShuttingDown: () => shuttingDown, siteOrigins });
  registerAuthRoutes(app, { config, store, tokens, log, siteOrigins });
  registerProfileRoutes(app, { store, tokens, log, onProfileChanged: (userId) => bridge.forgetProfile(userId) });
  registerContactRoutes(app, { store, log, rate: { perHour: config.contactRatePerHour, burst: config.contactRateBurst } });
  registerOpsRoutes(app, { store, metrics, log, readinessChecks: deps.readinessChecks ?? [], metricsSources: deps.metricsSources ?? [] });
  registerHelplineRoutes(app, { store, tokens, log });
  registerAdminRoutes(app, { store, tokens, log, switches, botStatus: () => bots?.status?.() });
  registerStaticRoutes(app, { dir: config.clientsDir, log, frameAncestors: async (id) => (await siteOrigins.site(id))?.allowedOrigins ?? [] });
  registerNotFound(app);

  async function shutdown(reason: string): Promise<void> {
    shuttingDown = true;
    if (listenSocket) closeListenSocket(listenSocket);
    timers.forEach(clearInterval);
    timers = [];
    watch.hub.close();
    // Running bot turns end (`cancelled`), then pending sends complete (and are acknowledged) before clients go.
    await bots?.close().catch((err: unknown) => log.error({ err }, 'bot runtime did not close cleanly'));
    await writer.drain(config.shutdownGraceMs).catch((err) => log.error({ err }, 'pending writes not drained'));
    for (const conn of connections) conn.disconnect(CloseCode.SHUTTING_DOWN, reason);
    await sio.close();
    await broker.close();
    await stopWatchingRooms?.();
    await store.close();
    await deps.onClosed?.();
    log.info({ reason }, 'engine stopped');
  }

  return {
    app,
    metrics,
    hub,
    async listen() {
      stopWatchingRooms = await store.watchRoomChanges((roomId) => {
        switches.forget(roomId);
        hub.refresh(roomId).catch((err: unknown) => log.warn({ err, room: roomId }, 'could not refresh a changed room'));
      });
      // Partner origins loaded before the first request (the socket.io CORS step answers from memory).
      await siteOrigins.reload().catch((err: unknown) => log.warn({ err }, 'could not load partner sites yet'));
      const bound = await listen(app, config.host, config.port);
      listenSocket = bound.socket;
      timers.push(
        setInterval(() => sweepSlowConsumers(connections, config.backpressureLimitBytes), SWEEP_INTERVAL_MS),
        setInterval(() => hub.evictIdle(), EVICT_INTERVAL_MS),
      );
      timers.forEach((t) => t.unref());
      return { port: bound.port };
    },
    close(reason = 'server shutting down') {
      closing ??= shutdown(reason);
      return closing;
    },
  };
}
