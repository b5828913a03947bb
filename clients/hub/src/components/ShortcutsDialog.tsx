/** The keyboard shortcuts, in a native modal dialog (focus trapped, Esc closes, focus returns). */
import { createEffect, For } from 'solid-js';
import { t, type MessageKey } from '../i18n.ts';

const SHORTCUTS: readonly (readonly [string[], MessageKey])[] = [
  [['Alt', 'N'], 'shortcuts.new'],
  [['Alt', '↑ / ↓'], 'shortcuts.prevNext'],
  [['/'], 'shortcuts.focus'],
  [['Intro / Enter'], 'shortcuts.send'],
  [['Mayús / Shift', 'Intro / Enter'], 'shortcuts.newline'],
  [['Esc'], 'shortcuts.stop'],
  [['Alt', 'E'], 'shortcuts.export'],
  [['?'], 'shortcuts.help'],
];

export function ShortcutsDialog(props: { open: boolean; onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  createEffect(() => {
    if (props.open && !dialog.open) dialog.showModal();
    else if (!props.open && dialog.open) dialog.close();
  });
  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="shortcuts-title" onClose={() => props.onClose()}>
      <h2 id="shortcuts-title">{t('shortcuts.title')}</h2>
      <dl class="shortcuts">
        <For each={SHORTCUTS}>
          {([keys, label]) => (
            <div class="shortcut">
              <dt><For each={keys}>{(key, i) => <>{i() > 0 ? ' + ' : ''}<kbd>{key}</kbd></>}</For></dt>
              <dd>{t(label)}</dd>
            </div>
          )}
        </For>
      </dl>
      <div class="dialog-actions">
        <button class="btn primary" type="button" onClick={() => props.onClose()}>{t('shortcuts.close')}</button>
      </div>
    </dialog>
  );
}
