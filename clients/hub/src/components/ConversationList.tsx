/** The person's conversations, most recent first, with paging; the current one is marked aria-current. */
import { For, Show } from 'solid-js';
import type { ChatSession } from '../chat.ts';
import { formatRelative, t } from '../i18n.ts';
import { PlusIcon } from '../icons.tsx';
import { hrefOf } from '../router.ts';

export function ConversationList(props: { chat: ChatSession; current?: string; onNew: () => void }) {
  const list = () => props.chat.roomList();
  return (
    <section class="rooms">
      <div class="rooms-head">
        <h2 id="rooms-heading">{t('rooms.title')}</h2>
        <button class="btn primary" type="button" onClick={() => props.onNew()} aria-keyshortcuts="Alt+N">
          <PlusIcon />
          <span>{t('rooms.new')}</span>
        </button>
      </div>
      <Show when={list().failed}>
        <p class="error" role="alert">
          {t('rooms.error')}{' '}
          <button class="link-btn" type="button" onClick={() => void props.chat.refreshRooms()}>{t('rooms.retry')}</button>
        </p>
      </Show>
      <Show when={list().rooms.length > 0} fallback={
        <p class="muted rooms-empty" role="status">{list().loading ? t('rooms.loading') : list().failed ? '' : t('rooms.empty')}</p>
      }>
        <nav aria-labelledby="rooms-heading">
          <ul class="room-list">
            <For each={list().rooms}>
              {(room) => (
                <li>
                  <a class="room-link" href={hrefOf({ view: 'chat', room: room.room })} aria-current={props.current === room.room ? 'page' : undefined}>
                    <span class="room-title">{room.title}</span>
                    <Show when={room.lastTs > 0}>
                      <time class="room-time" datetime={new Date(room.lastTs).toISOString()}>{formatRelative(room.lastTs)}</time>
                    </Show>
                  </a>
                </li>
              )}
            </For>
          </ul>
        </nav>
      </Show>
      <Show when={list().next}>
        <button class="btn ghost block" type="button" disabled={list().loading} onClick={() => void props.chat.loadMoreRooms()}>{t('rooms.more')}</button>
      </Show>
    </section>
  );
}
