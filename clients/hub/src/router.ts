/**
 * @module router
 * Hash routes, so the engine only ever serves `/` and a reload keeps the open conversation:
 * `#/` conversations, `#/chat/<room>` one conversation, `#/apps` the app catalogue.
 */
import { createSignal } from 'solid-js';

export type Route = { view: 'chat'; room?: string } | { view: 'apps' };

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/apps') return { view: 'apps' };
  const match = /^\/chat\/([A-Za-z0-9-]{1,64})$/.exec(path);
  return match ? { view: 'chat', room: match[1] } : { view: 'chat' };
}

export function hrefOf(route: Route): string {
  if (route.view === 'apps') return '#/apps';
  return route.room ? `#/chat/${route.room}` : '#/';
}

const [route, setRoute] = createSignal<Route>(parseHash(location.hash), { equals: (a, b) => hrefOf(a) === hrefOf(b) });
window.addEventListener('hashchange', () => setRoute(parseHash(location.hash)));
export { route };

/** Shows `next` now (synchronously, so callers can focus what it renders) and records it in the URL. */
export function navigate(next: Route): void {
  setRoute(next);
  const href = hrefOf(next);
  if (location.hash !== href) location.hash = href;
}
