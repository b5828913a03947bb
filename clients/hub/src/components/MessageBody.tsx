/**
 * A message body by kind (schema/PROTOCOL.md): `text`; `crisis` — a prominent helpline card with call links;
 * `card` — a title and items; `sign` — glosses, fingerspelling and drawn hand shapes (SignBody.tsx); `landmarks`
 * — a note that hand frames were sent; `tool` — a bot's proposal with Confirmar/Cancelar, or a tool's result
 * (ToolProposal.tsx); anything else, or data that does not have the expected shape, as its plain text (which always carries the
 * whole content).
 */
import { For, Match, Show, Switch } from 'solid-js';
import type { CardData, CrisisData, CrisisLine, MessageBody as Body, SignData } from '../../../sdk/src/index.ts';
import { pick, t, type MessageKey } from '../i18n.ts';
import { AlertIcon, PhoneIcon } from '../icons.tsx';
import { asProposal, asToolResult, ToolProposal, ToolResult, type ProposalActions } from './ToolProposal.tsx';
import { LandmarksNote, SignBody } from './SignBody.tsx';

let nextId = 0;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');

function asCrisis(data: unknown): CrisisData | undefined {
  if (!isObject(data) || !Array.isArray(data.lines)) return undefined;
  return { country: typeof data.country === 'string' ? data.country : '', text: textOf(data.text) ?? '', lines: helpLines(data.lines) };
}

interface CardView extends CardData {
  risk?: string;
  resources: CrisisLine[];
  note?: string;
}

function asCard(data: unknown): CardView | undefined {
  if (!isObject(data)) return undefined;
  const title = textOf(data.title);
  if (title === undefined) return undefined;
  const note = textOf(data.disclaimer) ?? textOf(data.note);
  return {
    title,
    items: Array.isArray(data.items) ? data.items : [],
    resources: helpLines(data.resources),
    ...(typeof data.risk === 'string' && RISKS.has(data.risk) && data.risk !== 'none' ? { risk: data.risk } : {}),
    ...(note ? { note } : {}),
  };
}

function asSign(data: unknown): SignData | undefined {
  if (!isObject(data)) return undefined;
  const glosses = isStringArray(data.glosses) ? data.glosses : [];
  const fingerspelling = isStringArray(data.fingerspelling) ? data.fingerspelling : [];
  if (glosses.length === 0 && fingerspelling.length === 0) return undefined;
  return { language: typeof data.language === 'string' ? data.language : '', glosses, fingerspelling };
}

/** Only web links open from a bot's data (no `javascript:` or other schemes). */
function safeUrl(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+*#]/g, '')}`;
}

/** A string, or an `{es, en}` text in the current language. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isObject(value) && (typeof value.es === 'string' || typeof value.en === 'string')) return pick(value as { es?: string; en?: string });
  return undefined;
}

/** A card item: a string, or an object with a title-like field and maybe an explanation (both may be `{es, en}`). */
function itemParts(item: unknown): { title: string; detail?: string } {
  const direct = textOf(item);
  if (direct !== undefined) return { title: direct };
  if (isObject(item)) {
    const title = ['text', 'title', 'label', 'name'].map((key) => textOf(item[key])).find((v) => v !== undefined);
    const detail = ['explanation', 'description', 'detail'].map((key) => textOf(item[key])).find((v) => v !== undefined);
    if (title !== undefined) return detail === undefined ? { title } : { title, detail };
  }
  return { title: JSON.stringify(item) };
}

/** Help lines from a bot's data (crisis `lines`, or a card's `resources`), only the fields we can show safely. */
function helpLines(value: unknown): CrisisLine[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).flatMap((line) => {
    const name = textOf(line.name);
    if (!name) return [];
    const phone = textOf(line.phone);
    const url = textOf(line.url);
    const hours = textOf(line.hours);
    return [{ name, ...(phone ? { phone } : {}), ...(url ? { url } : {}), ...(hours ? { hours } : {}) }];
  });
}

