/**
 * Preferences: how bots should talk to this person (GET/PATCH /api/me/profile). Language of the answers, country
 * (which also picks the crisis helplines the safety layer shows), communication flags and sensory sensitivities.
 * A native modal dialog like "Nueva conversación": focus goes in and is trapped, Esc closes, focus returns to the
 * opener. Values are loaded each time it opens; Save sends only what changed.
 *
 * The saved/error messages live INSIDE the dialog (role=status / role=alert): while a modal dialog is open the rest
 * of the page, the hub's announcer included, is inert, so screen readers would not hear it.
 */
import { createEffect, createSignal, For, Show } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import { ApiError } from '../api.ts';
import { lang, t, type MessageKey } from '../i18n.ts';
import { COMMUNICATION_FLAGS, getProfile, patchProfile, SENSORY_TOPICS, type UserProfile } from '../profile-api.ts';
import { formFromProfile, HELPLINE_COUNTRIES, profilePatch, type ProfileForm } from '../profile-form.ts';

/** Codes the API answers with that have their own plain-language text; anything else reads as `OTHER`. */
const ERROR_TEXTS: Record<string, MessageKey> = {
  UNAUTHORIZED: 'profile.error.UNAUTHORIZED',
  BAD_ARGS: 'profile.error.BAD_ARGS',
  RATE_LIMITED: 'profile.error.RATE_LIMITED',
  UNAVAILABLE: 'profile.error.UNAVAILABLE',
  NETWORK: 'profile.error.NETWORK',
};
const errorKey = (err: unknown): MessageKey => ERROR_TEXTS[err instanceof ApiError ? err.code : ''] ?? 'profile.error.OTHER';

