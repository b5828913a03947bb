/**
 * The admin surface's root: sign-in, then an access check against the engine (`GET /api/admin/me`, which checks
 * the STORED role), then the shell — or a clear "no access" page for anyone who is not an admin. The session is
 * the hub's (same storage), so an admin signed in to the hub is signed in here too.
 */
import { createEffect, createResource, createSignal, Match, Switch } from 'solid-js';
import { clearSession, loadSession, saveSession, type Session } from '../../hub/src/session.ts';
import { ApiError, adminApi } from './api.ts';
import { NoAccess } from './components/NoAccess.tsx';
import { Shell } from './components/Shell.tsx';
import { SignIn } from './components/SignIn.tsx';
import { Admin, errorText } from './context.ts';
import type { AdminUser } from '../../../schema/admin.ts';
import { lang, t, type MessageKey } from './i18n.ts';

export function App() {
  const [session, setSession] = createSignal<Session | undefined>(loadSession());
  const [notice, setNotice] = createSignal<MessageKey>();
  const [denied, setDenied] = createSignal(false);

  createEffect(() => {
    document.documentElement.lang = lang();
    document.title = t('app.name');
  });

  const [access] = createResource(session, async (current) => {
    setDenied(false);
    try {
      return { ok: true as const, me: (await adminApi(current.token).me()).user };
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) signOut('expired');
      else if (err instanceof ApiError && err.status === 403) setDenied(true);
      return { ok: false as const, error: errorText(err) };
    }
  });

  function signedIn(next: Session) {
    saveSession(next);
    setNotice(undefined);
    setSession(next);
  }

  function signOut(reason: 'logout' | 'expired') {
    clearSession();
    setNotice(reason === 'expired' ? 'auth.expired' : undefined);
    setDenied(false);
    setSession(undefined);
    queueMicrotask(() => document.getElementById('login-email')?.focus());
  }

  return (
    <>
      <Switch>
        <Match when={!session()}>
          <SignIn notice={notice()} onSignedIn={signedIn} />
        </Match>
        <Match when={denied()}>
          <NoAccess user={session()!.user} onSignOut={() => signOut('logout')} />
        </Match>
        <Match when={access.loading || !access()}>
          <p class="admin-checking" role="status">{t('auth.checking')}</p>
        </Match>
        <Match when={access()?.ok === false}>
          <main id="main" class="admin-checking">
            <p class="error" role="alert">{(access() as { error: string }).error}</p>
            <button class="btn ghost" type="button" onClick={() => signOut('logout')}>{t('auth.logout')}</button>
          </main>
        </Match>
        <Match when={access()?.ok === true && access()} keyed>
          {(ok) => {
            const current = session()!;
            const api = adminApi(current.token);
            const fail = (err: unknown) => {
              if (err instanceof ApiError && err.status === 401) signOut('expired');
              else if (err instanceof ApiError && err.status === 403) setDenied(true);
              return errorText(err);
            };
            return (
              <Admin.Provider value={{ session: current, me: (ok as { me: AdminUser }).me, api, fail }}>
                <Shell onSignOut={() => signOut('logout')} />
              </Admin.Provider>
            );
          }}
        </Match>
      </Switch>
    </>
  );
}
