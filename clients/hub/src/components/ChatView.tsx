/**
 * One conversation: header (title, participants with presence, export), the message list with history paging,
 * who is typing, and the composer. Registers the shortcut actions (stop, export, focus) with the shell.
 */
import { createSignal, For, onCleanup, Show } from 'solid-js';
import type { BotInfo } from '../api.ts';
import type { ChatSession } from '../chat.ts';
import { download, fetchWholeConversation, fileName, toJson, toMarkdown } from '../export.ts';
import { formatDateTime, t } from '../i18n.ts';
import { BackIcon, DownloadIcon } from '../icons.tsx';
import { createRoomModel } from '../room-model.ts';
import type { SessionUser } from '../session.ts';
import { announce } from '../announcer.tsx';
import { Composer } from './Composer.tsx';
import { MessageList } from './MessageList.tsx';

export interface ChatActions {
  /** Stops the streaming answers; false when nothing was streaming. */
  stop(): boolean;
  exportAs(format: 'md' | 'json'): void;
  focusComposer(): void;
}

const PAGE_SIZE = 30;

export function ChatView(props: {
  chat: ChatSession;
  roomId: string;
  user: SessionUser;
  bots: BotInfo[];
  register: (actions: ChatActions) => () => void;
  onBack: () => void;
  onExported: (ok: boolean) => void;
}) {
  const model = createRoomModel(props.chat.client, props.roomId, {
    pageSize: PAGE_SIZE,
    onMessage: (message) => {
      props.chat.touchRoom(props.roomId, message.ts, message.offset);
      if (message.from.id !== props.user.id) announce(`${message.from.name}: ${message.body.text}`);
    },
  });
  onCleanup(() => model.dispose());

  // Opened from a link or another device: the list may not have it yet.
  if (!props.chat.roomList().loading && !props.chat.roomList().rooms.some((r) => r.room === props.roomId)) void props.chat.refreshRooms();
  const title = () => props.chat.roomList().rooms.find((r) => r.room === props.roomId)?.title
    ?? model.members().find((m) => m.kind === 'bot')?.name ?? '…';
  const others = () => model.members().filter((m) => m.id !== props.user.id);
  const [exporting, setExporting] = createSignal(false);
  let menu: HTMLDetailsElement | undefined;

  async function exportAs(format: 'md' | 'json') {
    if (exporting()) return;
    if (menu) menu.open = false;
    setExporting(true);
    announce(t('chat.exporting'));
    try {
      const messages = await fetchWholeConversation(props.chat.client, props.roomId, model.messages());
      if (format === 'md') {
        const text = toMarkdown(messages, {
          title: title(), exportedAt: formatDateTime(Date.now()), you: t('chat.you'), userId: props.user.id, formatTs: formatDateTime,
        });
        download(fileName(title(), 'md'), text, 'text/markdown;charset=utf-8');
      } else {
        download(fileName(title(), 'json'), toJson(props.roomId, title(), messages), 'application/json');
      }
      props.onExported(true);
    } catch {
      props.onExported(false);
    } finally {
      setExporting(false);
    }
  }

  const unregister = props.register({
    stop: () => {
      const running = model.streaming();
      for (const turn of running) void model.cancel(turn.turnId);
      return running.length > 0;
    },
    exportAs: (format) => void exportAs(format),
    focusComposer: () => document.getElementById('composer-input')?.focus(),
  });
  onCleanup(unregister);

  const typingText = () => {
    const names = model.typing().map((u) => u.name);
    if (names.length === 0) return '';
    return names.length === 1 ? t('chat.typingOne', { name: names[0]! }) : t('chat.typingMany', { names: names.join(', ') });
  };

  return (
    <section class="chat" aria-labelledby="chat-title">
      <header class="chat-head">
        <button class="btn ghost icon-only back" type="button" aria-label={t('chat.back')} onClick={() => props.onBack()}>
          <BackIcon />
        </button>
        <div class="chat-title-box">
          <h2 id="chat-title" class="chat-title">{title()}</h2>
          <Show when={others().length > 0}>
            <ul class="presence" aria-label={t('chat.members')}>
              <For each={others()}>
                {(member) => (
                  <li class="member" data-online={member.online ? 'yes' : 'no'}>
                    <span class="presence-dot" aria-hidden="true" />
                    {member.name}
                    <span class="sr-only">, </span>
                    <span class="member-state">{member.kind === 'bot' ? `${t('chat.bot')} · ` : ''}{member.online ? t('chat.online') : t('chat.offline')}</span>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
        <details class="menu" ref={menu}>
          <summary class="btn ghost" aria-label={t('chat.export')} aria-keyshortcuts="Alt+E">
            <DownloadIcon />
            <span class="hide-narrow">{t('chat.export')}</span>
          </summary>
          <div class="menu-list">
            <button class="btn ghost block" type="button" disabled={exporting()} onClick={() => void exportAs('md')}>{t('chat.exportMd')}</button>
            <button class="btn ghost block" type="button" disabled={exporting()} onClick={() => void exportAs('json')}>{t('chat.exportJson')}</button>
          </div>
        </details>
      </header>
      <Show when={model.status() !== 'failed'} fallback={<p class="error chat-error" role="alert">{t('chat.notFound')}</p>}>
        <MessageList model={model} userId={props.user.id} title={title()} />
        <p class="typing" aria-live="polite">{typingText()}</p>
        <Composer model={model} maxChars={props.chat.client.limits?.maxTextChars} />
      </Show>
    </section>
  );
}
