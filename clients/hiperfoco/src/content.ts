/**
 * @module content
 * Every word of hiperfoco, Spanish first and English, and the static page rendered from it. DOM-free: the Vite
 * plugin (../prerender.ts) renders `renderBody('es')` and `renderHead` into dist/index.html at build time (crawlers
 * and first paint get the whole page without JavaScript); in the browser the same dictionary switches the language
 * of every `[data-i18n]` element. Figures are never written here: the live ones come from the engine.
 */
import { ACCESS_NAMES, APPS, CATEGORIES, CATEGORY_NAMES, TIER_NAMES, appsIn, type AppEntry, type Lang } from '../../catalogue/catalogue.ts';

export type { Lang };
export const LANGS: readonly Lang[] = ['es', 'en'];

const es = {
  'meta.title': 'HIPERFOCO · MENTALIA Universe — IA especializada en salud mental y neurodivergencia',
  'meta.description': 'MENTALIA Universe: un ecosistema de apps de IA para salud mental, comunicación e inclusión. Métricas en directo del motor, tecnología, cumplimiento y contacto para socios e inversores.',
  'skip': 'Saltar al contenido principal',
  'nav.label': 'Secciones',
  'nav.impact': 'Impacto',
  'nav.apps': 'Apps',
  'nav.tech': 'Tecnología',
  'nav.compliance': 'Cumplimiento',
  'nav.contact': 'Contacto',
  'lang.switch': 'English',
  'theme.dark': 'Tema oscuro',
  'hero.kicker': 'Vitrina para socios e inversores',
  'hero.title': 'MENTALIA Universe: el futuro de la IA especializada',
  'hero.subtitle': 'Un ecosistema de aplicaciones de IA para salud mental y neurodivergencia, sobre un motor de conversación en tiempo real propio, cifrado y accesible.',
  'hero.ctaContact': 'Hablemos',
  'hero.ctaApps': 'Ver las apps',
  'hero.ctaDemo': 'Probar el hub',
  'impact.title': 'Impacto en directo',
  'impact.intro': 'Cifras reales del motor, actualizadas cada segundo. Nada inventado: si el motor no responde, lo decimos.',
  'impact.connections': 'Conexiones ahora',
  'impact.connectionsHint': 'Personas y apps conectadas al motor en este momento',
  'impact.messagesToday': 'Mensajes hoy',
  'impact.messagesTodayHint': 'Mensajes guardados desde las 00:00 UTC',
  'impact.bots': 'Bots disponibles',
  'impact.botsHint': 'Asistentes instalados y activos',
  'impact.live': 'En directo',
  'impact.connecting': 'Conectando con el motor…',
  'impact.offline': 'Sin conexión con el motor. Reintentando…',
  'impact.updated': 'Actualizado a las {time}',
  'apps.title': 'Las apps del ecosistema',
  'apps.intro': 'Agrupadas por área. Cada una indica su plan y su fase de lanzamiento.',
  'apps.plan': 'Plan {tier}',
  'tech.title': 'Tecnología',
  'tech.realtime.title': 'Tiempo real de verdad',
  'tech.realtime.text': 'Motor propio sobre uWebSockets.js: mensajes en streaming, reanudación sin huecos tras un corte y escritura agrupada en PostgreSQL sin bloquear la conversación.',
  'tech.bots.title': 'Bots especializados',
  'tech.bots.text': 'Cada asistente es un plugin aislado en su propio proceso, con límites de tiempo y memoria, y proveedores de modelos intercambiables.',
  'tech.multimodal.title': 'Comunicación multimodal',
  'tech.multimodal.text': 'Texto, tarjetas, lengua de signos y mensajes de crisis como tipos de mensaje de primera clase, en web, widget y móvil.',
  'tech.scale.title': 'Arquitectura escalable',
  'tech.scale.text': 'Un nodo o varios: con Redis, las salas y las colas de bots se reparten entre nodos y trabajadores.',
  'compliance.title': 'Cumplimiento y seguridad',
  'compliance.encryption.title': 'Cifrado en reposo',
  'compliance.encryption.text': 'Mensajes y datos personales se guardan con AES-256-GCM, con una clave por conversación envuelta por una clave maestra rotable.',
  'compliance.rights.title': 'Derechos RGPD',
  'compliance.rights.text': 'Exportación y borrado de los datos de una persona (con destrucción de claves) y registro de auditoría de cada acción administrativa.',
  'compliance.safety.title': 'Capa de seguridad',
  'compliance.safety.text': 'Detección de riesgo con recursos de ayuda verificados por país y opción de contacto humano, fuera del alcance de los bots.',
  'compliance.a11y.title': 'Accesibilidad',
  'compliance.a11y.text': 'Diseñado para WCAG 2.1 AA: teclado, lectores de pantalla, contraste, movimiento reducido, tema claro y oscuro.',
  'contact.title': 'Contacto',
  'contact.intro': '¿Inversión, alianza o piloto en tu organización? Escríbenos y te respondemos en tu idioma.',
  'contact.name': 'Nombre',
  'contact.email': 'Correo electrónico',
  'contact.organisation': 'Organización (opcional)',
  'contact.message': 'Mensaje',
  'contact.messageHint': 'Entre 10 y 4000 caracteres.',
  'contact.privacy': 'Guardamos tu mensaje cifrado y solo lo usamos para responderte.',
  'contact.send': 'Enviar',
  'contact.sending': 'Enviando…',
  'contact.sent': 'Gracias. Hemos recibido tu mensaje y te responderemos pronto.',
  'contact.error.BAD_ARGS': 'Revisa el campo marcado: {detail}',
  'contact.error.RATE_LIMITED': 'Has enviado varios mensajes seguidos. Inténtalo de nuevo más tarde.',
  'contact.error.TOO_LARGE': 'El mensaje es demasiado largo.',
  'contact.error.NETWORK': 'No hemos podido conectar con el servidor. Revisa tu conexión.',
  'contact.error.OTHER': 'Algo ha fallado. Vuelve a intentarlo en un momento.',
  'contact.required': 'obligatorio',
  'contact.noscript': 'El formulario necesita JavaScript.',
  'footer.text': 'MENTALIA Universe · HIPERFOCO',
  'footer.hub': 'Ir al hub',
};

