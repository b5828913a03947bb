/**
 * The signed-in hub: top bar, connection banner, conversation list, and the main area (one conversation, the app
 * catalogue, or a prompt to pick one). Owns the session's SDK client, the bot list, the dialogs and the global
 * keyboard shortcuts. Mobile first: below 48rem either the list or the open conversation is shown.
 */
import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import { announce } from '../announcer.tsx';
import { listBots, type BotInfo } from '../api.ts';
import { startChat } from '../chat.ts';
import { t } from '../i18n.ts';
import { navigate, route } from '../router.ts';
import type { Session } from '../session.ts';
import { Catalogue } from './Catalogue.tsx';
import { ChatView, type ChatActions } from './ChatView.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { ConversationList } from './ConversationList.tsx';
import { NewConversationDialog } from './NewConversationDialog.tsx';
import { PreferencesDialog } from './PreferencesDialog.tsx';
import { ShortcutsDialog } from './ShortcutsDialog.tsx';
import { TopBar } from './TopBar.tsx';

export function Shell(props: { session: Session; onSignOut: (reason: 'logout' | 'expired' | 'unauthorized') => void }) {
  const chat = startChat(props.session, (reason) => props.onSignOut(reason));
  onCleanup(() => chat.close());

  const [bots, { refetch: refetchBots }] = createResource<BotInfo[]>(() => listBots().catch(() => []));
  const [newOpen, setNewOpen] = createSignal(false);
  const [helpOpen, setHelpOpen] = createSignal(false);
  const [prefsOpen, setPrefsOpen] = createSignal(false);
  const [createError, setCreateError] = createSignal(false);
  const [creating, setCreating] = createSignal(false);
  let actions: ChatActions | undefined;

  const room = () => { const r = route(); return r.view === 'chat' ? r.room : undefined; };

  async function startConversation(bot: BotInfo): Promise<boolean> {
    setCreating(true);
    setCreateError(false);
    try {
      const id = await chat.client.create({ bot: bot.name });
      chat.addRoom({ room: id, title: bot.title, bots: [bot.name], lastOffset: 0, lastTs: Date.now() });
      navigate({ view: 'chat', room: id });
      void chat.refreshRooms();
      queueMicrotask(() => document.getElementById('composer-input')?.focus());
      return true;
    } catch {
      setCreateError(true);
      return false;
    } finally {
      setCreating(false);
    }
  }

  function openNew() {
    setCreateError(false);
    if (!bots.loading && (bots() ?? []).length === 0) void refetchBots();
    setNewOpen(true);
  }

  /** Alt+↑ / Alt+↓: the previous / next conversation of the list. */
  function step(delta: number) {
    const rooms = chat.roomList().rooms;
    if (rooms.length === 0) return;
    const index = rooms.findIndex((r) => r.room === room());
    const next = rooms[Math.min(rooms.length - 1, Math.max(0, index < 0 ? 0 : index + delta))]!;
    navigate({ view: 'chat', room: next.room });
  }

  const isTextField = (target: EventTarget | null) =>
    target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented || newOpen() || helpOpen() || prefsOpen()) return; // open dialogs handle their own keys (Esc closes)
    if (event.altKey && !event.ctrlKey && !event.metaKey) {
      const handled = ({
        KeyN: () => openNew(),
        ArrowUp: () => step(-1),
        ArrowDown: () => step(1),
        KeyE: () => actions?.exportAs('md'),
      } as Record<string, (() => void) | undefined>)[event.code];
      if (handled) {
        event.preventDefault();
        handled();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape' && actions?.stop()) {
      event.preventDefault();
      return;
    }
    if (isTextField(event.target)) return;
    if (event.key === '/') {
      event.preventDefault();
      actions?.focusComposer();
    } else if (event.key === '?') {
      event.preventDefault();
      setHelpOpen(true);
    }
  };
  document.addEventListener('keydown', onKeyDown);
  onCleanup(() => document.removeEventListener('keydown', onKeyDown));

  const skipToMain = (event: MouseEvent) => {
    event.preventDefault(); // a plain #main link would change the hash route
    document.getElementById('main')?.focus();
  };

  return (
    <div class="app" classList={{ 'room-open': Boolean(room()) || route().view === 'apps' }}>
      <a class="skip-link" href="#main" onClick={skipToMain}>{t('app.skip')}</a>
      <TopBar user={props.session.user} onSignOut={() => props.onSignOut('logout')} onHelp={() => setHelpOpen(true)} onPreferences={() => setPrefsOpen(true)} />
      <ConnectionBanner connection={chat.connection} />
      {/* One main landmark around list and content: on phones only one of them is shown at a time. */}
      <main id="main" class="layout" tabindex="-1">
        <div class="sidebar">
          <ConversationList chat={chat} current={room()} onNew={openNew} />
        </div>
        <div class="content">
          <Show when={route().view === 'apps'}>
            <Catalogue tier={props.session.user.tier} guest={props.session.user.roles.includes('guest')} bots={bots() ?? []} busy={creating()} onOpen={(bot) => void startConversation(bot)} />
          </Show>
          <Show when={route().view === 'chat'}>
            <Show when={room()} keyed fallback={<EmptyChat onNew={openNew} />}>
              {(id) => (
                <ChatView chat={chat} roomId={id} user={props.session.user} bots={bots() ?? []}
                  register={(a) => { actions = a; return () => { if (actions === a) actions = undefined; }; }}
                  onBack={() => navigate({ view: 'chat' })} onExported={(ok) => announce(t(ok ? 'chat.exportDone' : 'chat.exportError'))} />
              )}
            </Show>
          </Show>
        </div>
      </main>
      <NewConversationDialog open={newOpen()} bots={bots() ?? []} loading={bots.loading} busy={creating()} failed={createError()}
        onClose={() => setNewOpen(false)}
        onStart={async (bot) => { if (await startConversation(bot)) setNewOpen(false); }} />
      <ShortcutsDialog open={helpOpen()} onClose={() => setHelpOpen(false)} />
      <PreferencesDialog open={prefsOpen()} token={props.session.token} guest={props.session.user.roles.includes('guest')} onClose={() => setPrefsOpen(false)} />
    </div>
  );
}

function EmptyChat(props: { onNew: () => void }) {
  return (
    <div class="empty-chat">
      <p>{t('chat.empty')}</p>
      <button class="btn primary" type="button" onClick={() => props.onNew()}>{t('rooms.new')}</button>
    </div>
  );
}
