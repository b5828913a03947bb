/**
 * The widget loader, served by the engine at `/widget.js`:
 *
 *   <script src="https://ENGINE/widget.js" data-site="my-site" async></script>
 *
 * Adds a launcher button (in a Shadow DOM, styled only through the CSSOM, so the host page needs no
 * `style-src` for it and neither side's CSS reaches the other) and, on first open, an iframe with the chat panel
 * served by the engine at `/widget/`. The panel runs on the engine's origin: its scripts, styles, storage and
 * sockets are isolated from the host page, and the host's CSP only needs `script-src` and `frame-src` for the engine.
 *
 * Attributes: `data-site` (required), `data-lang` (`es` default | `en`), `data-theme` (`auto` default | `light` |
 * `dark`), and for a visitor the partner vouches for: `data-visitor-id`, `data-visitor-ts`, `data-visitor-sig`,
 * optional `data-visitor-name` (see README: the signing recipe). No framework, no globals, no <style> elements.
 */
type Css = Record<string, string>;

const PANEL_PATH = '/widget/';
const MOBILE = '(max-width: 480px)';
const TEXT = {
  es: { open: 'Abrir el chat', close: 'Cerrar el chat', frame: 'Chat de MENTALIA' },
  en: { open: 'Open the chat', close: 'Close the chat', frame: 'MENTALIA chat' },
} as const;

function css(el: HTMLElement | SVGElement, rules: Css): void {
  // `important` so the host's `* { … !important }` rules cannot move or hide the widget.
  for (const [name, value] of Object.entries(rules)) el.style.setProperty(name, value, 'important');
}

function svg(tag: string, attrs: Record<string, string>): SVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
}

function chatIcon(): SVGElement {
  const icon = svg('svg', { viewBox: '0 0 24 24', width: '28', height: '28', 'aria-hidden': 'true', focusable: 'false' });
  icon.append(svg('path', {
    d: 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6A.5.5 0 0 1 5 19.2V16h1.5H6.5A2.5 2.5 0 0 1 4 13.5z',
    fill: 'currentColor',
  }));
  return icon;
}

function closeIcon(): SVGElement {
  const icon = svg('svg', { viewBox: '0 0 24 24', width: '26', height: '26', 'aria-hidden': 'true', focusable: 'false' });
  icon.append(svg('path', { d: 'M6 6l12 12M18 6L6 18', stroke: 'currentColor', 'stroke-width': '2.5', 'stroke-linecap': 'round', fill: 'none' }));
  return icon;
}

function start(script: HTMLScriptElement): void {
  const data = script.dataset;
  const site = data.site ?? '';
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(site)) {
    console.warn('[mentalia-widget] data-site is missing or not a site id');
    return;
  }
  const engine = new URL(script.src, location.href).origin;
  const lang = data.lang === 'en' ? 'en' : 'es';
  const theme = data.theme === 'light' || data.theme === 'dark' ? data.theme : 'auto';
  const text = TEXT[lang];

  const params = new URLSearchParams({ site, lang, theme });
  // The visitor's signature travels in the fragment: it never reaches a server log or a Referer header.
  const visitor = data.visitorId && data.visitorTs && data.visitorSig
    ? new URLSearchParams({ id: data.visitorId, ts: data.visitorTs, sig: data.visitorSig, ...(data.visitorName ? { name: data.visitorName } : {}) })
    : undefined;
  const panelUrl = `${engine}${PANEL_PATH}?${params}${visitor ? `#${visitor}` : ''}`;

  const host = document.createElement('mentalia-widget');
  css(host, { all: 'initial', position: 'fixed', inset: 'auto 16px 16px auto', 'z-index': '2147483000', display: 'block' });
  const root = host.attachShadow({ mode: 'open' });

  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-label', text.open);
  button.setAttribute('aria-expanded', 'false');
  button.append(chatIcon());
  css(button, {
    all: 'initial', display: 'flex', 'align-items': 'center', 'justify-content': 'center', width: '56px', height: '56px',
    'border-radius': '50%', cursor: 'pointer', color: '#ffffff', background: 'linear-gradient(135deg, #4f46e5, #7c3aed)',
    'box-shadow': '0 4px 12px rgb(0 0 0 / 0.25)', outline: 'none',
  });
  const ring = (on: boolean) => css(button, { outline: on ? '3px solid #06b6d4' : 'none', 'outline-offset': '3px' });
  button.addEventListener('focus', () => ring(button.matches(':focus-visible')));
  button.addEventListener('blur', () => ring(false));

  let frame: HTMLIFrameElement | undefined;
  let frameLoaded = false;
  let open = false;
  const mobile = matchMedia(MOBILE);

  const layout = () => {
    if (!frame) return;
    const full = mobile.matches;
    css(frame, {
      all: 'initial', position: 'fixed', border: '0', 'border-radius': full ? '0' : '8px', 'color-scheme': 'normal',
      display: open ? 'block' : 'none', background: 'transparent', 'box-shadow': full ? 'none' : '0 8px 32px rgb(0 0 0 / 0.3)',
      inset: full ? '0' : 'auto 16px 88px auto', width: full ? '100vw' : 'min(380px, calc(100vw - 32px))',
      height: full ? '100dvh' : 'min(600px, calc(100dvh - 112px))',
    });
    // Full screen on phones: the panel has its own close button, the launcher would cover the composer.
    css(button, { display: open && full ? 'none' : 'flex' });
  };

  const setOpen = (next: boolean) => {
    open = next;
    if (open && !frame) {
      frame = document.createElement('iframe');
      frame.src = panelUrl;
      frame.title = text.frame;
      frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox');
      frame.setAttribute('referrerpolicy', 'origin');
      frame.addEventListener('load', () => { frameLoaded = true; }, { once: true });
      root.append(frame);
    }
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', open ? text.close : text.open);
    button.replaceChildren(open ? closeIcon() : chatIcon());
    layout();
    if (open) frame?.focus();
    else button.focus();
    // Before its first load the frame is still about:blank (the host's origin): nothing to tell it yet.
    if (frameLoaded) frame?.contentWindow?.postMessage({ type: 'mentalia:visibility', open }, engine);
  };

  button.addEventListener('click', () => setOpen(!open));
  mobile.addEventListener('change', layout);
  // The panel asks to close (its own close button, Escape). Only the panel's window on the engine's origin counts.
  addEventListener('message', (event) => {
    if (!frame || event.source !== frame.contentWindow || event.origin !== engine) return;
    if ((event.data as { type?: unknown } | null)?.type === 'mentalia:close') setOpen(false);
  });

  root.append(button);
  document.body.append(host);
}

const current = document.currentScript;
// One widget per page, even if the tag is included twice.
if (current instanceof HTMLScriptElement && !document.querySelector('mentalia-widget')) {
  if (document.body) start(current);
  else document.addEventListener('DOMContentLoaded', () => start(current), { once: true });
}
