/**
 * @module panel/App
 * The widget panel: a header (site name, connection state, language, close), the conversation with the site's bot
 * (stored messages, the streaming reply, pending sends) and a composer. Mobile first: it fills the iframe the loader
 * sized for the screen.
 */
import { For, Show, createSignal, onCleanup, onMount } from 'solid-js';
import type { ConnectionState, OutgoingMessage, RoomHandle, StoredMessage, TurnView } from '../../../sdk/src/index.ts';
import { startChat, type ChatHandles } from './chat.ts';
import { errorText, lang, setLang, t } from './i18n.ts';
import type { WidgetParams } from './session.ts';

export function App(props: { params: WidgetParams }) {
  const [handles, setHandles] = createSignal<ChatHandles>();
  const [failure, setFailure] = createSignal<string>();
  const [state, setState] = createSignal<ConnectionState>('connecting');
  const [polling, setPolling] = createSignal(false);
  const [messages, setMessages] = createSignal<readonly StoredMessage[]>([]);
  const [turns, setTurns] = createSignal<TurnView[]>([]);
  const [pending, setPending] = createSignal<OutgoingMessage[]>([]);
  const [draft, setDraft] = createSignal('');
  let list: HTMLOListElement | undefined;
  let input: HTMLTextAreaElement | undefined;

  const scrollToEnd = () => queueMicrotask(() => list?.lastElementChild?.scrollIntoView({ block: 'end' }));

  const sync = (room: RoomHandle) => {
    setMessages(room.messages);
    setTurns(room.turns.filter((turn) => turn.phase === 'start' || turn.phase === 'delta'));
    setPending(room.pending.filter((m) => m.status !== 'sent'));
    scrollToEnd();
  };

  const open = async () => {
    setFailure(undefined);
    try {
      const started = await startChat(props.params, { onFallback: () => setPolling(true) });
      const { client, room } = started;
      setState(client.state);
      client.on('state', ({ to }) => setState(to));
      for (const event of ['message', 'reset', 'older', 'turn', 'outbox'] as const) room.on(event, () => sync(room));
      sync(room);
      setHandles(started);
      // Opened by the launcher, which moved focus into the frame: the composer is where the visitor starts.
      if (document.hasFocus()) input?.focus();
    } catch (err) {
      setFailure(errorText((err as { code?: string }).code));
    }
  };

  const close = () => window.parent.postMessage({ type: 'mentalia:close' }, '*');
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') close();
  };
  onMount(() => {
    addEventListener('keydown', onKey);
    // The loader tells the panel when it is shown again: put the cursor back in the composer.
    addEventListener('message', (event) => {
      if (event.source === window.parent && (event.data as { type?: string; open?: boolean })?.type === 'mentalia:visibility' && event.data.open) input?.focus();
    });
    void open();
  });
  onCleanup(() => {
    removeEventListener('keydown', onKey);
    handles()?.client.close();
  });

  const submit = (event: Event) => {
    event.preventDefault();
    const text = draft().trim();
    const room = handles()?.room;
    if (!text || !room) return;
    room.send(text);
    setDraft('');
    sync(room);
    input?.focus();
  };

  const statusText = () => {
    const s = state();
    if (s === 'connected') return polling() ? t('status.polling') : t('status.connected');
    if (s === 'reconnecting') return t('status.reconnecting');
    if (s === 'closed') return t('status.closed');
    return t('status.connecting');
  };
  const mine = (m: StoredMessage) => m.from.id === handles()?.session.user.id;

  return (
    <div class="panel" data-state={state()} data-transport={polling() ? 'polling' : 'websocket'}>
      <header class="head">
        <div class="head-text">
          <h1>{handles()?.session.site.name ?? t('panel.title')}</h1>
          <p class="status" role="status" title={polling() ? t('status.pollingHint') : undefined}>
            <span class="dot" aria-hidden="true" /> {statusText()}
          </p>
        </div>
        <button type="button" class="ghost" lang={lang() === 'es' ? 'en' : 'es'} title={t('panel.langSwitchLabel')} onClick={() => setLang(lang() === 'es' ? 'en' : 'es')}>
          {t('panel.langSwitch')}
        </button>
        <button type="button" class="icon" aria-label={t('panel.close')} onClick={close}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <path d="M6 6l12 12M18 6L6 18" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" fill="none" />
          </svg>
        </button>
      </header>

      <main class="body">
        <Show when={failure()}>
          <div class="failure" role="alert">
            <p>{failure()}</p>
            <button type="button" class="primary" onClick={() => void open()}>{t('error.retry')}</button>
          </div>
        </Show>
        <Show when={!failure()}>
          <div role="log" aria-live="polite" aria-label={t('panel.messages')}>
          <ol class="messages" ref={list}>
            <Show when={messages().length === 0 && pending().length === 0 && handles()}>
              <li class="empty">{t('panel.empty')}</li>
            </Show>
            <For each={messages()}>
              {(m) => (
                <li class={`msg ${mine(m) ? 'mine' : 'theirs'}`} data-offset={m.offset}>
                  <span class="who">{mine(m) ? t('panel.you') : m.from.name}</span>
                  <p class="text">{m.body.text}</p>
                </li>
              )}
            </For>
            <For each={turns()}>
              {(turn) => (
                <li class="msg theirs streaming" aria-busy="true">
                  <span class="who">{turn.bot} · {t('panel.botWriting')}</span>
                  <p class="text">{turn.text}</p>
                </li>
              )}
            </For>
            <For each={pending()}>
              {(m) => (
                <li class={`msg mine ${m.status}`}>
                  <span class="who">{m.status === 'failed' ? t('panel.failed') : t('panel.pending')}</span>
                  <p class="text">{m.body.text}</p>
                </li>
              )}
            </For>
          </ol>
          </div>
        </Show>
      </main>

      <footer class="foot">
        <form class="composer" onSubmit={submit}>
          <label for="composer-input" class="visually-hidden">{t('composer.label')}</label>
          <textarea
            id="composer-input"
            ref={input}
            rows="1"
            maxLength={4000}
            placeholder={t('composer.placeholder')}
            value={draft()}
            disabled={!handles()}
            onInput={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) submit(e);
            }}
          />
          <button type="submit" class="primary" disabled={!handles() || draft().trim() === ''}>{t('composer.send')}</button>
        </form>
        <p class="privacy">{t('panel.privacy')}</p>
      </footer>
    </div>
  );
}
