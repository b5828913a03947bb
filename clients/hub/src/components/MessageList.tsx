/**
 * The message list: stored messages, this client's outgoing ones (with delivery state), and bot turns (a
 * streaming bubble with a Stop button; a stopped, failed or interrupted one as a local note).
 *
 * Scrolling: it sticks to the bottom while the person is there (new messages, a growing answer); scrolling near
 * the top loads the previous history page and keeps the view where it was (browser scroll anchoring is off, so
 * the offset is corrected once, by hand). A button does the same for keyboard and screen-reader users. New
 * messages are announced through the shared live region, not by making the list live (which would read every
 * streamed word and every history page).
 */
import { createEffect, For, Match, on, onCleanup, onMount, Show, Switch, type JSX } from 'solid-js';
import { CONFIRM_TEXTS, type OutgoingMessage, type StoredMessage } from '../../../sdk/src/index.ts';
import { formatDateTime, formatTime, pick, t, type MessageKey } from '../i18n.ts';
import { AlertIcon, CheckIcon, ClockIcon, FlagIcon, StopIcon } from '../icons.tsx';
import type { RoomModel } from '../room-model.ts';
import { MessageBody } from './MessageBody.tsx';
import type { ProposalActions } from './ToolProposal.tsx';

const NEAR_TOP_PX = 160;
const NEAR_BOTTOM_PX = 72;

export function MessageList(props: { model: RoomModel; userId: string; title: string }) {
  const model = props.model;
  let scroller!: HTMLDivElement;
  let content!: HTMLOListElement;
  let stick = true;
  let loading = false;

  async function loadOlder() {
    if (loading || model.atStart() || model.status() !== 'joined') return;
    loading = true;
    const height = scroller.scrollHeight;
    const top = scroller.scrollTop;
    try {
      const added = await model.loadOlder();
      // Solid has rendered the prepended rows synchronously by now, in the same task: correct before any paint.
      if (added > 0) scroller.scrollTop = top + (scroller.scrollHeight - height);
    } finally {
      loading = false;
    }
    fillViewport();
  }

  /** A first page shorter than the viewport gives nothing to scroll: load more until it scrolls or it all is. */
  function fillViewport() {
    if (!model.atStart() && model.status() === 'joined' && scroller.scrollHeight <= scroller.clientHeight + NEAR_TOP_PX) void loadOlder();
  }

  const onScroll = () => {
    stick = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < NEAR_BOTTOM_PX;
    if (scroller.scrollTop < NEAR_TOP_PX) void loadOlder();
  };

  onMount(() => {
    const observer = new ResizeObserver(() => {
      if (stick) scroller.scrollTop = scroller.scrollHeight;
      fillViewport();
    });
    observer.observe(content);
    observer.observe(scroller);
    onCleanup(() => observer.disconnect());
  });
  // A new view (first join, or a resume that could not replay) starts at the bottom.
  createEffect(on(() => model.status(), (status) => { if (status === 'joined') { stick = true; scroller.scrollTop = scroller.scrollHeight; } }));

  return (
    <div class="messages-scroller" ref={scroller} onScroll={onScroll} tabindex="0" role="region"
      aria-label={t('chat.messages', { title: props.title })} aria-busy={model.status() === 'joining' || model.loadingOlder()}>
      <div class="history-edge">
        <Switch>
          <Match when={model.status() === 'joining'}><p class="muted">{t('chat.joining')}</p></Match>
          <Match when={model.atStart()}><p class="muted history-start">{t('chat.start')}</p></Match>
          <Match when={model.loadingOlder()}><p class="muted">{t('chat.loadingOlder')}</p></Match>
          <Match when={true}>
            <button class="btn ghost" type="button" onClick={() => void loadOlder()}>{t('chat.loadOlder')}</button>
          </Match>
        </Switch>
      </div>
      <ol class="messages" ref={content}>
        <For each={model.timeline()}>
          {(key) => {
            const id = key.slice(2);
            switch (key[0]) {
              case 'm': return <StoredRow model={model} offset={Number(id)} userId={props.userId} />;
              case 'o': return <OutgoingRow model={model} msgId={id} />;
              default: return <TurnRow model={model} turnId={id} />;
            }
          }}
        </For>
      </ol>
    </div>
  );
}

function Meta(props: { ts: number; children?: JSX.Element }) {
  return (
    <p class="meta">
      <time datetime={new Date(props.ts).toISOString()} title={formatDateTime(props.ts)}>{formatTime(props.ts)}</time>
      {props.children}
    </p>
  );
}

function StoredRow(props: { model: RoomModel; offset: number; userId: string }) {
  return (
    <Show when={props.model.message(props.offset)}>
      {(message) => {
        const mine = () => message().from.id === props.userId;
        return (
          <li class="msg" classList={{ mine: mine(), bot: message().from.kind === 'bot' }} data-offset={message().offset}
            data-kind={message().body.kind ?? 'text'} data-status={mine() ? 'sent' : undefined}>
            <div class="bubble">
              <p class="sender">{mine() ? t('chat.you') : message().from.name}</p>
              <MessageBody body={message().body} actions={proposalActions(props.model)} />
              <Meta ts={message().ts}>
                <Show when={mine()}>
                  <span class="delivery"><CheckIcon /> {t('chat.sent')}</span>
                </Show>
              </Meta>
              <Annotations model={props.model} message={message()} />
            </div>
          </li>
        );
      }}
    </Show>
  );
}