/** The country's name in the current language (Intl), or its code where the browser has no name. */
function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([lang()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function PreferencesDialog(props: { open: boolean; token: string; guest: boolean; onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  const [phase, setPhase] = createSignal<'loading' | 'ready' | 'load-error'>('loading');
  const [saved, setSaved] = createSignal<UserProfile>({});
  const [form, setForm] = createStore<ProfileForm>(formFromProfile({}));
  const [saving, setSaving] = createSignal(false);
  const [status, setStatus] = createSignal<MessageKey>();
  const [error, setError] = createSignal<{ key: MessageKey; keptChanges: boolean }>();
  const [countryInvalid, setCountryInvalid] = createSignal(false);
  let loadSeq = 0;

  async function load() {
    const seq = ++loadSeq;
    const focusAtStart = document.activeElement;
    setPhase('loading');
    setError(undefined);
    try {
      const profile = await getProfile(props.token);
      if (seq !== loadSeq) return;
      setSaved(profile);
      setForm(reconcile(formFromProfile(profile)));
      setPhase('ready');
      // Put the focus on the first choice, unless the person already moved it while the values loaded.
      if (document.activeElement === focusAtStart) queueMicrotask(() => dialog.querySelector<HTMLInputElement>('input')?.focus());
    } catch (err) {
      if (seq !== loadSeq) return;
      setError({ key: errorKey(err), keptChanges: false });
      setPhase('load-error');
    }
  }

  createEffect(() => {
    if (props.open && !dialog.open) {
      setStatus(undefined);
      setCountryInvalid(false);
      dialog.showModal();
      void load();
    } else if (!props.open && dialog.open) {
      dialog.close();
    }
  });

  /** Any edit makes an earlier "saved" or error message stale. */
  function edit<K extends keyof ProfileForm>(key: K, value: ProfileForm[K]): void;
  function edit(key: 'communication' | 'sensory', value: boolean, item: string): void;
  function edit(key: keyof ProfileForm, value: unknown, item?: string): void {
    if (item !== undefined) setForm(key as 'communication', item as 'literal', value as boolean);
    else setForm(key, value as never);
    setStatus(undefined);
    setError(undefined);
    if (key === 'country' || key === 'otherCountry') setCountryInvalid(false);
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    if (saving() || phase() !== 'ready') return;
    const patch = profilePatch(saved(), form);
    if (patch === 'invalid-country') {
      setCountryInvalid(true);
      document.getElementById('profile-other-country')?.focus();
      return;
    }
    setError(undefined);
    setStatus(undefined);
    if (Object.keys(patch).length === 0) {
      setStatus('profile.unchanged');
      return;
    }
    setSaving(true);
    try {
      const profile = await patchProfile(props.token, patch);
      setSaved(profile);
      setForm(reconcile(formFromProfile(profile)));
      setStatus('profile.saved');
    } catch (err) {
      setError({ key: errorKey(err), keptChanges: true });
    } finally {
      setSaving(false);
    }
  }

  return (
    <dialog ref={dialog} class="dialog prefs-dialog" aria-labelledby="prefs-title" aria-describedby="prefs-intro" onClose={() => { loadSeq++; props.onClose(); }}>
      <form onSubmit={save} novalidate>
        <h2 id="prefs-title">{t('profile.title')}</h2>
        <p id="prefs-intro" class="muted">{t('profile.intro')}</p>
        <Show when={props.guest}>
          <p class="notice prefs-guest">{t('profile.guest')}</p>
        </Show>

        <Show when={phase() === 'loading'}>
          <p class="prefs-loading" role="status">{t('profile.loading')}</p>
        </Show>

        <Show when={phase() === 'ready'}>
          <fieldset class="prefs-group">
            <legend>{t('profile.language')}</legend>
            <p class="hint" id="prefs-language-hint">{t('profile.languageHint')}</p>
            <div class="prefs-choices prefs-inline">
              <For each={[['', 'profile.languageNone'], ['es', 'profile.languageEs'], ['en', 'profile.languageEn']] as const}>
                {([value, label]) => (
                  <label class="prefs-check">
                    <input type="radio" name="profile-language" value={value} checked={form.language === value}
                      aria-describedby="prefs-language-hint" onChange={() => edit('language', value)} />
                    <span lang={value || undefined}>{t(label)}</span>
                  </label>
                )}
              </For>
            </div>
          </fieldset>

          <div class="field prefs-group">
            <label for="profile-country">{t('profile.country')}</label>
            <p class="hint" id="prefs-country-hint">{t('profile.countryHint')}</p>
            <select id="profile-country" class="prefs-select" aria-describedby="prefs-country-hint" value={form.country}
              onChange={(e) => edit('country', e.currentTarget.value as ProfileForm['country'])}>
              <option value="">{t('profile.countryNone')}</option>
              <For each={HELPLINE_COUNTRIES}>{(code) => <option value={code}>{countryName(code)}</option>}</For>
              <option value="other">{t('profile.countryOther')}</option>
            </select>
            <Show when={form.country === 'other'}>
              <label for="profile-other-country">{t('profile.countryCode')}</label>
              <input id="profile-other-country" class="prefs-code" type="text" inputmode="text" autocomplete="country"
                maxlength="2" value={form.otherCountry} aria-invalid={countryInvalid() ? 'true' : undefined}
                aria-describedby={countryInvalid() ? 'prefs-code-error prefs-code-hint' : 'prefs-code-hint'}
                onInput={(e) => edit('otherCountry', e.currentTarget.value)} />
              <p class="hint" id="prefs-code-hint">{t('profile.countryCodeHint')}</p>
              <Show when={countryInvalid()}>
                <p class="error" id="prefs-code-error" role="alert">{t('profile.countryCodeInvalid')}</p>
              </Show>
            </Show>
          </div>

          <fieldset class="prefs-group">
            <legend>{t('profile.communication')}</legend>
            <div class="prefs-choices">
              <For each={COMMUNICATION_FLAGS}>
                {(flag) => (
                  <label class="prefs-check">
                    <input type="checkbox" name={`profile-${flag}`} checked={form.communication[flag]}
                      aria-describedby={`prefs-comm-${flag}`} onChange={(e) => edit('communication', e.currentTarget.checked, flag)} />
                    <span class="prefs-check-text">
                      <span class="prefs-check-label">{t(`profile.comm.${flag}`)}</span>
                      <span class="hint" id={`prefs-comm-${flag}`}>{t(`profile.comm.${flag}Hint`)}</span>
                    </span>
                  </label>
                )}
              </For>
            </div>
          </fieldset>

          <fieldset class="prefs-group" aria-describedby="prefs-sensory-hint">
            <legend>{t('profile.sensory')}</legend>
            <p class="hint" id="prefs-sensory-hint">{t('profile.sensoryHint')}</p>
            <div class="prefs-choices prefs-grid">
              <For each={SENSORY_TOPICS}>
                {(topic) => (
                  <label class="prefs-check">
                    <input type="checkbox" name={`profile-sense-${topic}`} checked={form.sensory[topic]}
                      onChange={(e) => edit('sensory', e.currentTarget.checked, topic)} />
                    <span>{t(`profile.sense.${topic}`)}</span>
                  </label>
                )}
              </For>
            </div>
          </fieldset>
        </Show>

        {/* Sticky under the scrolling choices: the outcome shows next to the Save button that caused it. */}
        <div class="prefs-footer">
          {/* Always in the DOM, so a polite live region exists before its text changes. */}
          <p class="prefs-status" role="status">
            <Show when={status()}>{(key) => t(key())}</Show>
          </p>
          <Show when={error()}>
            {(err) => (
              <div class="prefs-error" role="alert">
                <p class="error">
                  {phase() === 'load-error' ? `${t('profile.loadError')} ` : ''}{t(err().key)}{err().keptChanges ? ` ${t('profile.keptChanges')}` : ''}
                </p>
                <Show when={phase() === 'load-error'}>
                  <button class="btn ghost" type="button" onClick={() => void load()}>{t('profile.retry')}</button>
                </Show>
              </div>
            )}
          </Show>

          <div class="dialog-actions">
            <button class="btn ghost" type="button" onClick={() => props.onClose()}>{t('profile.close')}</button>
            <button class="btn primary" type="submit" disabled={phase() !== 'ready'} aria-disabled={saving() ? 'true' : undefined}>
              {saving() ? t('profile.saving') : t('profile.save')}
            </button>
          </div>
        </div>
      </form>
    </dialog>
  );
}
