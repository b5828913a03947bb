/**
 * The crisis-helpline directory editor (API: engine/src/safety, schema/PROTOCOL.md "Admin: helpline directory").
 * Pick a country (or add one), edit its names, emergency number, verification date and lines, save (the engine
 * validates and audits; its field-named errors are shown as they come). `_default` is what every other country
 * gets and cannot be deleted.
 */
import { createResource, createSignal, For, Index, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { HELPLINE_KINDS, type HelplineCountry, type HelplineInput, type HelplineLine } from '../api.ts';
import { useAdmin } from '../context.ts';
import { formatDateTime, lang, t, type MessageKey } from '../i18n.ts';

const DEFAULT = '_default';
const EMPTY_LINE: HelplineLine = { name: '', phone: '', url: '', hours: '', kind: 'crisis', note: '' };

interface Draft {
  country: string;
  isNew: boolean;
  nameEs: string;
  nameEn: string;
  emergency: string;
  verifiedAt: string;
  lines: HelplineLine[];
}

const toDraft = (c: HelplineCountry): Draft => ({
  country: c.country, isNew: false, nameEs: c.name.es, nameEn: c.name.en, emergency: c.emergency, verifiedAt: c.verifiedAt ?? '',
  lines: c.lines.map((l) => ({ ...EMPTY_LINE, ...l })),
});

/** The PUT body: empty optional fields are left out (the engine rejects empty phone/url/note). */
function toInput(d: Draft): HelplineInput {
  return {
    name: { es: d.nameEs.trim(), en: d.nameEn.trim() },
    emergency: d.emergency.trim(),
    verifiedAt: d.verifiedAt.trim() === '' ? null : d.verifiedAt.trim(),
    lines: d.lines.map((l) => ({
      name: l.name.trim(), hours: l.hours.trim(), kind: l.kind,
      ...(l.phone?.trim() ? { phone: l.phone.trim() } : {}),
      ...(l.url?.trim() ? { url: l.url.trim() } : {}),
      ...(l.note?.trim() ? { note: l.note.trim() } : {}),
    })),
  };
}

const countryLabel = (c: HelplineCountry) => (c.country === DEFAULT ? t('help.default') : `${c.country} · ${lang() === 'en' ? c.name.en : c.name.es}`);

export function HelplinesView() {
  const { api, fail } = useAdmin();
  const [loadError, setLoadError] = createSignal<string>();
  const [list, { refetch }] = createResource(async () => {
    try {
      setLoadError(undefined);
      return (await api.helplines()).countries;
    } catch (err) {
      setLoadError(fail(err));
      return undefined;
    }
  });
  const [draft, setDraft] = createStore<{ value?: Draft }>({});
  const [msg, setMsg] = createSignal<{ ok?: string; error?: string }>({});
  const [busy, setBusy] = createSignal(false);
  const [newCode, setNewCode] = createSignal('');

  function edit(country: HelplineCountry) {
    setMsg({});
    setDraft('value', toDraft(country));
    queueMicrotask(() => document.getElementById('help-name-es')?.focus());
  }

  function addCountry(event: SubmitEvent) {
    event.preventDefault();
    const code = newCode().trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(code)) return;
    const existing = list()?.find((c) => c.country === code);
    if (existing) return edit(existing);
    setMsg({});
    setDraft('value', { country: code, isNew: true, nameEs: '', nameEn: '', emergency: '112', verifiedAt: '', lines: [{ ...EMPTY_LINE }] });
    setNewCode('');
    queueMicrotask(() => document.getElementById('help-name-es')?.focus());
  }

  async function save(event: SubmitEvent) {
    event.preventDefault();
    const d = draft.value;
    if (!d) return;
    setBusy(true);
    setMsg({});
    try {
      const saved = (await api.putHelpline(d.country, toInput(d))).country;
      setDraft('value', toDraft(saved));
      const ok = t('help.saved', { country: saved.country });
      setMsg({ ok });
      await refetch();
    } catch (err) {
      setMsg({ error: fail(err) });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    const d = draft.value;
    if (!d || d.country === DEFAULT || !window.confirm(t('help.deleteConfirm', { country: d.country }))) return;
    setBusy(true);
    try {
      await api.deleteHelpline(d.country);
      const ok = t('help.deleted', { country: d.country });
      setDraft('value', undefined);
      setMsg({ ok });
      await refetch();
    } catch (err) {
      setMsg({ error: fail(err) });
    } finally {
      setBusy(false);
    }
  }

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft('value', key as never, value as never);
  const setLine = (i: number, key: keyof HelplineLine, value: string) => setDraft('value', 'lines', i, key, value as never);

  return (
    <section class="panel" aria-labelledby="help-title">
      <h2 id="help-title" tabindex="-1">{t('help.title')}</h2>
      <p class="muted">{t('help.intro')}</p>
      <Show when={loadError()}><p class="error" role="alert">{loadError()}</p></Show>
      <div class="split">
        <nav class="country-list" aria-labelledby="help-countries">
          <h3 id="help-countries">{t('help.countries')}</h3>
          <ul>
            <For each={list() ?? []}>
              {(c) => (
                <li>
                  <button class="country-btn" type="button" aria-current={draft.value?.country === c.country ? 'true' : undefined} onClick={() => edit(c)}>
                    <span>{countryLabel(c)}</span>
                    <span class="small muted">{c.verifiedAt ?? t('help.unverified')}</span>
                  </button>
                </li>
              )}
            </For>
          </ul>
          <form class="inline-form" onSubmit={addCountry}>
            <div class="field">
              <label for="help-new">{t('help.newCode')}</label>
              <input id="help-new" type="text" maxlength="2" autocomplete="off" value={newCode()} onInput={(e) => setNewCode(e.currentTarget.value)} />
            </div>
            <button class="btn ghost" type="submit">{t('help.add')}</button>
          </form>
        </nav>

        <div class="editor">
          <p class="ok" role="status">{msg().ok ?? ''}</p>
          <Show when={draft.value}>
            {(d) => (
              <form class="form card" onSubmit={save} aria-labelledby="help-edit-title">
                <h3 id="help-edit-title">{t('help.edit', { country: d().country === DEFAULT ? t('help.default') : d().country })}</h3>
                <Show when={!d().isNew}>
                  <p class="small muted">{t('help.updated', { date: formatDateTime(list()?.find((c) => c.country === d().country)?.updatedAt ?? Date.now()) })}</p>
                </Show>
                <div class="grid-2">
                  <div class="field">
                    <label for="help-name-es">{t('help.nameEs')}</label>
                    <input id="help-name-es" type="text" required maxlength="80" value={d().nameEs} onInput={(e) => set('nameEs', e.currentTarget.value)} />
                  </div>
                  <div class="field">
                    <label for="help-name-en">{t('help.nameEn')}</label>
                    <input id="help-name-en" type="text" required maxlength="80" value={d().nameEn} onInput={(e) => set('nameEn', e.currentTarget.value)} />
                  </div>
                  <div class="field">
                    <label for="help-emergency">{t('help.emergency')}</label>
                    <input id="help-emergency" type="tel" required maxlength="40" value={d().emergency} onInput={(e) => set('emergency', e.currentTarget.value)} />
                  </div>
                  <div class="field">
                    <label for="help-verified">{t('help.verifiedAt')}</label>
                    <input id="help-verified" type="date" value={d().verifiedAt} aria-describedby="help-verified-hint" onInput={(e) => set('verifiedAt', e.currentTarget.value)} />
                    <p id="help-verified-hint" class="hint">{t('help.verifiedHint')}</p>
                  </div>
                </div>
                <fieldset class="lines">
                  <legend>{t('help.lines')}</legend>
                  <Index each={d().lines}>
                    {(line, i) => (
                      <fieldset class="line card" data-line={i}>
                        <legend>{t('help.line', { n: i + 1 })}</legend>
                        <div class="grid-2">
                          <div class="field">
                            <label for={`line-${i}-name`}>{t('help.lineName')}</label>
                            <input id={`line-${i}-name`} type="text" required maxlength="120" value={line().name} onInput={(e) => setLine(i, 'name', e.currentTarget.value)} />
                          </div>
                          <div class="field">
                            <label for={`line-${i}-kind`}>{t('help.kind')}</label>
                            <select id={`line-${i}-kind`} value={line().kind} onChange={(e) => setLine(i, 'kind', e.currentTarget.value)}>
                              <For each={HELPLINE_KINDS}>{(k) => <option value={k}>{t(`help.kind.${k}` as MessageKey)}</option>}</For>
                            </select>
                          </div>
                          <div class="field">
                            <label for={`line-${i}-phone`}>{t('help.phone')}</label>
                            <input id={`line-${i}-phone`} type="tel" maxlength="40" value={line().phone ?? ''} onInput={(e) => setLine(i, 'phone', e.currentTarget.value)} />
                          </div>
                          <div class="field">
                            <label for={`line-${i}-url`}>{t('help.url')}</label>
                            <input id={`line-${i}-url`} type="url" maxlength="300" value={line().url ?? ''} onInput={(e) => setLine(i, 'url', e.currentTarget.value)} />
                          </div>
                          <div class="field">
                            <label for={`line-${i}-hours`}>{t('help.hours')}</label>
                            <input id={`line-${i}-hours`} type="text" required maxlength="120" value={line().hours} onInput={(e) => setLine(i, 'hours', e.currentTarget.value)} />
                          </div>
                          <div class="field">
                            <label for={`line-${i}-note`}>{t('help.note')}</label>
                            <input id={`line-${i}-note`} type="text" maxlength="300" value={line().note ?? ''} onInput={(e) => setLine(i, 'note', e.currentTarget.value)} />
                          </div>
                        </div>
                        <button class="btn ghost" type="button" disabled={d().lines.length <= 1}
                          onClick={() => setDraft('value', 'lines', produce((lines) => { lines.splice(i, 1); }))}>
                          {t('help.removeLine', { n: i + 1 })}
                        </button>
                      </fieldset>
                    )}
                  </Index>
                  <button class="btn ghost" type="button" disabled={d().lines.length >= 12}
                    onClick={() => setDraft('value', 'lines', produce((lines) => { lines.push({ ...EMPTY_LINE }); }))}>
                    {t('help.addLine')}
                  </button>
                </fieldset>
                <Show when={msg().error}><p class="error" role="alert">{msg().error}</p></Show>
                <div class="actions">
                  <button class="btn primary" type="submit" disabled={busy()}>{busy() ? t('common.saving') : t('help.save')}</button>
                  <Show when={!d().isNew && d().country !== DEFAULT}>
                    <button class="btn danger" type="button" disabled={busy()} onClick={() => void remove()}>{t('help.delete')}</button>
                  </Show>
                </div>
              </form>
            )}
          </Show>
          <Show when={!draft.value && !msg().ok && list()}>
            <p class="muted">{t('help.intro')}</p>
          </Show>
        </div>
      </div>
    </section>
  );
}
