/** What a signed-in person who is not an admin sees: a plain statement, a way back to the hub, and sign-out. */
import { onMount } from 'solid-js';
import { Logo } from '../../../hub/src/icons.tsx';
import type { SessionUser } from '../../../hub/src/session.ts';
import { t } from '../i18n.ts';
import { Preferences } from './Preferences.tsx';

export function NoAccess(props: { user: SessionUser; onSignOut: () => void }) {
  let heading: HTMLHeadingElement | undefined;
  onMount(() => heading?.focus());
  return (
    <div class="auth-page">
      <header class="auth-top">
        <div class="brand"><Logo /><span class="brand-name">{t('app.name')}</span></div>
        <Preferences />
      </header>
      <main id="main" class="auth-main">
        <section class="auth-card no-access" aria-labelledby="no-access-title">
          <h1 id="no-access-title" tabindex="-1" ref={(el) => { heading = el; }}>{t('noAccess.title')}</h1>
          <p role="alert">{t('noAccess.body', { email: props.user.email ?? props.user.name })}</p>
          <div class="actions">
            <a class="btn primary" href="/">{t('noAccess.hub')}</a>
            <button class="btn ghost" type="button" onClick={() => props.onSignOut()}>{t('auth.logout')}</button>
          </div>
        </section>
      </main>
    </div>
  );
}
