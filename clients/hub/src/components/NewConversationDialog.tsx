/**
 * New conversation: pick a bot (radio group with each bot's description) and start. A native modal dialog:
 * focus goes in and is trapped, Esc cancels, focus returns to the opener.
 */
import { createEffect, createSignal, For, Show } from 'solid-js';
import type { BotInfo } from '../api.ts';
import { t } from '../i18n.ts';

export function NewConversationDialog(props: {
  open: boolean;
  bots: BotInfo[];
  loading: boolean;
  busy: boolean;
  failed: boolean;
  onClose: () => void;
  onStart: (bot: BotInfo) => void;
}) {
  let dialog!: HTMLDialogElement;
  const [selected, setSelected] = createSignal<string>();
  createEffect(() => {
    if (props.open && !dialog.open) {
      if (!props.bots.some((b) => b.name === selected())) setSelected(props.bots[0]?.name);
      dialog.showModal();
    } else if (!props.open && dialog.open) {
      dialog.close();
    }
  });
  createEffect(() => {
    if (props.open && selected() === undefined && props.bots.length > 0) setSelected(props.bots[0]!.name);
  });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const bot = props.bots.find((b) => b.name === selected());
    if (bot && !props.busy) props.onStart(bot);
  };

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="new-title" onClose={() => props.onClose()}>
      <form onSubmit={submit}>
        <h2 id="new-title">{t('new.title')}</h2>
        <Show when={props.bots.length > 0} fallback={<p role="status">{props.loading ? t('new.loading') : t('new.none')}</p>}>
          <fieldset class="bot-picker">
            <legend>{t('new.pick')}</legend>
            <For each={props.bots}>
              {(bot) => (
                <label class="bot-option">
                  <input type="radio" name="bot" value={bot.name} checked={selected() === bot.name}
                    aria-labelledby={`bot-title-${bot.name}`} aria-describedby={`bot-desc-${bot.name}`} onChange={() => setSelected(bot.name)} />
                  <span class="bot-text">
                    <span class="bot-title" id={`bot-title-${bot.name}`}>{bot.title}</span>
                    <span class="bot-desc" id={`bot-desc-${bot.name}`}>{bot.description}</span>
                  </span>
                </label>
              )}
            </For>
          </fieldset>
        </Show>
        <Show when={props.failed}>
          <p class="error" role="alert">{t('new.error')}</p>
        </Show>
        <div class="dialog-actions">
          <button class="btn ghost" type="button" onClick={() => props.onClose()}>{t('new.cancel')}</button>
          <button class="btn primary" type="submit" disabled={!selected() || props.busy}>{t('new.start')}</button>
        </div>
      </form>
    </dialog>
  );
}
