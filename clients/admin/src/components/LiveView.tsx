/**
 * The live engine view: connections, messages per second, write queue depth, persistence lag, bot turns running
 * and errors per second, as charts that update every second from the admin-only `engine` stats topic. A pause
 * button stops the updates (moving content must be pausable, WCAG 2.2.2).
 */
import { createSignal, onCleanup, Show } from 'solid-js';
import { useAdmin } from '../context.ts';
import { formatNumber, t, type MessageKey } from '../i18n.ts';
import { watchEngine, type Sample } from '../live.ts';
import { LineChart } from './LineChart.tsx';

const SERIES: { id: string; title: MessageKey; pick: (s: Sample) => number; digits?: number }[] = [
  { id: 'connections', title: 'live.connections', pick: (s) => s.data.connections },
  { id: 'messages', title: 'live.messagesPerSec', pick: (s) => s.data.messagesPerSec, digits: 1 },
  { id: 'queue', title: 'live.queue', pick: (s) => s.data.persistence.pending },
  { id: 'lag', title: 'live.lag', pick: (s) => s.data.persistence.lagMs },
  { id: 'bots', title: 'live.botsInFlight', pick: (s) => s.data.bots.inFlight },
  { id: 'errors', title: 'live.errorsPerSec', pick: (s) => s.data.errorsPerSec, digits: 1 },
];

function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min ${Math.floor(seconds % 60)} s`;
}

export function LiveView() {
  const { session } = useAdmin();
  const feed = watchEngine(session);
  onCleanup(() => feed.stop());
  const [frozen, setFrozen] = createSignal<Sample[]>();
  const shown = () => frozen() ?? feed.samples();
  const togglePause = () => setFrozen(frozen() ? undefined : feed.samples());

  return (
    <section class="panel" aria-labelledby="live-title">
      <div class="panel-head">
        <h2 id="live-title" tabindex="-1">{t('live.title')}</h2>
        <button class="btn ghost" type="button" aria-pressed={frozen() !== undefined} onClick={togglePause}>
          {frozen() ? t('live.resume') : t('live.pause')}
        </button>
      </div>
      <p class="muted">{t('live.intro')}</p>
      <p class="live-state" data-state={frozen() ? 'paused' : feed.state()} role="status">
        <span class="conn-dot" aria-hidden="true" />
        {frozen() ? t('live.paused')
          : feed.state() === 'live' ? t('live.live')
          : feed.state() === 'forbidden' ? t('live.forbidden')
          : feed.state() === 'offline' ? t('live.offline') : t('live.connecting')}
      </p>
      <Show when={shown().at(-1)}>
        {(s) => <p class="small muted">{t('live.uptime', { value: duration(s().data.uptimeS) })}</p>}
      </Show>
      <div class="charts">
        {SERIES.map((series) => (
          <LineChart id={series.id} title={t(series.title)} digits={series.digits} values={shown().map(series.pick)} />
        ))}
      </div>
    </section>
  );
}
