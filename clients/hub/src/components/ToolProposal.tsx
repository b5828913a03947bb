/**
 * A bot's proposal to change data (`tool` body, `data.phase: 'proposal'`, schema/PROTOCOL.md "Tool confirmations"):
 * the question in the hub's language and two real buttons. Confirmar/Cancelar send a `confirm` body with the token
 * the engine signed; the engine checks it, so these buttons decide nothing on their own. Once the conversation
 * holds an answer (from anyone), or the proposal expired, the buttons give way to a status line.
 */
import { createSignal, Match, onCleanup, Show, Switch } from 'solid-js';
import { formatTime, pick, t } from '../i18n.ts';

export interface ProposalView {
  token: string;
  expiresAt: number;
  question: string;
}

export type ProposalAnswer = 'approved' | 'cancelled' | undefined;

export interface ProposalActions {
  /** The answer stored in the conversation for this token, if any. */
  answerOf(token: string): ProposalAnswer;
  answer(token: string, approve: boolean): void;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export function asProposal(data: unknown, text: string): ProposalView | undefined {
  if (!isObject(data) || data.phase !== 'proposal' || !isObject(data.confirmation)) return undefined;
  const { token, expiresAt } = data.confirmation;
  if (typeof token !== 'string' || typeof expiresAt !== 'number') return undefined;
  const i18n = isObject(data.i18n) ? (data.i18n as { es?: string; en?: string }) : undefined;
  return { token, expiresAt, question: pick(i18n, text) || text };
}

export function asToolResult(data: unknown): { ok: boolean; approved: boolean } | undefined {
  if (!isObject(data) || data.phase !== 'result') return undefined;
  return { ok: data.ok === true, approved: data.approved === true };
}

let nextId = 0;

export function ToolProposal(props: { proposal: ProposalView; actions?: ProposalActions }) {
  const id = `proposal-${++nextId}`;
  const [sent, setSent] = createSignal<boolean>();
  const answer = () => props.actions?.answerOf(props.proposal.token);
  // Flips when the proposal expires while on screen, so the buttons never offer what the engine would refuse.
  const [expired, setExpired] = createSignal(Date.now() >= props.proposal.expiresAt);
  if (!expired()) {
    const timer = setTimeout(() => setExpired(true), Math.min(props.proposal.expiresAt - Date.now(), 2 ** 31 - 1));
    onCleanup(() => clearTimeout(timer));
  }
  const open = () => props.actions !== undefined && answer() === undefined && sent() === undefined && !expired();
  const choose = (approve: boolean) => {
    setSent(approve);
    props.actions?.answer(props.proposal.token, approve);
  };
  return (
    <section class="tool-proposal" role="group" aria-labelledby={id}>
      <p class="text" id={id}>{props.proposal.question}</p>
      <Switch>
        <Match when={open()}>
          <div class="tool-actions">
            <button class="btn primary" type="button" onClick={() => choose(true)} aria-describedby={id}>{t('tool.confirm')}</button>
            <button class="btn ghost" type="button" onClick={() => choose(false)} aria-describedby={id}>{t('tool.cancel')}</button>
          </div>
          <p class="tool-note">{t('tool.expires', { time: formatTime(props.proposal.expiresAt) })}</p>
        </Match>
        <Match when={answer() === 'approved' || (answer() === undefined && sent() === true)}>
          <p class="tool-status">{t(answer() ? 'tool.approved' : 'tool.sending')}</p>
        </Match>
        <Match when={answer() === 'cancelled' || (answer() === undefined && sent() === false)}>
          <p class="tool-status">{t(answer() ? 'tool.cancelled' : 'tool.sending')}</p>
        </Match>
        <Match when={expired()}>
          <p class="tool-status">{t('tool.expired')}</p>
        </Match>
      </Switch>
    </section>
  );
}

export function ToolResult(props: { text: string; ok: boolean; approved: boolean }) {
  return (
    <p class="text tool-result" data-ok={props.ok ? 'true' : 'false'}>
      <Show when={props.approved} fallback={<span class="tool-mark" aria-hidden="true">⨯ </span>}>
        <span class="tool-mark" aria-hidden="true">{props.ok ? '✓ ' : '! '}</span>
      </Show>
      {props.text}
    </p>
  );
}
