/** @module Outcome — the result line of an admin action. */
import { Show } from 'solid-js';

/**
 * A form's outcome: the status line is always in the page (a live region must exist before its text changes to be
 * announced reliably); a failure is an alert, announced when it appears.
 */
export function Outcome(props: { ok?: string; error?: string }) {
  return (
    <>
      <p class="ok" role="status">{props.ok ?? ''}</p>
      <Show when={props.error}><p class="error" role="alert">{props.error}</p></Show>
    </>
  );
}
