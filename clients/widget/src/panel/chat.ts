/**
 * @module panel/chat
 * The panel's conversation: one SDK client (WebSocket first, the socket.io long-polling fallback when the WebSocket
 * is blocked), and one room with the site's bot, reused when the visitor already has one (a verified visitor's
 * stable guest, or an anonymous guest's stored token).
 */
import { io } from 'socket.io-client';
import {
  createClient, createFallbackTransport, createSocketIoTransport, createWebSocketTransport, localOutboxStorage,
  type ChatClient, type RoomHandle,
} from '../../../sdk/src/index.ts';
import { openSession, type GuestSession, type WidgetParams } from './session.ts';

export interface ChatHandles {
  client: ChatClient;
  room: RoomHandle;
  session: GuestSession;
}

export interface ChatOptions {
  /** Told when the WebSocket failed and the client switched to long-polling. */
  onFallback(): void;
}

export async function startChat(params: WidgetParams, options: ChatOptions): Promise<ChatHandles> {
  let session = await openSession(params);
  const origin = location.origin;
  const client = createClient({
    getToken: async (reason) => {
      if (reason === 'expired') session = await openSession(params, true);
      return session.token;
    },
    transport: createFallbackTransport(
      createWebSocketTransport({ url: `${origin.replace(/^http/, 'ws')}/ws` }),
      createSocketIoTransport({ url: origin, io: io as never }),
      { onFallback: () => options.onFallback() },
    ),
    outboxStorage: localOutboxStorage(`mentalia.widget.${params.site}.outbox`),
  });
  try {
    await client.connect();
  } catch (err) {
    // A stored anonymous token the engine no longer accepts (e.g. the guest was erased): start over once.
    if (params.visitor || (err as { code?: string }).code !== 'UNAUTHORIZED') throw err;
    session = await openSession(params, true);
    await client.connect();
  }
  const bot = session.site.bot;
  const { rooms } = await client.rooms({ limit: 50 });
  const existing = rooms.find((r) => r.bots.includes(bot));
  const roomId = existing?.room ?? (await client.create({ bot, title: session.site.name }));
  const room = client.join(roomId);
  await room.ready;
  return { client, room, session };
}