/** Answers to bots' proposals: sent as `confirm` bodies, looked up among the stored messages by token. */
function proposalActions(model: RoomModel): ProposalActions {
  return {
    answerOf(token) {
      const found = model.messages().find((m) => m.body.kind === 'confirm' && (m.body.data as { token?: unknown } | undefined)?.token === token);
      if (!found) return undefined;
      return (found.body.data as { approve?: unknown }).approve === true ? 'approved' : 'cancelled';
    },
    answer(token, approve) {
      model.send({ kind: 'confirm', text: approve ? CONFIRM_TEXTS.approve : CONFIRM_TEXTS.cancel, data: { token, approve } });
    },
  };
}

function OutgoingRow(props: { model: RoomModel; msgId: string }) {
  return (
    <Show when={props.model.outgoing(props.msgId)}>
      {(out: () => OutgoingMessage) => (
        <li class="msg mine" data-status={out().status} data-msgid={out().msgId}>
          <div class="bubble">
            <p class="sender">{t('chat.you')}</p>
            <MessageBody body={out().body} />
            <Meta ts={out().createdAt}>
              <Switch>
                <Match when={out().status === 'failed'}>
                  <span class="delivery failed"><AlertIcon /> {t('chat.failed')}</span>
                  <button class="link-btn" type="button" onClick={() => props.model.retry(out().msgId)}>{t('chat.retry')}</button>
                  <button class="link-btn" type="button" onClick={() => props.model.dismiss(out().msgId)}>{t('chat.dismiss')}</button>
                </Match>
                <Match when={out().status === 'sent'}>
                  <span class="delivery"><CheckIcon /> {t('chat.sent')}</span>
                </Match>
                <Match when={true}>
                  <span class="delivery pending"><ClockIcon /> {t('chat.pending')}</span>
                </Match>
              </Switch>
            </Meta>
          </div>
        </li>
      )}
    </Show>
  );
}

function TurnRow(props: { model: RoomModel; turnId: string }) {
  return (
    <Show when={props.model.turn(props.turnId)}>
      {(bubble) => {
        const view = () => bubble().view;
        const botName = () => props.model.members().find((m) => m.id === view().bot)?.name ?? view().bot;
        const streaming = () => view().phase === 'start' || view().phase === 'delta' || view().phase === 'end';
        const errorText = () => {
          const error = view().error as { i18n?: { es?: string; en?: string } } | undefined;
          return pick(error?.i18n, t('chat.botError', { bot: botName() }));
        };
        const note = (): MessageKey | undefined =>
          view().phase === 'cancelled' ? 'chat.stopped' : view().phase === 'interrupted' ? 'chat.interrupted' : undefined;
        return (
          <li class="msg bot turn" data-turn={view().turnId} data-phase={view().phase} aria-busy={streaming()}>
            <div class="bubble">
              <p class="sender">{botName()}</p>
              <Show when={view().text || streaming()}>
                <p class="text turn-text">{view().text}<Show when={streaming()}><span class="caret" aria-hidden="true" /></Show></p>
              </Show>
              <Show when={streaming() && view().phase !== 'end'}>
                <p class="sr-only">{t('chat.streaming', { bot: botName() })}</p>
                <button class="btn stop" type="button" aria-label={t('chat.stopLabel', { bot: botName() })} aria-keyshortcuts="Escape"
                  onClick={() => void props.model.cancel(view().turnId)}>
                  <StopIcon />
                  <span>{t('chat.stop')}</span>
                </button>
              </Show>
              <Show when={note()}>
                <p class="turn-note"><AlertIcon /> {t(note()!)}</p>
              </Show>
              <Show when={view().phase === 'error'}>
                <p class="turn-note error-note"><AlertIcon /> {errorText()}</p>
              </Show>
            </div>
          </li>
        );
      }}
    </Show>
  );
}

/**
 * Annotations shown to people: the spoiler detector's (`detail.kind === 'spoiler-flags'`), which carry their own
 * display names and explanations. Other labellers' annotations (e.g. echo's "shouting") are not for people.
 */
type Bilingual = { es?: string; en?: string };
interface SpoilerDetail { kind?: string; names?: Record<string, Bilingual>; explanations?: Record<string, Bilingual>; disclaimer?: Bilingual }

function Annotations(props: { model: RoomModel; message: StoredMessage }) {
  const shown = () => props.model.annotations(props.message.offset).filter((a) =>
    (a.detail as SpoilerDetail | undefined)?.kind === 'spoiler-flags');
  return (
    <For each={shown()}>
      {(annotation) => {
        const detail = (typeof annotation.detail === 'object' && annotation.detail !== null ? annotation.detail : {}) as SpoilerDetail;
        const labels = annotation.labels;
        const name = (label: string) => pick(detail.names?.[label], label);
        const explained = labels.filter((l) => detail.explanations?.[l.label]);
        return (
          <div class="annotation" data-risk={annotation.risk}>
            <p class="annotation-line">
              <FlagIcon />
              <span class="sr-only">{t('annotation.label')}: </span>
              {labels.map((l) => name(l.label)).join(', ')}
              {' · '}
              {t('annotation.risk', { risk: t(`risk.${annotation.risk}` as MessageKey) })}
            </p>
            <Show when={explained.length > 0}>
              <details class="annotation-more">
                <summary>{t('annotation.why')}</summary>
                <ul>
                  <For each={explained}>{(l) => <li><strong>{name(l.label)}</strong>: {pick(detail.explanations![l.label])}</li>}</For>
                </ul>
                <Show when={detail.disclaimer}><p>{pick(detail.disclaimer)}</p></Show>
              </details>
            </Show>
          </div>
        );
      }}
    </For>
  );
}
