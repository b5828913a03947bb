/**
 * @module generator
 * A load-generator process (forked by bench/run.ts): opens its share of connections through the server's adapter,
 * runs the phases it is told to run (lib/load.ts) and sends the counts and the encoded latency histogram back over
 * IPC. It exits when told to stop or when the orchestrator goes away.
 */
import { nowMs } from './clock.ts';
import type { FromGenerator, GenInit, ToGenerator } from './ipc.ts';
import { LoadDriver, type LoadConn } from './load.ts';
import { CONNECTORS } from './protocols/index.ts';

const CONNECT_CONCURRENCY = 50;

let driver: LoadDriver | undefined;
let conns: LoadConn[] = [];

function send(msg: FromGenerator): void {
  if (process.send && process.connected) process.send(msg);
}

function die(message: string): void {
  if (process.send && process.connected) process.send({ t: 'fatal', message } satisfies FromGenerator, () => process.exit(1));
  else process.exit(1);
}

function shutdown(): void {
  for (const c of conns) c.link.close();
  // Give close frames a moment to leave; the process must end either way.
  setTimeout(() => process.exit(0), 300).unref();
}

async function init(msg: GenInit): Promise<void> {
  const connect = CONNECTORS[msg.server];
  const started = nowMs();
  const opened: LoadConn[] = [];
  const d = new LoadDriver(opened, msg.payload);
  let failures = 0;
  let firstError = '';
  for (let start = 0; start < msg.conns.length; start += CONNECT_CONCURRENCY) {
    const batch = msg.conns.slice(start, start + CONNECT_CONCURRENCY).map(async (spec, k) => {
      const conn: LoadConn = {
        key: `${msg.genIndex}.${start + k}`,
        link: { publish: () => undefined, close: () => undefined },
        open: true,
        inflight: 0,
        lastProgressMs: 0,
      };
      try {
        conn.link = await connect({
          baseUrl: msg.baseUrl,
          room: spec.room,
          token: spec.token,
          onDelivery: (text) => d.onDelivery(conn, text),
          onSendFailed: () => d.onSendFailed(conn),
          onClose: () => d.onClose(conn),
        });
        opened.push(conn);
      } catch (err) {
        failures++;
        firstError ||= (err as Error).message;
      }
    });
    await Promise.all(batch);
  }
  conns = opened;
  driver = d;
  if (failures > 0) {
    die(`generator ${msg.genIndex}: ${failures}/${msg.conns.length} connections failed; first: ${firstError}`);
    return;
  }
  send({ t: 'ready', connected: opened.length, connectMs: Math.round(nowMs() - started) });
}

process.on('message', (raw: unknown) => {
  const msg = raw as ToGenerator;
  if (msg.t === 'init') {
    init(msg).catch((err: unknown) => die(`init: ${(err as Error).message}`));
  } else if (msg.t === 'phase') {
    if (!driver) return die('phase before init');
    driver.run(msg).then(send, (err: unknown) => die(`phase ${msg.phase}: ${(err as Error).message}`));
  } else if (msg.t === 'stop') {
    shutdown();
  }
});
process.on('disconnect', () => process.exit(0));
process.on('uncaughtException', (err) => die(`uncaught: ${err.stack ?? err.message}`));