export type Key = keyof typeof es;

const en: Record<Key, string> = {
  'meta.title': 'HIPERFOCO · MENTALIA Universe — AI specialised in mental health and neurodivergence',
  'meta.description': 'MENTALIA Universe: an ecosystem of AI apps for mental health, communication and inclusion. Live engine metrics, technology, compliance and contact for partners and investors.',
  'skip': 'Skip to main content',
  'nav.label': 'Sections',
  'nav.impact': 'Impact',
  'nav.apps': 'Apps',
  'nav.tech': 'Technology',
  'nav.compliance': 'Compliance',
  'nav.contact': 'Contact',
  'lang.switch': 'Español',
  'theme.dark': 'Dark theme',
  'hero.kicker': 'Showcase for partners and investors',
  'hero.title': 'MENTALIA Universe: the future of specialised AI',
  'hero.subtitle': 'An ecosystem of AI apps for mental health and neurodivergence, on our own real-time conversation engine: encrypted and accessible.',
  'hero.ctaContact': 'Talk to us',
  'hero.ctaApps': 'See the apps',
  'hero.ctaDemo': 'Try the hub',
  'impact.title': 'Live impact',
  'impact.intro': 'Real figures from the engine, updated every second. Nothing made up: if the engine does not answer, we say so.',
  'impact.connections': 'Connections now',
  'impact.connectionsHint': 'People and apps connected to the engine right now',
  'impact.messagesToday': 'Messages today',
  'impact.messagesTodayHint': 'Messages stored since 00:00 UTC',
  'impact.bots': 'Bots available',
  'impact.botsHint': 'Assistants installed and enabled',
  'impact.live': 'Live',
  'impact.connecting': 'Connecting to the engine…',
  'impact.offline': 'No connection to the engine. Retrying…',
  'impact.updated': 'Updated at {time}',
  'apps.title': 'The apps of the ecosystem',
  'apps.intro': 'Grouped by area. Each one shows its plan and its release stage.',
  'apps.plan': '{tier} plan',
  'tech.title': 'Technology',
  'tech.realtime.title': 'Truly real time',
  'tech.realtime.text': 'Our own engine on uWebSockets.js: streamed messages, gap-free resume after a drop, and group-committed PostgreSQL writes that never block the conversation.',
  'tech.bots.title': 'Specialised bots',
  'tech.bots.text': 'Each assistant is a plugin isolated in its own process, with time and memory limits, and interchangeable model providers.',
  'tech.multimodal.title': 'Multimodal communication',
  'tech.multimodal.text': 'Text, cards, sign language and crisis messages as first-class message kinds, on web, widget and mobile.',
  'tech.scale.title': 'Scalable architecture',
  'tech.scale.text': 'One node or many: with Redis, rooms and bot queues are shared across nodes and workers.',
  'compliance.title': 'Compliance and security',
  'compliance.encryption.title': 'Encryption at rest',
  'compliance.encryption.text': 'Messages and personal data are stored with AES-256-GCM, a key per conversation wrapped by a rotatable master key.',
  'compliance.rights.title': 'GDPR rights',
  'compliance.rights.text': 'Export and erasure of a person’s data (with key destruction) and an audit log of every administrative action.',
  'compliance.safety.title': 'Safety layer',
  'compliance.safety.text': 'Risk detection with verified helplines per country and an offer of human contact, out of the bots’ reach.',
  'compliance.a11y.title': 'Accessibility',
  'compliance.a11y.text': 'Designed for WCAG 2.1 AA: keyboard, screen readers, contrast, reduced motion, light and dark themes.',
  'contact.title': 'Contact',
  'contact.intro': 'Investment, partnership or a pilot in your organisation? Write to us and we will answer in your language.',
  'contact.name': 'Name',
  'contact.email': 'E-mail',
  'contact.organisation': 'Organisation (optional)',
  'contact.message': 'Message',
  'contact.messageHint': 'Between 10 and 4000 characters.',
  'contact.privacy': 'We store your message encrypted and use it only to answer you.',
  'contact.send': 'Send',
  'contact.sending': 'Sending…',
  'contact.sent': 'Thank you. We have received your message and will answer soon.',
  'contact.error.BAD_ARGS': 'Please check the marked field: {detail}',
  'contact.error.RATE_LIMITED': 'You sent several messages in a row. Please try again later.',
  'contact.error.TOO_LARGE': 'The message is too long.',
  'contact.error.NETWORK': 'We could not reach the server. Please check your connection.',
  'contact.error.OTHER': 'Something went wrong. Please try again in a moment.',
  'contact.required': 'required',
  'contact.noscript': 'The form needs JavaScript.',
  'footer.text': 'MENTALIA Universe · HIPERFOCO',
  'footer.hub': 'Go to the hub',
};

