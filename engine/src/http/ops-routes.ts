/** @module http/ops-routes — GET /api/bots, /healthz, /readyz, /metrics and the JSON 404 for everything else. */
import type { BotInfo } from '../../../schema/protocol.ts';
import type { Logger } from '../log.ts';
import type { EngineMetrics } from '../metrics.ts';
import type { Store } from '../storage/store.ts';
import type { TemplatedApp } from '../transport/uws.ts';
import { reply, send, sendError, sendJson } from './json.ts';

export interface OpsRouteDeps {
  store: Store;
  metrics: EngineMetrics;
  log: Logger;
  /** Extra readiness checks (e.g. Redis when configured); each throws when not ready. */
  readinessChecks?: (() => Promise<void>)[];
  /** Other processes' Prometheus text, appended (a failing source is skipped, not fatal). */
  metricsSources?: (() => Promise<string>)[];
}

export function registerOpsRoutes(app: TemplatedApp, deps: OpsRouteDeps): void {
  const { store, metrics, log } = deps;

  app.get('/api/bots', (res) => {
    const r = reply(res);
    store.listBots().then(
      (bots) => sendJson(r, 200, bots.filter((b) => b.enabled).map(({ name, title, description, version, category, capabilities }): BotInfo =>
        ({ name, title, description, version, category, capabilities }))),
      (err) => sendError(r, err, log),
    );
  });

  app.get('/healthz', (res) => sendJson(reply(res), 200, { status: 'ok' }));

  app.get('/readyz', (res) => {
    const r = reply(res);
    Promise.all([store.ping(), ...(deps.readinessChecks ?? []).map((check) => check())]).then(
      () => sendJson(r, 200, { status: 'ready' }),
      () => sendJson(r, 503, { status: 'unavailable' }),
    );
  });

  app.get('/metrics', (res) => {
    const r = reply(res);
    const extra = (deps.metricsSources ?? []).map((source) => source().catch(() => ''));
    Promise.all([metrics.registry.metrics(), ...extra]).then(
      (texts) => send(r, 200, texts.filter(Boolean).join('\n'), metrics.registry.contentType),
      (err) => sendError(r, err, log),
    );
  });
}

/** Registered last: any route not matched above. */
export function registerNotFound(app: TemplatedApp): void {
  app.any('/*', (res) => sendJson(reply(res), 404, { error: { code: 'NOT_FOUND', message: 'no such route' } }));
}
