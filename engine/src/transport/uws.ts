/**
 * @module transport/uws
 * The one place that imports uWebSockets.js. The package is a CJS alias (`@trufflesuite/uws-js-unofficial`): only
 * the default import works from ESM. Without a native binary for this Node ABI it silently falls back to a slow JS
 * implementation, so we refuse to start in that case.
 */
import { readFileSync } from 'node:fs';
import uWS from 'uWebSockets.js';

export type { HttpRequest, HttpResponse, TemplatedApp, WebSocket, WebSocketBehavior, us_listen_socket } from 'uWebSockets.js';
export { uWS };

export function assertNativeUws(): void {
  if (!/native code/.test(uWS.App.toString())) {
    throw new Error('uWebSockets.js: native binary not loaded (unsupported Node ABI or libc); refusing to run on the JS fallback');
  }
}

export interface TlsFiles { certFile: string; keyFile: string }

/** A plain app, or an SSL app when certificate and key files are given (https:// and wss://). */
export function createApp(tls?: TlsFiles): uWS.TemplatedApp {
  assertNativeUws();
  if (!tls) return uWS.App();
  // Read once here so a missing or unreadable file is a clear startup error rather than a silent TLS failure.
  readFileSync(tls.certFile);
  readFileSync(tls.keyFile);
  return uWS.SSLApp({ cert_file_name: tls.certFile, key_file_name: tls.keyFile });
}

export function listen(app: uWS.TemplatedApp, host: string, port: number): Promise<{ socket: uWS.us_listen_socket; port: number }> {
  return new Promise((resolve, reject) => {
    app.listen(host, port, (socket) => {
      if (!socket) reject(new Error(`cannot listen on ${host}:${port}`));
      else resolve({ socket, port: uWS.us_socket_local_port(socket as unknown as uWS.us_socket) });
    });
  });
}

export function closeListenSocket(socket: uWS.us_listen_socket): void {
  uWS.us_listen_socket_close(socket);
}
