/**
 * One user: details, role and tier (each saved on its own, audited by the engine), the GDPR export (downloaded as
 * a JSON file) and erasure (the button stays disabled until the admin types the user's e-mail, which the engine
 * checks again), and the admin actions recorded about this account.
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { AdminTier, AdminUser } from '../../../../schema/admin.ts';
import { useAdmin } from '../context.ts';
import { formatDateTime, t, type MessageKey } from '../i18n.ts';
import { AuditTable } from './AuditView.tsx';
import { Outcome } from './Outcome.tsx';

const TIERS: AdminTier[] = ['free', 'premium', 'professional', 'enterprise'];

function download(name: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function UserDetail(props: { id: string }) {
  const { api, fail } = useAdmin();
  const [loadError, setLoadError] = createSignal<string>();
  const [data, { refetch, mutate }] = createResource(() => props.id, async (id) => {
    try {
      setLoadError(undefined);
      return await api.user(id);
    } catch (err) {
      setLoadError(fail(err));
      return undefined;
    }
  });
  const [roleMsg, setRoleMsg] = createSignal<{ ok?: string; error?: string }>({});
  const [tierMsg, setTierMsg] = createSignal<{ ok?: string; error?: string }>({});
  const [exportMsg, setExportMsg] = createSignal<{ ok?: string; error?: string }>({});
  const [eraseMsg, setEraseMsg] = createSignal<{ ok?: string; error?: string }>({});
  const [confirm, setConfirm] = createSignal('');
  const [busy, setBusy] = createSignal<string>();

  const user = () => data()?.user;
  const changed = (next: AdminUser) => {
    mutate((prev) => (prev ? { ...prev, user: next } : prev));
    void refetch(); // the history below gains the new audit entry
  };

  async function run(name: string, action: () => Promise<string>, report: (m: { ok?: string; error?: string }) => void) {
    setBusy(name);
    report({});
    try {
      const ok = await action();
      report({ ok });
    } catch (err) {
      report({ error: fail(err) });
    } finally {
      setBusy(undefined);
    }
  }

  const saveRole = (event: SubmitEvent) => {
    event.preventDefault();
    const role = new FormData(event.currentTarget as HTMLFormElement).get('role') as 'user' | 'admin';
    void run('role', async () => {
      changed((await api.setRole(props.id, role)).user);
      return t('user.roleSaved');
    }, setRoleMsg);
  };

  const saveTier = (event: SubmitEvent) => {
    event.preventDefault();
    const tier = new FormData(event.currentTarget as HTMLFormElement).get('tier') as AdminTier;
    void run('tier', async () => {
      changed((await api.setTier(props.id, tier)).user);
      return t('user.tierSaved');
    }, setTierMsg);
  };

  const exportData = () => void run('export', async () => {
    const exported = await api.exportUser(props.id);
    download(`mentalia-export-${props.id}.json`, exported);
    void refetch();
    return t('user.exported', {
      conversations: exported.conversations.length,
      messages: exported.conversations.reduce((n, c) => n + c.messages.length, 0),
    });
  }, setExportMsg);

  const expected = () => user()?.email ?? user()?.id ?? '';
  const confirmed = () => expected() !== '' && confirm().trim().toLowerCase() === expected().toLowerCase();

  const erase = (event: SubmitEvent) => {
    event.preventDefault();
    if (!confirmed()) return;
    void run('erase', async () => {
      const result = await api.erase(props.id, confirm().trim());
      setConfirm('');
      void refetch();
      return t('user.erased', { rooms: result.shreddedRooms.length });
    }, setEraseMsg);
  };

  return (
    <section class="panel" aria-labelledby="user-title">
      <p><a href="#/users">← {t('user.back')}</a></p>
      <Show when={loadError()}><p class="error" role="alert">{loadError()}</p></Show>
      <Show when={user()} fallback={<h2 id="user-title" tabindex="-1">{data.loading ? t('common.loading') : t('users.title')}</h2>}>
        {(u) => (
          <>
            <h2 id="user-title" tabindex="-1">{t('user.title', { name: u().name })}</h2>
            <dl class="facts">
              <div><dt>{t('users.col.email')}</dt><dd class="email">{u().email ?? t('users.noEmail')}</dd></div>
              <div><dt>{t('user.id')}</dt><dd><code>{u().id}</code></dd></div>
              <div><dt>{t('users.col.roles')}</dt><dd>{u().roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')}</dd></div>
              <div><dt>{t('users.col.tier')}</dt><dd>{t(`tier.${u().tier}` as MessageKey)}</dd></div>
              <div><dt>{t('user.created')}</dt><dd>{formatDateTime(u().createdAt)}</dd></div>
              <Show when={u().erasedAt}><div><dt>{t('user.erasedAt')}</dt><dd>{formatDateTime(u().erasedAt!)}</dd></div></Show>
            </dl>

            <Show when={!u().erasedAt}>
              <div class="cards">
                <form class="card" onSubmit={saveRole} aria-labelledby="role-title">
                  <h3 id="role-title">{t('user.roleLabel')}</h3>
                  <Show when={!u().roles.includes('guest')} fallback={<p class="muted">{t('user.guestNote')}</p>}>
                    <div class="field">
                      <label for="user-role" class="sr-only">{t('user.roleLabel')}</label>
                      <select id="user-role" name="role" value={u().roles.includes('admin') ? 'admin' : 'user'} aria-describedby="user-role-hint">
                        <option value="user">{t('role.user')}</option>
                        <option value="admin">{t('role.admin')}</option>
                      </select>
                      <p id="user-role-hint" class="hint">{t('user.roleHint')}</p>
                    </div>
                    <button class="btn primary" type="submit" disabled={busy() !== undefined}>{busy() === 'role' ? t('common.saving') : t('user.saveRole')}</button>
                  </Show>
                  <Outcome {...roleMsg()} />
                </form>

                <form class="card" onSubmit={saveTier} aria-labelledby="tier-title">
                  <h3 id="tier-title">{t('user.tierLabel')}</h3>
                  <div class="field">
                    <label for="user-tier" class="sr-only">{t('user.tierLabel')}</label>
                    <select id="user-tier" name="tier" value={u().tier}>
                      <For each={TIERS}>{(tier) => <option value={tier}>{t(`tier.${tier}` as MessageKey)}</option>}</For>
                    </select>
                  </div>
                  <button class="btn primary" type="submit" disabled={busy() !== undefined}>{busy() === 'tier' ? t('common.saving') : t('user.saveTier')}</button>
                  <Outcome {...tierMsg()} />
                </form>

                <div class="card" role="group" aria-labelledby="export-title">
                  <h3 id="export-title">{t('user.export')}</h3>
                  <p class="hint" id="export-hint">{t('user.exportHint')}</p>
                  <button class="btn ghost" type="button" aria-describedby="export-hint" disabled={busy() !== undefined} onClick={exportData}>
                    {t('user.export')}
                  </button>
                  <Outcome {...exportMsg()} />
                </div>
              </div>

              <form class="card danger-zone" onSubmit={erase} aria-labelledby="erase-title">
                <h3 id="erase-title">{t('user.eraseTitle')}</h3>
                <p id="erase-hint">{t('user.eraseHint')}</p>
                <div class="field">
                  <label for="erase-confirm">{u().email ? t('user.eraseConfirm', { email: u().email! }) : t('user.eraseConfirmId', { id: u().id })}</label>
                  <input id="erase-confirm" type="text" autocomplete="off" spellcheck={false} value={confirm()}
                    onInput={(e) => setConfirm(e.currentTarget.value)} aria-describedby="erase-hint" />
                </div>
                <button class="btn danger" type="submit" disabled={!confirmed() || busy() !== undefined}>{t('user.erase')}</button>
              </form>
            </Show>
            {/* Outside the form, which goes away once the account is erased. */}
            <Outcome {...eraseMsg()} />

            <div class="history">
              <h3 id="history-title">{t('user.history')}</h3>
              <Show when={(data()?.audit.length ?? 0) > 0} fallback={<p class="muted">{t('user.noHistory')}</p>}>
                <AuditTable entries={data()!.audit} caption={t('user.history')} />
              </Show>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