export const DICTIONARY: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
  es: { ...es, ...catalogueTexts('es') },
  en: { ...en, ...catalogueTexts('en') },
};

/** The catalogue's own texts under `cat.*`, `app.*`, `access.*`, `tier.*` keys. */
function catalogueTexts(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of CATEGORIES) out[`cat.${c}`] = CATEGORY_NAMES[c][lang];
  for (const a of APPS) out[`app.${a.id}`] = a.description[lang];
  for (const [access, names] of Object.entries(ACCESS_NAMES)) out[`access.${access}`] = names[lang];
  for (const [tier, names] of Object.entries(TIER_NAMES)) out[`plan.${tier}`] = fill(lang === 'es' ? es['apps.plan'] : en['apps.plan'], { tier: names[lang] });
  return out;
}

export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (all, name: string) => (name in params ? String(params[name]) : all));
}

export const text = (lang: Lang, key: string, params?: Record<string, string | number>): string => fill(DICTIONARY[lang][key] ?? key, params);

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** An element whose text is the dictionary entry `key` (switched in place by the browser code). */
const t = (lang: Lang, tag: string, key: string, attrs = ''): string =>
  `<${tag}${attrs ? ` ${attrs}` : ''} data-i18n="${key}">${escapeHtml(text(lang, key))}</${tag}>`;

/** What a public card shows: its release stage (per-plan access is the hub's business, for signed-in people). */
const stageAccess = (app: AppEntry) => (app.stage === 'soon' ? 'soon' : app.stage === 'beta' ? 'beta' : 'available');

export interface PageOptions {
  /** Absolute URL of the page (canonical, og:url). */
  url: string;
  /** Absolute URL of the page in each language (hreflang alternates). */
  alternates: Readonly<Record<Lang, string>>;
  /** Path of the hub (the demo link). */
  hubPath: string;
  /** URL prefix of public files (`/` while Vite still rewrites them, the base once built). */
  assetBase: string;
}

