/**
 * Vite plugin: renders the static page (src/content.ts) into the HTML — in the dev server and in the build — so
 * the page, its meta tags (title, description, canonical, hreflang, og:*) and the JSON-LD Organization are there
 * before any JavaScript runs. The build emits two pages: `index.html` (Spanish, the default) and `en.html`.
 */
import type { Plugin } from 'vite';
import { renderBody, renderHead, type Lang } from './src/content.ts';

export interface PrerenderOptions {
  /** Absolute URL of the Spanish page; the English one is `<url>en.html`. */
  url: string;
  hubPath: string;
  /** Vite's `base`: public files are served under it. */
  base: string;
}

const pageUrl = (options: PrerenderOptions, lang: Lang) => (lang === 'es' ? options.url : `${options.url}en.html`);

/** `assetBase` '/': Vite rewrites root-absolute public URLs in index.html itself; in generateBundle they are final. */
function render(lang: Lang, options: PrerenderOptions, assetBase: string) {
  const page = { url: pageUrl(options, lang), hubPath: options.hubPath, assetBase, alternates: { es: pageUrl(options, 'es'), en: pageUrl(options, 'en') } };
  return { head: renderHead(lang, page), body: renderBody(lang, page) };
}

export function prerender(options: PrerenderOptions): Plugin {
  const es = render('es', options, '/');
  return {
    name: 'hiperfoco-prerender',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        if (!html.includes('<!--prerender:head-->') || !html.includes('<!--prerender:body-->')) {
          throw new Error('hiperfoco: index.html lost its <!--prerender:*--> markers');
        }
        return html.replace('<!--prerender:head-->', es.head).replace('<!--prerender:body-->', es.body);
      },
    },
    // After Vite's own HTML plugin has emitted index.html with the hashed asset URLs.
    generateBundle: { order: 'post', handler(_output, bundle) {
      const index = bundle['index.html'];
      if (!index || index.type !== 'asset') throw new Error('hiperfoco: no index.html in the bundle');
      const html = String(index.source);
      const built = render('es', options, options.base);
      if (!html.includes(built.head) || !html.includes(built.body)) throw new Error('hiperfoco: the built index.html no longer holds the prerendered page');
      const en = render('en', options, options.base);
      // Same scripts and styles (absolute URLs under the base), English page and meta.
      const source = html.replace('<html lang="es">', '<html lang="en">').replace(built.head, en.head).replace(built.body, en.body);
      this.emitFile({ type: 'asset', fileName: 'en.html', source });
    } },
  };
}