const RISKS = new Set(['none', 'low', 'medium', 'high', 'critical']);

/** `actions`: how a `tool` proposal is answered (stored messages only; see ToolProposal.tsx). */
export function MessageBody(props: { body: Body; actions?: ProposalActions }) {
  const kind = () => props.body.kind ?? 'text';
  return (
    <Switch fallback={<p class="text">{props.body.text}</p>}>
      <Match when={kind() === 'tool' && asProposal(props.body.data, props.body.text)}>
        {(proposal) => <ToolProposal proposal={proposal()} {...(props.actions ? { actions: props.actions } : {})} />}
      </Match>
      <Match when={kind() === 'tool' && asToolResult(props.body.data)}>
        {(result) => <ToolResult text={props.body.text} ok={result().ok} approved={result().approved} />}
      </Match>
      <Match when={kind() === 'crisis' && asCrisis(props.body.data)}>
        {(crisis) => <CrisisCard data={crisis()} text={props.body.text} />}
      </Match>
      <Match when={kind() === 'card' && asCard(props.body.data)}>
        {(card) => (
          <article class="card-body">
            <h3 class="card-title">{card().title}</h3>
            <Show when={card().items.length > 0} fallback={<p class="text">{props.body.text}</p>}>
              <ul class="card-items">
                <For each={card().items}>
                  {(item) => {
                    const parts = itemParts(item);
                    return <li><Show when={parts.detail} fallback={parts.title}><strong>{parts.title}</strong>: {parts.detail}</Show></li>;
                  }}
                </For>
              </ul>
            </Show>
            <Show when={card().risk}>
              <p class="card-risk">{t('card.risk', { risk: t(`risk.${card().risk}` as MessageKey) })}</p>
            </Show>
            <Show when={card().resources.length > 0}>
              <p class="crisis-lines-label">{t('card.help')}</p>
              <HelpLines lines={card().resources} />
            </Show>
            <Show when={card().note}><p class="card-note">{card().note}</p></Show>
          </article>
        )}
      </Match>
      <Match when={kind() === 'sign' && asSign(props.body.data)}>
        {(sign) => <SignBody data={sign()} text={props.body.text} />}
      </Match>
      <Match when={kind() === 'landmarks' && props.body.data}>
        {(data) => <LandmarksNote data={data()} text={props.body.text} />}
      </Match>
    </Switch>
  );
}

function CrisisCard(props: { data: CrisisData; text: string }) {
  const id = `crisis-${++nextId}`;
  return (
    <section class="crisis" aria-labelledby={id}>
      <h3 class="crisis-title" id={id}><AlertIcon /> {t('crisis.title')}</h3>
      <p class="text">{props.data.text || props.text}</p>
      <Show when={props.data.lines.length > 0}>
        <p class="crisis-lines-label">{t('crisis.lines', { country: props.data.country || '—' })}</p>
        <HelpLines lines={props.data.lines} />
      </Show>
    </section>
  );
}

function HelpLines(props: { lines: readonly CrisisLine[] }) {
  return (
    <ul class="crisis-lines">
      <For each={props.lines}>
        {(line) => (
          <li class="crisis-line">
            <p class="crisis-line-name">{line.name}</p>
            <Show when={line.phone}>
              <a class="btn crisis-call" href={telHref(line.phone!)}>
                <PhoneIcon />
                <span>{t('crisis.call', { name: line.name, phone: line.phone! })}</span>
              </a>
            </Show>
            <Show when={safeUrl(line.url)}>
              {(url) => <a class="crisis-web" href={url()} target="_blank" rel="noopener noreferrer">{t('crisis.web', { name: line.name })}</a>}
            </Show>
            <Show when={line.hours}>
              <p class="crisis-hours">{t('crisis.hours', { hours: line.hours! })}</p>
            </Show>
          </li>
        )}
      </For>
    </ul>
  );
}
