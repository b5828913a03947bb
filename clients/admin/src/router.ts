/**
 * @module router
 * Hash routes, so the engine only serves `/admin/` and a reload keeps the section:
 * `#/users`, `#/users/<id>`, `#/bots`, `#/live`, `#/helplines`, `#/audit`.
 */
import { createSignal } from 'solid-js';

export type View = 'users' | 'bots' | 'live' | 'helplines' | 'audit';
export type Route = { view: 'users'; user?: string } | { view: Exclude<View, 'users'> };

const VIEWS: readonly View[] = ['users', 'bots', 'live', 'helplines', 'audit'];

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const user = /^users\/([0-9a-fA-F-]{36})$/.exec(path);
  if (user) return { view: 'users', user: user[1]!.toLowerCase() };
  const view = VIEWS.find((v) => v === path);
  return view && view !== 'users' ? { view } : { view: 'users' };
}

export function hrefOf(route: Route): string {
  return route.view === 'users' && route.user ? `#/users/${route.user}` : `#/${route.view}`;
}

const [route, setRoute] = createSignal<Route>(parseHash(location.hash), { equals: (a, b) => hrefOf(a) === hrefOf(b) });
window.addEventListener('hashchange', () => setRoute(parseHash(location.hash)));
export { route };

export function navigate(next: Route): void {
  setRoute(next);
  const href = hrefOf(next);
  if (location.hash !== href) location.hash = href;
}
