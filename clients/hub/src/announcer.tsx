/**
 * @module announcer
 * One polite live region for short announcements to screen readers (a bot's finished answer, an export done),
 * instead of making the whole message list live (which would read every streamed word and every history page).
 */
import { createSignal } from 'solid-js';

const [message, setMessage] = createSignal('');
let timer: ReturnType<typeof setTimeout> | undefined;

export function announce(text: string): void {
  // Clear first, so the same text twice is announced twice.
  setMessage('');
  clearTimeout(timer);
  timer = setTimeout(() => setMessage(text.length > 300 ? `${text.slice(0, 300)}…` : text), 50);
}

export function Announcer() {
  return <div class="sr-only" role="status" aria-live="polite" aria-atomic="true">{message()}</div>;
}
