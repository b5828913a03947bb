/**
 * The audit log: newest first, filtered by action (exact, or a prefix ending in `*`) and actor, paged with
 * "load more". The details are what the engine recorded (ids and counts, never message text).
 */
import { createSignal, For, Show, onMount } from 'solid-js';
import type { AuditRow } from '../../../../schema/admin.ts';
import { useAdmin } from '../context.ts';
import { formatDateTime, t } from '../i18n.ts';

const PAGE = 50;

export function AuditTable(props: { entries: AuditRow[]; caption: string }) {
  return (
    <div class="table-wrap" tabindex="0" role="region" aria-label={props.caption}>
      <table class="data audit">
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.col.when')}</th>
            <th scope="col">{t('audit.col.action')}</th>
            <th scope="col">{t('audit.col.actor')}</th>
            <th scope="col">{t('audit.col.target')}</th>
            <th scope="col">{t('audit.col.detail')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.entries}>
            {(entry) => (
              <tr data-action={entry.action}>
                <td>{formatDateTime(entry.ts)}</td>
                <th scope="row"><code>{entry.action}</code></th>
                <td><code class="id">{entry.actorId ?? t('audit.system')}</code></td>
                <td><code class="id">{entry.target}</code></td>
                <td><code class="detail">{entry.detail ? JSON.stringify(entry.detail) : ''}</code></td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

export function AuditView() {
  const { api, fail } = useAdmin();
  const [entries, setEntries] = createSignal<AuditRow[]>([]);
  const [next, setNext] = createSignal<number>();
  const [filters, setFilters] = createSignal<{ action?: string; actor?: string }>({});
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal<string>();

  async function load(more: boolean) {
    setLoading(true);
    setError(undefined);
    try {
      const page = await api.audit({ ...filters(), limit: PAGE, ...(more && next() !== undefined ? { before: next() } : {}) });
      setEntries(more ? [...entries(), ...page.entries] : page.entries);
      setNext(page.next);
    } catch (err) {
      setError(fail(err));
    } finally {
      setLoading(false);
    }
  }

  onMount(() => void load(false));

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const action = String(form.get('action') ?? '').trim();
    const actor = String(form.get('actor') ?? '').trim();
    setFilters({ ...(action ? { action } : {}), ...(actor ? { actor } : {}) });
    void load(false);
  }

  return (
    <section class="panel" aria-labelledby="audit-title">
      <h2 id="audit-title" tabindex="-1">{t('audit.title')}</h2>
      <form class="search-form" role="search" onSubmit={submit}>
        <div class="field grow">
          <label for="audit-action">{t('audit.action')}</label>
          <input id="audit-action" name="action" type="text" maxlength="80" aria-describedby="audit-action-hint" autocomplete="off" />
          <p id="audit-action-hint" class="hint">{t('audit.actionHint')}</p>
        </div>
        <div class="field grow">
          <label for="audit-actor">{t('audit.actor')}</label>
          <input id="audit-actor" name="actor" type="text" maxlength="80" autocomplete="off" />
        </div>
        <button class="btn primary" type="submit">{t('audit.filter')}</button>
      </form>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
      <div aria-busy={loading()}>
        <Show when={entries().length > 0} fallback={<p class="muted" role="status">{loading() ? t('common.loading') : t('audit.empty')}</p>}>
          <AuditTable entries={entries()} caption={t('audit.entries')} />
        </Show>
        <Show when={next() !== undefined}>
          <div class="pager"><button class="btn ghost" type="button" disabled={loading()} onClick={() => void load(true)}>{t('common.more')}</button></div>
        </Show>
      </div>
    </section>
  );
}
