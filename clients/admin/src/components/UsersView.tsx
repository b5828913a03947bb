/**
 * Users: search by e-mail or name prefix (or a whole id), filter by role, paged. Each row links to the user's
 * page. The last search is kept while the app is open, so coming back from a user shows the same page.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { AdminRole } from '../../../../schema/admin.ts';
import { useAdmin } from '../context.ts';
import { formatDateTime, t, type MessageKey } from '../i18n.ts';

const PAGE = 20;
const ROLES: AdminRole[] = ['user', 'guest', 'admin'];
const [search, setSearch] = createSignal<{ q: string; role: AdminRole | ''; offset: number }>({ q: '', role: '', offset: 0 });

export function UsersView() {
  const { api, fail } = useAdmin();
  const [error, setError] = createSignal<string>();
  const [page] = createResource(search, async (query) => {
    setError(undefined);
    try {
      return await api.users({ ...query, limit: PAGE });
    } catch (err) {
      setError(fail(err));
      return undefined;
    }
  });

  function submit(event: SubmitEvent) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setSearch({ q: String(form.get('q') ?? '').trim(), role: String(form.get('role') ?? '') as AdminRole | '', offset: 0 });
  }

  return (
    <section class="panel" aria-labelledby="users-title">
      <h2 id="users-title" tabindex="-1">{t('users.title')}</h2>
      <form class="search-form" role="search" onSubmit={submit}>
        <div class="field grow">
          <label for="users-q">{t('users.search')}</label>
          <input id="users-q" name="q" type="search" value={search().q} maxlength="254" aria-describedby="users-q-hint" autocomplete="off" />
          <p id="users-q-hint" class="hint">{t('users.searchHint')}</p>
        </div>
        <div class="field">
          <label for="users-role">{t('users.role')}</label>
          <select id="users-role" name="role" value={search().role}>
            <option value="">{t('users.anyRole')}</option>
            <For each={ROLES}>{(r) => <option value={r}>{t(`role.${r}` as MessageKey)}</option>}</For>
          </select>
        </div>
        <button class="btn primary" type="submit">{t('users.submit')}</button>
      </form>

      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
      <div aria-live="polite" aria-busy={page.loading}>
        <Show when={page()} fallback={<p class="muted">{page.loading ? t('common.loading') : ''}</p>}>
          {(result) => (
            <>
              <p class="muted" role="status">
                {result().total === 0 ? t('users.empty') : t('users.count', {
                  from: result().offset + 1, to: result().offset + result().users.length, total: result().total,
                })}
              </p>
              <Show when={result().users.length > 0}>
                <div class="table-wrap" tabindex="0" role="region" aria-label={t('users.results')}>
                  <table class="data">
                    <caption class="sr-only">{t('users.results')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('users.col.name')}</th>
                        <th scope="col">{t('users.col.email')}</th>
                        <th scope="col">{t('users.col.roles')}</th>
                        <th scope="col">{t('users.col.tier')}</th>
                        <th scope="col">{t('users.col.created')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={result().users}>
                        {(u) => (
                          <tr data-user={u.id}>
                            <th scope="row">
                              <a href={`#/users/${u.id}`} aria-label={t('users.open', { name: u.name })}>{u.name}</a>
                              <Show when={u.erasedAt}><span class="badge badge-muted">{t('users.erased')}</span></Show>
                            </th>
                            <td class="email">{u.email ?? <span class="muted">{t('users.noEmail')}</span>}</td>
                            <td>{u.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')}</td>
                            <td>{t(`tier.${u.tier}` as MessageKey)}</td>
                            <td>{formatDateTime(u.createdAt)}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
              <div class="pager">
                <button class="btn ghost" type="button" disabled={result().offset === 0}
                  onClick={() => setSearch({ ...search(), offset: Math.max(0, result().offset - PAGE) })}>{t('common.prev')}</button>
                <button class="btn ghost" type="button" disabled={result().offset + result().users.length >= result().total}
                  onClick={() => setSearch({ ...search(), offset: result().offset + PAGE })}>{t('common.next')}</button>
              </div>
            </>
          )}
        </Show>
      </div>
    </section>
  );
}
