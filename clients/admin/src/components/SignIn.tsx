/**
 * Sign-in for admins: the engine's ordinary login (`/api/auth/login`); whether the account may use this panel is
 * decided by the engine right after (`/api/admin/me`). Labels are visible, errors announced and focused.
 */
import { createSignal, Show } from 'solid-js';
import { Logo } from '../../../hub/src/icons.tsx';
import { makeSession, type Session } from '../../../hub/src/session.ts';
import { ApiError, login } from '../api.ts';
import { t, type MessageKey } from '../i18n.ts';
import { Preferences } from './Preferences.tsx';

const KNOWN_ERRORS = new Set(['UNAUTHORIZED', 'RATE_LIMITED', 'BAD_ARGS', 'NETWORK']);

export function SignIn(props: { notice?: MessageKey; onSignedIn: (session: Session) => void }) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<MessageKey>();
  let errorBox: HTMLParagraphElement | undefined;

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(undefined);
    try {
      const reply = await login(String(form.get('email') ?? '').trim(), String(form.get('password') ?? ''));
      props.onSignedIn(makeSession(reply.token, reply.user, false));
    } catch (err) {
      const code = err instanceof ApiError && KNOWN_ERRORS.has(err.code) ? err.code : 'OTHER';
      setError(`auth.error.${code}` as MessageKey);
      queueMicrotask(() => errorBox?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="auth-page">
      <header class="auth-top">
        <div class="brand"><Logo /><span class="brand-name">{t('app.name')}</span></div>
        <Preferences />
      </header>
      <main id="main" class="auth-main" tabindex="-1">
        <section class="auth-card" aria-labelledby="login-title">
          <h1 id="login-title">{t('auth.title')}</h1>
          <p class="muted">{t('auth.intro')}</p>
          <Show when={props.notice && !error()}>
            <p class="notice" role="status">{t(props.notice!)}</p>
          </Show>
          <form class="form" onSubmit={submit} aria-busy={busy()}>
            <div class="field">
              <label for="login-email">{t('auth.email')}</label>
              <input id="login-email" name="email" type="email" autocomplete="username" required />
            </div>
            <div class="field">
              <label for="login-password">{t('auth.password')}</label>
              <input id="login-password" name="password" type="password" autocomplete="current-password" required maxlength="256" />
            </div>
            <Show when={error()}>
              <p class="error" role="alert" tabindex="-1" ref={(el) => { errorBox = el; }}>{t(error()!)}</p>
            </Show>
            <button class="btn primary block" type="submit" disabled={busy()}>{busy() ? t('auth.busy') : t('auth.login')}</button>
          </form>
        </section>
      </main>
    </div>
  );
}
