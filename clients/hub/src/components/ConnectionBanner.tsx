/**
 * The connection state, shown only when it is not "connected": connecting, offline and retrying (with the
 * seconds until the next attempt), or closed. A polite status region, so it is announced without stealing focus.
 */
import { createEffect, createSignal, onCleanup, Show, type Accessor } from 'solid-js';
import type { ConnectionInfo } from '../chat.ts';
import { t } from '../i18n.ts';

export function ConnectionBanner(props: { connection: Accessor<ConnectionInfo> }) {
  const [now, setNow] = createSignal(Date.now());
  createEffect(() => {
    if (props.connection().state !== 'reconnecting') return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    onCleanup(() => clearInterval(timer));
  });
  const text = () => {
    const { state, retryAt } = props.connection();
    if (state === 'reconnecting') {
      const seconds = retryAt ? Math.ceil((retryAt - now()) / 1000) : 0;
      return seconds >= 2 ? t('conn.reconnectingIn', { s: seconds }) : t('conn.reconnecting');
    }
    if (state === 'closed') return t('conn.closed');
    return t('conn.connecting');
  };
  return (
    <div class="conn-region" role="status">
      <Show when={props.connection().state !== 'connected'}>
        <div class="conn-banner" data-state={props.connection().state}>
          <span class="conn-dot" aria-hidden="true" />
          <span>{text()}</span>
          <Show when={props.connection().state === 'reconnecting'}>
            <span class="conn-note">{t('conn.offlineNote')}</span>
          </Show>
        </div>
      </Show>
    </div>
  );
}
