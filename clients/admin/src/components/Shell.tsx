/** The signed-in layout: top bar with the sections, and the current section in the one `main` landmark. */
import { createEffect, Match, on, Switch } from 'solid-js';
import { Logo, LogoutIcon } from '../../../hub/src/icons.tsx';
import { useAdmin } from '../context.ts';
import { t, type MessageKey } from '../i18n.ts';
import { route, type View } from '../router.ts';
import { AuditView } from './AuditView.tsx';
import { BotsView } from './BotsView.tsx';
import { HelplinesView } from './HelplinesView.tsx';
import { LiveView } from './LiveView.tsx';
import { Preferences } from './Preferences.tsx';
import { UserDetail } from './UserDetail.tsx';
import { UsersView } from './UsersView.tsx';

const SECTIONS: { view: View; label: MessageKey }[] = [
  { view: 'users', label: 'nav.users' },
  { view: 'bots', label: 'nav.bots' },
  { view: 'live', label: 'nav.live' },
  { view: 'helplines', label: 'nav.helplines' },
  { view: 'audit', label: 'nav.audit' },
];

export function Shell(props: { onSignOut: () => void }) {
  const { me } = useAdmin();
  let main: HTMLElement | undefined;
  // A new section moves focus to its heading region, so keyboard and screen-reader users land on it.
  createEffect(on(() => route().view, () => queueMicrotask(() => main?.querySelector<HTMLElement>('h2')?.focus()), { defer: true }));

  return (
    <div class="app admin">
      {/* Hash routes own the URL fragment: the skip link moves focus itself instead of navigating to #main. */}
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); main?.focus(); }}>{t('app.skip')}</a>
      <header class="topbar">
        <h1 class="brand-heading">
          <a class="brand" href="#/users"><Logo /><span class="brand-name">{t('app.name')}</span></a>
        </h1>
        <nav class="mainnav admin-nav" aria-label={t('app.mainNav')}>
          {SECTIONS.map((s) => (
            <a href={`#/${s.view}`} aria-current={route().view === s.view ? 'page' : undefined}>{t(s.label)}</a>
          ))}
        </nav>
        <div class="topbar-end">
          <Preferences />
          <span class="user-name">{me.name}</span>
          <button class="btn ghost" type="button" aria-label={t('auth.logout')} onClick={() => props.onSignOut()}>
            <LogoutIcon /><span class="hide-narrow">{t('auth.logout')}</span>
          </button>
        </div>
      </header>
      <main id="main" class="admin-main" tabindex="-1" ref={(el) => { main = el; }}>
        <Switch>
          <Match when={route().view === 'users' && (route() as { user?: string }).user} keyed>
            {(id) => <UserDetail id={id} />}
          </Match>
          <Match when={route().view === 'users'}><UsersView /></Match>
          <Match when={route().view === 'bots'}><BotsView /></Match>
          <Match when={route().view === 'live'}><LiveView /></Match>
          <Match when={route().view === 'helplines'}><HelplinesView /></Match>
          <Match when={route().view === 'audit'}><AuditView /></Match>
        </Switch>
      </main>
    </div>
  );
}
