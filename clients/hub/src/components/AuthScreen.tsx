/**
 * Sign in / sign up. Labels are visible, hints are tied with aria-describedby, errors are announced (role=alert)
 * and focus moves to them; the form stays usable while a request is out.
 */
import { createSignal, Show } from 'solid-js';
import { ApiError, login, register, guest } from '../api.ts';
import { t, type MessageKey } from '../i18n.ts';
import { Logo } from '../icons.tsx';
import { makeSession, type Session } from '../session.ts';
import { Preferences } from './Preferences.tsx';

const KNOWN_ERRORS = new Set(['UNAUTHORIZED', 'CONFLICT', 'RATE_LIMITED', 'BAD_ARGS', 'NETWORK']);

export function AuthScreen(props: { notice?: MessageKey; onSignedIn: (session: Session) => void }) {
  const [mode, setMode] = createSignal<'login' | 'register'>('login');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<MessageKey>();
  const [remember, setRemember] = createSignal(false);
  let errorBox: HTMLParagraphElement | undefined;

  const switchMode = () => {
    setMode(mode() === 'login' ? 'register' : 'login');
    setError(undefined);
    queueMicrotask(() => document.getElementById(mode() === 'login' ? 'auth-email' : 'auth-name')?.focus());
  };

  async function enterAsGuest() {
    if (busy()) return;
    setBusy(true);
    setError(undefined);
    try {
      const reply = await guest();
      props.onSignedIn(makeSession(reply.token, reply.user, false));
    } catch (err) {
      const code = err instanceof ApiError && KNOWN_ERRORS.has(err.code) ? err.code : 'OTHER';
      setError(`auth.error.${code}` as MessageKey);
      queueMicrotask(() => errorBox?.focus());
    } finally {
      setBusy(false);
    }
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy()) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const name = String(form.get('name') ?? '').trim();
    setBusy(true);
    setError(undefined);
    try {
      const reply = mode() === 'login' ? await login(email, password) : await register(name, email, password);
      props.onSignedIn(makeSession(reply.token, reply.user, remember()));
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
        <div class="brand">
          <Logo />
          <span class="brand-name">{t('app.name')}</span>
        </div>
        <Preferences />
      </header>
      <main id="main" class="auth-main" tabindex="-1">
        <section class="auth-card" aria-labelledby="auth-title">
          <h1 id="auth-title">{mode() === 'login' ? t('auth.loginTitle') : t('auth.registerTitle')}</h1>
          <p class="muted">{t('auth.intro')}</p>
          <Show when={props.notice && !error()}>
            <p class="notice" role="status">{t(props.notice!)}</p>
          </Show>
          <form class="form" onSubmit={submit} aria-busy={busy()}>
            <Show when={mode() === 'register'}>
              <div class="field">
                <label for="auth-name">{t('auth.name')}</label>
                <input id="auth-name" name="name" type="text" autocomplete="name" required maxlength="80"
                  aria-describedby="auth-name-hint" />
                <p id="auth-name-hint" class="hint">{t('auth.nameHint')}</p>
              </div>
            </Show>
            <div class="field">
              <label for="auth-email">{t('auth.email')}</label>
              <input id="auth-email" name="email" type="email" autocomplete={mode() === 'login' ? 'username' : 'email'} required />
            </div>
            <div class="field">
              <label for="auth-password">{t('auth.password')}</label>
              <input id="auth-password" name="password" type="password" required minlength="8" maxlength="256"
                autocomplete={mode() === 'login' ? 'current-password' : 'new-password'} aria-describedby="auth-password-hint" />
              <p id="auth-password-hint" class="hint">{t('auth.passwordHint')}</p>
            </div>
            <div class="field-check">
              <input id="auth-remember" type="checkbox" checked={remember()} onChange={(e) => setRemember(e.currentTarget.checked)} />
              <label for="auth-remember">{t('auth.remember')}</label>
            </div>
            <Show when={error()}>
              <p class="error" role="alert" tabindex="-1" ref={(el) => { errorBox = el; }}>{t(error()!)}</p>
            </Show>
            <button class="btn primary block" type="submit" disabled={busy()}>
              {busy() ? t('auth.busy') : mode() === 'login' ? t('auth.login') : t('auth.register')}
            </button>
          </form>
          <button class="link-btn" type="button" onClick={switchMode}>
            {mode() === 'login' ? t('auth.toRegister') : t('auth.toLogin')}
          </button>
          <button class="link-btn" type="button" disabled={busy()} onClick={() => void enterAsGuest()}>{t('auth.guest')}</button>
        </section>
        <p class="tagline">{t('app.tagline')}</p>
      </main>
    </div>
  );
}
