/**
 * @module rooms/broker
 * The seam between nodes. Everything that must reach a room's members goes through `Broker.publish`; each node
 * registers one handler that delivers events to its own sockets. The in-process broker calls that handler directly
 * (single node, the embedded default); a Redis broker (scale-out) carries the same events between nodes.
 *
 * Contract: events of one room reach every node's handler in the order they were published; a node only needs
 * events of rooms it `watch`es (rooms with local subscribers or state).
 */
import type { Push, StoredMessage } from '../../../schema/protocol.ts';

export type RoomEvent =
  /** A durably stored message; nodes update their recovery cache and push it. */
  | { kind: 'message'; message: StoredMessage }
  /**
   * Any other push for the room's subscribers (presence, typing, turn, annotation); with `to`, only for that member's
   * sockets (e.g. a private annotation for the author of a message in a shared room).
   */
  | { kind: 'push'; push: Push; to?: string };

export type RoomEventHandler = (room: string, event: RoomEvent) => void;

export interface Broker {
  publish(room: string, event: RoomEvent): void;
  /** Sets this node's delivery handler (one per node). */
  onEvent(handler: RoomEventHandler): void;
  /** This node wants events of `room` from now on. */
  watch(room: string): void;
  unwatch(room: string): void;
  close(): Promise<void>;
}

/** Single-node broker: delivery is a synchronous call, so ordering is the publish order. */
export class InProcessBroker implements Broker {
  private handler: RoomEventHandler = () => undefined;

  publish(room: string, event: RoomEvent): void {
    this.handler(room, event);
  }
  onEvent(handler: RoomEventHandler): void {
    this.handler = handler;
  }
  watch(): void {}
  unwatch(): void {}
  async close(): Promise<void> {}
}
