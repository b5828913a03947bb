/**
 * Bots and plugins: what the runtime reports (kinds, processes, the configuration with its secrets redacted by the
 * engine), turn statistics over the last hour and day (turns, errors, error rate, latency p50/p95), and a switch
 * per conversation (the bot stops answering there and people are told why).
 */
import { createResource, createSignal, For, Index, Show } from 'solid-js';
import type { AdminBot, RoomBotSwitch, TurnStats } from '../../../../schema/admin.ts';
import { useAdmin } from '../context.ts';
import { formatDateTime, formatMs, formatNumber, formatPercent, t } from '../i18n.ts';
import { Outcome } from './Outcome.tsx';

const ROOM_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function StatsTable(props: { bot: AdminBot }) {
  const row = (label: string, s: TurnStats) => (
    <tr>
      <th scope="row">{label}</th>
      <td data-stat="turns">{formatNumber(s.turns)}</td>
      <td data-stat="errors">{formatNumber(s.errors)}</td>
      <td data-stat="errorRate">{formatPercent(s.errorRate)}</td>
      <td data-stat="p50">{formatMs(s.p50Ms)}</td>
      <td data-stat="p95">{formatMs(s.p95Ms)}</td>
      <td>{formatMs(s.firstDeltaP50Ms)}</td>
    </tr>
  );
  return (
    <div class="table-wrap" tabindex="0" role="region" aria-label={t('bots.stats', { name: props.bot.title })}>
      <table class="data stats">
        <caption class="sr-only">{t('bots.stats', { name: props.bot.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bots.window')}</th>
            <th scope="col">{t('bots.turns')}</th>
            <th scope="col">{t('bots.errors')}</th>
            <th scope="col">{t('bots.errorRate')}</th>
            <th scope="col">{t('bots.p50')}</th>
            <th scope="col">{t('bots.p95')}</th>
            <th scope="col">{t('bots.firstDelta')}</th>
          </tr>
        </thead>
        <tbody>
          {row(t('bots.hour'), props.bot.stats.hour)}
          {row(t('bots.day'), props.bot.stats.day)}
        </tbody>
      </table>
    </div>
  );
}

function RoomSwitch(props: { bot: AdminBot; onChanged: () => void }) {
  const { api, fail } = useAdmin();
  const [room, setRoom] = createSignal('');
  const [msg, setMsg] = createSignal<{ ok?: string; error?: string }>({});
  const [busy, setBusy] = createSignal(false);
  const [rooms, setRooms] = createSignal<RoomBotSwitch[]>();
  const id = `switch-${props.bot.name}`;

  async function loadRooms() {
    try {
      setRooms((await api.botRooms(props.bot.name)).rooms);
    } catch (err) {
      setMsg({ error: fail(err) });
    }
  }

  async function flip(roomId: string, enabled: boolean) {
    setBusy(true);
    setMsg({});
    try {
      await api.switchBot(props.bot.name, roomId, enabled);
      const ok = t(enabled ? 'bots.enabledOk' : 'bots.disabledOk', { bot: props.bot.title, room: roomId });
      setMsg({ ok });
      props.onChanged();
      if (rooms()) await loadRooms();
    } catch (err) {
      setMsg({ error: fail(err) });
    } finally {
      setBusy(false);
    }
  }

  const valid = () => ROOM_ID.test(room().trim());
  const submit = (enabled: boolean) => (event: Event) => {
    event.preventDefault();
    if (valid()) void flip(room().trim().toLowerCase(), enabled);
  };

  return (
    <div class="room-switch" role="group" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('bots.rooms')}</h4>
      <Show when={!props.bot.runtime?.safetyLayer} fallback={<p class="muted">{t('bots.safetyLocked')}</p>}>
        <form class="inline-form" onSubmit={submit(false)}>
          <div class="field grow">
            <label for={`${id}-room`}>{t('bots.roomId')}</label>
            <input id={`${id}-room`} type="text" inputmode="text" autocomplete="off" spellcheck={false} value={room()}
              onInput={(e) => setRoom(e.currentTarget.value)} aria-describedby={`${id}-hint`} maxlength="36" />
            <p id={`${id}-hint`} class="hint">{t('bots.roomHint')}</p>
          </div>
          <div class="actions">
            <button class="btn danger" type="submit" disabled={busy() || !valid()}>{t('bots.disable')}</button>
            <button class="btn ghost" type="button" disabled={busy() || !valid()} onClick={submit(true)}>{t('bots.enable')}</button>
          </div>
        </form>
      </Show>
      <Outcome {...msg()} />
      <Show when={props.bot.disabledRooms > 0}>
        <details onToggle={(e) => { if (e.currentTarget.open) void loadRooms(); }}>
          <summary>{t('bots.disabledIn', { count: props.bot.disabledRooms })}</summary>
          <ul class="plain-list" aria-label={t('bots.disabledList')}>
            <For each={rooms() ?? []}>
              {(r) => (
                <li>
                  <code class="id">{r.roomId}</code> <span class="muted small">{formatDateTime(r.disabledAt)}</span>{' '}
                  <button class="btn ghost small-btn" type="button" disabled={busy()} onClick={() => void flip(r.roomId, true)}>
                    {t('bots.enable')}<span class="sr-only"> {r.roomId}</span>
                  </button>
                </li>
              )}
            </For>
          </ul>
        </details>
      </Show>
    </div>
  );
}

export function BotsView() {
  const { api, fail } = useAdmin();
  const [error, setError] = createSignal<string>();
  const [data, { refetch }] = createResource(async () => {
    try {
      setError(undefined);
      return await api.bots();
    } catch (err) {
      setError(fail(err));
      return undefined;
    }
  });

  return (
    <section class="panel" aria-labelledby="bots-title">
      <h2 id="bots-title" tabindex="-1">{t('bots.title')}</h2>
      <Show when={error()}><p class="error" role="alert">{error()}</p></Show>
      <Show when={data()} fallback={<p class="muted">{t('common.loading')}</p>}>
        {(reply) => (
          <>
            <Show when={!reply().runtime}><p class="notice">{t('bots.noRuntime')}</p></Show>
            <Show when={reply().bots.length > 0} fallback={<p class="muted">{t('bots.empty')}</p>}>
              <ul class="bot-list">
                <Index each={reply().bots}>
                  {(bot) => (
                    <li>
                      <article class="card bot-card" data-bot={bot().name} aria-labelledby={`bot-${bot().name}`}>
                        <header class="bot-head">
                          <h3 id={`bot-${bot().name}`}>{bot().title} <code class="small">{bot().name}</code></h3>
                          <p class="muted small">{bot().version ? t('bots.version', { version: bot().version! }) : ''}</p>
                          <ul class="badges" aria-label={bot().title}>
                            <For each={bot().runtime?.kinds ?? []}>{(k) => <li class="badge">{t(`bots.kind.${k}`)}</li>}</For>
                            <Show when={bot().runtime?.safetyLayer}><li class="badge badge-safety">{t('bots.safety')}</li></Show>
                            <li class="badge badge-muted">{bot().listed ? t('bots.listed') : t('bots.notListed')}</li>
                            <Show when={!bot().runtime && reply().runtime}><li class="badge badge-muted">{t('bots.notInstalled')}</li></Show>
                          </ul>
                        </header>
                        <Show when={bot().runtime?.process}>
                          {(p) => <p class="small" data-process>{t('bots.process', { ...p() })}</p>}
                        </Show>
                        <StatsTable bot={bot()} />
                        <Show when={bot().runtime}>
                          {(rt) => (
                            <details class="config">
                              <summary>{t('bots.config')}</summary>
                              <pre tabindex="0" aria-label={t('bots.config')}><code>{JSON.stringify(rt().config, null, 2)}</code></pre>
                              <Show when={rt().secretKeys.length > 0}>
                                <p class="small muted">{t('bots.secretKeys', { keys: rt().secretKeys.join(', ') })}</p>
                              </Show>
                            </details>
                          )}
                        </Show>
                        <RoomSwitch bot={bot()} onChanged={() => void refetch()} />
                      </article>
                    </li>
                  )}
                </Index>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
