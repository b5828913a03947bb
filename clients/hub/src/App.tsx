/**
 * The hub's root: the sign-in screen, or the signed-in shell (one SDK client per session). Keeps <html lang> in
 * step with the language switch.
 */
import { createEffect, createSignal, Show } from 'solid-js';
import { Announcer } from './announcer.tsx';
import { outboxKey } from './chat.ts';
import { AuthScreen } from './components/AuthScreen.tsx';
import { Shell } from './components/Shell.tsx';
import { lang, t, type MessageKey } from './i18n.ts';
import { clearSession, loadSession, saveSession, type Session } from './session.ts';
import { writeStored } from './storage.ts';

export function App() {
  const [session, setSession] = createSignal<Session | undefined>(loadSession());
  const [notice, setNotice] = createSignal<MessageKey>();

  createEffect(() => {
    document.documentElement.lang = lang();
    document.title = t('app.name');
  });

  function signedIn(next: Session) {
    saveSession(next);
    setNotice(undefined);
    setSession(next);
  }

  function signedOut(reason: 'logout' | 'expired' | 'unauthorized') {
    const current = session();
    clearSession();
    // Signing out on purpose also forgets unsent messages on this device; an expiry keeps them for next time.
    if (reason === 'logout' && current) {
      writeStored(outboxKey(current.user.id), undefined, 'local');
      writeStored(outboxKey(current.user.id), undefined, 'session');
    }
    setNotice(reason === 'logout' ? undefined : 'auth.expired');
    setSession(undefined);
    queueMicrotask(() => document.getElementById('auth-email')?.focus());
  }

  return (
    <>
      <Show when={session()} keyed fallback={<AuthScreen notice={notice()} onSignedIn={signedIn} />}>
        {(current) => <Shell session={current} onSignOut={signedOut} />}
      </Show>
      <Announcer />
    </>
  );
}