export function renderHead(lang: Lang, options: PageOptions): string {
  const title = escapeHtml(text(lang, 'meta.title'));
  const description = escapeHtml(text(lang, 'meta.description'));
  const url = escapeHtml(options.url);
  const organisation = {
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: 'MENTALIA Universe',
    alternateName: 'HIPERFOCO',
    url: options.url,
    logo: new URL('favicon.svg', options.url).href,
    description: text(lang, 'meta.description'),
    knowsAbout: ['salud mental', 'neurodivergencia', 'inteligencia artificial', 'accesibilidad'],
  };
  // `<` is escaped so no text can close the script element.
  const jsonLd = JSON.stringify(organisation).replace(/</g, '\\u003c');
  return [
    `<title>${title}</title>`,
    `<meta name="description" content="${description}" />`,
    `<link rel="canonical" href="${url}" />`,
    `<link rel="alternate" hreflang="es" href="${escapeHtml(options.alternates.es)}" />`,
    `<link rel="alternate" hreflang="en" href="${escapeHtml(options.alternates.en)}" />`,
    `<link rel="alternate" hreflang="x-default" href="${escapeHtml(options.alternates.es)}" />`,
    `<meta property="og:type" content="website" />`,
    `<meta property="og:site_name" content="MENTALIA Universe" />`,
    `<meta property="og:title" content="${title}" />`,
    `<meta property="og:description" content="${description}" />`,
    `<meta property="og:url" content="${url}" />`,
    `<meta property="og:locale" content="${lang === 'es' ? 'es_ES' : 'en_GB'}" />`,
    `<meta property="og:locale:alternate" content="${lang === 'es' ? 'en_GB' : 'es_ES'}" />`,
    `<meta name="twitter:card" content="summary" />`,
    `<script type="application/ld+json">${jsonLd}</script>`,
  ].join('\n    ');
}

const FEATURES = {
  tech: ['realtime', 'bots', 'multimodal', 'scale'],
  compliance: ['encryption', 'rights', 'safety', 'a11y'],
} as const;

function metricCard(lang: Lang, id: string, labelKey: string, hintKey: string): string {
  return `<div class="metric" data-metric="${id}">
          ${t(lang, 'dt', labelKey)}
          <dd><span class="metric-value" id="metric-${id}">—</span> ${t(lang, 'span', hintKey, 'class="metric-hint"')}</dd>
        </div>`;
}

function appCard(lang: Lang, app: AppEntry): string {
  const access = stageAccess(app);
  return `<li class="app-card" data-access="${access}" data-app="${app.id}">
              <div class="app-head"><span class="app-icon" aria-hidden="true">${escapeHtml(app.icon)}</span><h4>${escapeHtml(app.name)}</h4></div>
              ${t(lang, 'p', `app.${app.id}`, 'class="app-desc"')}
              <p class="app-foot">${t(lang, 'span', `access.${access}`, `class="badge badge-${access}"`)} ${t(lang, 'span', `plan.${app.tier}`, 'class="plan"')}</p>
            </li>`;
}

function featureSection(lang: Lang, id: 'tech' | 'compliance'): string {
  const items = FEATURES[id].map((f) => `<li class="feature">${t(lang, 'h3', `${id}.${f}.title`)}${t(lang, 'p', `${id}.${f}.text`)}</li>`).join('\n          ');
  return `<section id="${id}" class="section" aria-labelledby="${id}-title">
        ${t(lang, 'h2', `${id}.title`, `id="${id}-title"`)}
        <ul class="features">
          ${items}
        </ul>
      </section>`;
}

function field(lang: Lang, name: string, input: string, required: boolean, hintKey?: string): string {
  const hint = hintKey ? `\n            ${t(lang, 'p', hintKey, `class="hint" id="${name}-hint"`)}` : '';
  const mark = required ? ` <span class="req" aria-hidden="true">*</span>` : '';
  return `<div class="field">
            <label for="contact-${name}"><span data-i18n="contact.${name}">${escapeHtml(text(lang, `contact.${name}`))}</span>${mark}</label>
            ${input}${hint}
          </div>`;
}

