/**
 * A small line chart in plain SVG (no chart library: the CSP allows only this origin, and the data is one series).
 * Accessible: the figure has a visible title and current value, and the SVG is one image whose name states the
 * current value, the minimum and the maximum of the window. Nothing animates (the line simply redraws).
 */
import { createMemo } from 'solid-js';
import { formatNumber, t } from '../i18n.ts';
import { WINDOW } from '../live.ts';

const W = 300;
const H = 100;
const PAD = 4;

export function LineChart(props: { id: string; title: string; values: number[]; digits?: number }) {
  const digits = () => props.digits ?? 0;
  const last = () => props.values.at(-1);
  const scale = createMemo(() => {
    const max = Math.max(1, ...props.values);
    // A little headroom, rounded so the axis label is a readable number.
    const magnitude = 10 ** Math.floor(Math.log10(max));
    return Math.ceil((max * 1.1) / magnitude) * magnitude;
  });
  const points = createMemo(() => {
    const values = props.values;
    const step = (W - PAD * 2) / (WINDOW - 1);
    const offset = WINDOW - values.length; // the newest point sits at the right edge
    return values.map((v, i) => `${(PAD + (offset + i) * step).toFixed(1)},${(H - PAD - (v / scale()) * (H - PAD * 2)).toFixed(1)}`).join(' ');
  });
  const label = () => {
    if (props.values.length === 0) return `${props.title}: ${t('live.noData')}`;
    const fmt = (v: number) => formatNumber(v, digits());
    return t('live.chartLabel', {
      title: props.title, value: fmt(last()!), min: fmt(Math.min(...props.values)), max: fmt(Math.max(...props.values)),
      seconds: props.values.length,
    });
  };

  return (
    <figure class="chart card" data-chart={props.id} data-points={props.values.length} data-last={last() ?? ''}>
      <figcaption>
        <span class="chart-title">{props.title}</span>
        <span class="chart-value">{last() === undefined ? t('live.noData') : t('live.now', { value: formatNumber(last()!, digits()) })}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={label()} class="chart-svg">
        <line class="chart-grid" x1={PAD} x2={W - PAD} y1={PAD} y2={PAD} />
        <line class="chart-grid" x1={PAD} x2={W - PAD} y1={H / 2} y2={H / 2} />
        <line class="chart-axis" x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} />
        <polyline class="chart-line" points={points()} vector-effect="non-scaling-stroke" />
      </svg>
      <p class="chart-scale small muted" aria-hidden="true">0 – {formatNumber(scale())}</p>
    </figure>
  );
}
