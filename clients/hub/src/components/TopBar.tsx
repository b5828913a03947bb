/** Brand, main navigation, preferences, shortcuts help and sign-out. */
import { t } from '../i18n.ts';
import { KeyboardIcon, Logo, LogoutIcon, SlidersIcon } from '../icons.tsx';
import { route } from '../router.ts';
import type { SessionUser } from '../session.ts';
import { Preferences } from './Preferences.tsx';

export function TopBar(props: { user: SessionUser; onSignOut: () => void; onHelp: () => void; onPreferences: () => void }) {
  return (
    <header class="topbar">
      <h1 class="brand-heading">
        <a class="brand" href="#/">
          <Logo />
          <span class="brand-name">{t('app.name')}</span>
        </a>
      </h1>
      <nav class="mainnav" aria-label={t('app.mainNav')}>
        <a href="#/" aria-current={route().view === 'chat' ? 'page' : undefined}>{t('nav.chat')}</a>
        <a href="#/apps" aria-current={route().view === 'apps' ? 'page' : undefined}>{t('nav.apps')}</a>
      </nav>
      <div class="topbar-end">
        <Preferences />
        <button class="btn ghost" type="button" aria-label={t('nav.preferences')} aria-haspopup="dialog" onClick={() => props.onPreferences()}>
          <SlidersIcon />
          <span class="hide-narrow">{t('nav.preferences')}</span>
        </button>
        <button class="btn ghost icon-only" type="button" aria-label={t('nav.shortcuts')} title={t('nav.shortcuts')} aria-keyshortcuts="Shift+?" onClick={() => props.onHelp()}>
          <KeyboardIcon />
        </button>
        <span class="user-name" title={t('auth.signedInAs', { name: props.user.name })}>{props.user.name}</span>
        <button class="btn ghost" type="button" aria-label={t('auth.logout')} onClick={() => props.onSignOut()}>
          <LogoutIcon />
          <span class="hide-narrow">{t('auth.logout')}</span>
        </button>
      </div>
    </header>
  );
}