/** The whole page body, static (live parts start as placeholders the browser code fills). */
export function renderBody(lang: Lang, options: PageOptions): string {
  const nav = (['impact', 'apps', 'tech', 'compliance', 'contact'] as const)
    .map((s) => `<li><a href="#${s}" data-i18n="nav.${s}">${escapeHtml(text(lang, `nav.${s}`))}</a></li>`).join('');
  const categories = CATEGORIES.map((c) => `<section class="app-category" aria-labelledby="cat-${c}">
          ${t(lang, 'h3', `cat.${c}`, `id="cat-${c}"`)}
          <ul class="app-grid">
            ${appsIn(c).map((app) => appCard(lang, app)).join('\n            ')}
          </ul>
        </section>`).join('\n        ');
  return `<a class="skip-link" href="#main" data-i18n="skip">${escapeHtml(text(lang, 'skip'))}</a>
    <header class="top">
      <a class="brand" href="#top" aria-label="MENTALIA Universe · HIPERFOCO"><img src="${escapeHtml(options.assetBase)}favicon.svg" alt="" width="32" height="32" /><span>HIPERFOCO</span></a>
      <nav aria-label="${escapeHtml(text(lang, 'nav.label'))}" data-i18n-aria="nav.label"><ul class="nav">${nav}</ul></nav>
      <div class="tools">
        <button type="button" class="tool" id="lang-switch" lang="${lang === 'es' ? 'en' : 'es'}" data-i18n="lang.switch">${escapeHtml(text(lang, 'lang.switch'))}</button>
        <button type="button" class="tool" id="theme-switch" aria-pressed="false" data-i18n="theme.dark">${escapeHtml(text(lang, 'theme.dark'))}</button>
      </div>
    </header>
    <main id="main" tabindex="-1">
      <section id="top" class="hero" aria-labelledby="hero-title">
        ${t(lang, 'p', 'hero.kicker', 'class="kicker"')}
        ${t(lang, 'h1', 'hero.title', 'id="hero-title"')}
        ${t(lang, 'p', 'hero.subtitle', 'class="lead"')}
        <p class="ctas">
          <a class="btn primary" href="#contact" data-i18n="hero.ctaContact">${escapeHtml(text(lang, 'hero.ctaContact'))}</a>
          <a class="btn" href="#apps" data-i18n="hero.ctaApps">${escapeHtml(text(lang, 'hero.ctaApps'))}</a>
          <a class="btn" href="${escapeHtml(options.hubPath)}" data-i18n="hero.ctaDemo">${escapeHtml(text(lang, 'hero.ctaDemo'))}</a>
        </p>
      </section>
      <section id="impact" class="section" aria-labelledby="impact-title">
        ${t(lang, 'h2', 'impact.title', 'id="impact-title"')}
        ${t(lang, 'p', 'impact.intro', 'class="muted"')}
        <dl class="metrics" id="metrics" aria-describedby="impact-status">
        ${metricCard(lang, 'connections', 'impact.connections', 'impact.connectionsHint')}
        ${metricCard(lang, 'messagesToday', 'impact.messagesToday', 'impact.messagesTodayHint')}
        ${metricCard(lang, 'botsAvailable', 'impact.bots', 'impact.botsHint')}
        </dl>
        <p class="status" id="impact-status" role="status" data-state="connecting">${escapeHtml(text(lang, 'impact.connecting'))}</p>
      </section>
      <section id="apps" class="section" aria-labelledby="apps-title">
        ${t(lang, 'h2', 'apps.title', 'id="apps-title"')}
        ${t(lang, 'p', 'apps.intro', 'class="muted"')}
        ${categories}
      </section>
      ${featureSection(lang, 'tech')}
      ${featureSection(lang, 'compliance')}
      <section id="contact" class="section" aria-labelledby="contact-title">
        ${t(lang, 'h2', 'contact.title', 'id="contact-title"')}
        ${t(lang, 'p', 'contact.intro', 'class="muted"')}
        <form id="contact-form" class="contact" novalidate>
          ${field(lang, 'name', '<input id="contact-name" name="name" autocomplete="name" required maxlength="120" />', true)}
          ${field(lang, 'email', '<input id="contact-email" name="email" type="email" autocomplete="email" required maxlength="254" />', true)}
          ${field(lang, 'organisation', '<input id="contact-organisation" name="organisation" autocomplete="organization" maxlength="160" />', false)}
          ${field(lang, 'message', '<textarea id="contact-message" name="message" rows="5" required minlength="10" maxlength="4000" aria-describedby="message-hint"></textarea>', true, 'contact.messageHint')}
          ${t(lang, 'p', 'contact.privacy', 'class="hint"')}
          <p class="form-foot"><button class="btn primary" type="submit" id="contact-submit" data-i18n="contact.send">${escapeHtml(text(lang, 'contact.send'))}</button></p>
          <p class="form-status" id="contact-status" role="status" aria-live="polite"></p>
          <noscript><p data-i18n="contact.noscript">${escapeHtml(text(lang, 'contact.noscript'))}</p></noscript>
        </form>
      </section>
    </main>
    <footer class="foot">
      ${t(lang, 'p', 'footer.text')}
      <p><a href="${escapeHtml(options.hubPath)}" data-i18n="footer.hub">${escapeHtml(text(lang, 'footer.hub'))}</a></p>
    </footer>`;
}
