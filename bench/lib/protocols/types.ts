/**
 * @module protocols/types
 * What the load generator needs from a server: open a connection that joins one room, publish text to that room,
 * and hear every delivery in it. One adapter per server speaks its wire protocol behind this interface.
 */

export interface ConnectOptions {
  /** http://127.0.0.1:PORT of the server. */
  baseUrl: string;
  room: string;
  /** Engine only: the JWT to authenticate with. */
  token: string | undefined;
  /** The text of every message delivered in the room (the connection's own publishes included). */
  onDelivery(text: string): void;
  /** The server refused a publish (engine error reply): the generator frees that in-flight slot. */
  onSendFailed(): void;
  /** The connection closed without `close()` being called. */
  onClose(code: number): void;
}

export interface BenchConnection {
  /** Fire-and-forget publish to the connection's room. */
  publish(text: string): void;
  close(): void;
}

/** Resolves once the connection is open and joined (ready to publish and receive). */
export type Connect = (opts: ConnectOptions) => Promise<BenchConnection>;

export const wsUrl = (baseUrl: string, pathname: string): string => {
  const url = new URL(pathname, baseUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
};

/** Rejects after `ms` unless `promise` settles first: every setup step in the bench is bounded in time. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
