/**
 * The message box: Enter sends, Shift+Enter adds a line (IME composition is respected); typing is reported to
 * the room (the SDK throttles it). Sending works offline too: the message waits in the outbox.
 */
import { createSignal, Show } from 'solid-js';
import { t } from '../i18n.ts';
import { SendIcon } from '../icons.tsx';
import type { RoomModel } from '../room-model.ts';

export function Composer(props: { model: RoomModel; maxChars?: number }) {
  const [text, setText] = createSignal('');
  let input!: HTMLTextAreaElement;
  const max = () => props.maxChars ?? 4000;
  const tooLong = () => text().length > max();
  const nearLimit = () => text().length > max() * 0.9;

  const resize = () => {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 200)}px`;
  };

  function send(event?: Event) {
    event?.preventDefault();
    const value = text().trim();
    if (!value || tooLong()) return;
    props.model.send(value);
    setText('');
    input.value = '';
    resize();
    input.focus();
  }

  return (
    <form class="composer" onSubmit={send}>
      <label for="composer-input" class="sr-only">{t('chat.message')}</label>
      <textarea id="composer-input" ref={input} rows="1" placeholder={t('chat.placeholder')} value={text()}
        aria-describedby="composer-hint composer-count" aria-invalid={tooLong()} aria-keyshortcuts="/"
        onInput={(e) => { setText(e.currentTarget.value); resize(); props.model.setTyping(e.currentTarget.value.length > 0); }}
        onBlur={() => props.model.setTyping(false)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && !e.altKey && !e.ctrlKey && !e.metaKey) send(e);
        }} />
      <button class="btn primary send" type="submit" aria-label={t('chat.send')} disabled={!text().trim() || tooLong()}>
        <SendIcon />
        <span class="hide-narrow">{t('chat.send')}</span>
      </button>
      <p id="composer-hint" class="sr-only">{t('chat.composerHint')}</p>
      <p id="composer-count" class="composer-count" classList={{ error: tooLong() }} aria-live="polite">
        <Show when={nearLimit()}>{tooLong() ? t('chat.tooLong', { n: max() }) : t('chat.charsLeft', { n: max() - text().length })}</Show>
      </p>
    </form>
  );
}
