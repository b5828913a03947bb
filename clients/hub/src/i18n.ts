/**
 * @module i18n
 * Every user-facing string of the hub, Spanish first (the default) and English. `t(key, params)` reads the
 * current language signal, so JSX that calls it re-renders on a switch. The choice is kept in localStorage.
 */
import { createSignal } from 'solid-js';
import { readStored, writeStored } from './storage.ts';

export type Lang = 'es' | 'en';
export const LANGS: readonly Lang[] = ['es', 'en'];
const LANG_KEY = 'mentalia.lang';

const es = {
  'app.name': 'MENTALIA Universe',
  'app.tagline': 'Apps de IA para salud mental y neurodivergencia',
  'app.skip': 'Saltar al contenido principal',
  'app.mainNav': 'Navegación principal',

  'lang.switch': 'English',
  'theme.dark': 'Tema oscuro',

  'auth.loginTitle': 'Inicia sesión',
  'auth.registerTitle': 'Crea tu cuenta',
  'auth.intro': 'Un espacio seguro para conversar. Tus mensajes se guardan cifrados.',
  'auth.email': 'Correo electrónico',
  'auth.password': 'Contraseña',
  'auth.passwordHint': 'Al menos 8 caracteres.',
  'auth.name': 'Nombre',
  'auth.nameHint': 'Cómo quieres que te llamemos.',
  'auth.remember': 'Mantener la sesión abierta en este dispositivo',
  'auth.login': 'Entrar',
  'auth.register': 'Crear cuenta',
  'auth.toRegister': '¿No tienes cuenta? Regístrate',
  'auth.toLogin': '¿Ya tienes cuenta? Inicia sesión',
  'auth.busy': 'Un momento…',
  'auth.logout': 'Cerrar sesión',
  'auth.expired': 'Tu sesión ha caducado. Vuelve a entrar, por favor.',
  'auth.error.UNAUTHORIZED': 'El correo o la contraseña no son correctos.',
  'auth.error.CONFLICT': 'Ya existe una cuenta con ese correo. Prueba a iniciar sesión.',
  'auth.error.RATE_LIMITED': 'Demasiados intentos seguidos. Espera unos segundos y vuelve a probar.',
  'auth.error.BAD_ARGS': 'Revisa los datos del formulario.',
  'auth.error.NETWORK': 'No hemos podido conectar con el servidor. Revisa tu conexión.',
  'auth.error.OTHER': 'Algo ha fallado. Vuelve a intentarlo en un momento.',
  'auth.signedInAs': 'Sesión de {name}',

  'nav.chat': 'Conversaciones',
  'nav.apps': 'Apps',
  'nav.shortcuts': 'Atajos de teclado',

  'conn.connecting': 'Conectando…',
  'conn.connected': 'Conectado',
  'conn.reconnecting': 'Sin conexión. Reintentando…',
  'conn.reconnectingIn': 'Sin conexión. Reintento en {s} s…',
  'conn.closed': 'Desconectado',
  'conn.offlineNote': 'Puedes seguir escribiendo: los mensajes se enviarán al reconectar.',

  'rooms.title': 'Conversaciones',
  'rooms.new': 'Nueva conversación',
  'rooms.empty': 'Aún no tienes conversaciones. Empieza una nueva.',
  'rooms.loading': 'Cargando conversaciones…',
  'rooms.more': 'Ver más conversaciones',
  'rooms.error': 'No se pudieron cargar las conversaciones.',
  'rooms.retry': 'Reintentar',
  'rooms.current': 'conversación abierta',

  'new.title': 'Nueva conversación',
  'new.pick': 'Elige con quién quieres hablar',
  'new.loading': 'Cargando bots…',
  'new.none': 'No hay bots disponibles ahora mismo.',
  'new.error': 'No se pudo crear la conversación. Inténtalo de nuevo.',
  'new.start': 'Empezar',
  'new.cancel': 'Cancelar',

  'chat.empty': 'Elige una conversación o empieza una nueva.',
  'chat.back': 'Volver a las conversaciones',
  'chat.messages': 'Mensajes de {title}',
  'chat.message': 'Mensaje',
  'chat.placeholder': 'Escribe un mensaje…',
  'chat.send': 'Enviar',
  'chat.composerHint': 'Intro para enviar, Mayús+Intro para una línea nueva.',
  'chat.tooLong': 'El mensaje supera el máximo de {n} caracteres.',
  'chat.charsLeft': 'Quedan {n} caracteres',
  'chat.loadOlder': 'Cargar mensajes anteriores',
  'chat.loadingOlder': 'Cargando mensajes anteriores…',
  'chat.start': 'Inicio de la conversación',
  'chat.notFound': 'No encontramos esta conversación.',
  'chat.joining': 'Abriendo la conversación…',
  'chat.you': 'Tú',
  'chat.pending': 'Enviando…',
  'chat.sent': 'Enviado',
  'chat.failed': 'No enviado',
  'chat.retry': 'Reintentar',
  'chat.dismiss': 'Descartar',
  'chat.stop': 'Detener',
  'chat.stopLabel': 'Detener la respuesta de {bot}',
  'chat.streaming': '{bot} está respondiendo…',
  'chat.stopped': 'Respuesta detenida',
  'chat.interrupted': 'Se cortó la conexión durante la respuesta; aparecerá completa al reconectar.',
  'chat.botError': '{bot} no pudo responder.',
  'chat.typingOne': '{name} está escribiendo…',
  'chat.typingMany': '{names} están escribiendo…',
  'chat.members': 'Participantes',
  'chat.online': 'en línea',
  'chat.offline': 'desconectado',
  'chat.bot': 'bot',
  'chat.export': 'Exportar',
  'chat.exportMd': 'Exportar como Markdown',
  'chat.exportJson': 'Exportar como JSON',
  'chat.exporting': 'Preparando la exportación…',
  'chat.exportDone': 'Conversación exportada.',
  'chat.exportError': 'No se pudo exportar la conversación.',
  'chat.unknownKind': 'Contenido de tipo «{kind}»',

  'crisis.title': 'Ayuda ahora',
  'crisis.call': 'Llamar a {name}: {phone}',
  'crisis.web': 'Web de {name}',
  'crisis.hours': 'Horario: {hours}',
  'crisis.lines': 'Líneas de ayuda ({country})',

  'card.risk': 'Nivel de riesgo: {risk}',
  'card.help': 'Si quieres hablar con alguien:',

  'sign.title': 'Lengua de signos ({language})',
  'sign.glosses': 'Glosas',
  'sign.fingerspelling': 'Dactilología',

  'annotation.label': 'Detector de señales',
  'annotation.risk': 'riesgo {risk}',
  'annotation.why': 'Por qué',
  'risk.none': 'ninguno',
  'risk.low': 'bajo',
  'risk.medium': 'medio',
  'risk.high': 'alto',
  'risk.critical': 'crítico',

  'shortcuts.title': 'Atajos de teclado',
  'shortcuts.new': 'Nueva conversación',
  'shortcuts.prevNext': 'Conversación anterior / siguiente',
  'shortcuts.focus': 'Ir al campo de mensaje',
  'shortcuts.stop': 'Detener la respuesta en curso',
  'shortcuts.export': 'Exportar la conversación (Markdown)',
  'shortcuts.help': 'Mostrar esta ayuda',
  'shortcuts.send': 'Enviar el mensaje',
  'shortcuts.newline': 'Línea nueva',
  'shortcuts.close': 'Cerrar',

  'apps.title': 'Apps de MENTALIA Universe',
  'apps.intro': 'Lo que puedes usar según tu plan ({tier}).',
  'apps.open': 'Abrir',
  'apps.openLabel': 'Abrir {name}',
  'apps.requires': 'Requiere el plan {tier}',
  'apps.state.available': 'Disponible',
  'apps.state.premium': 'Premium',
  'apps.state.beta': 'Beta',
  'apps.state.soon': 'Próximamente',
  'cat.mental-health': 'Salud Mental',
  'cat.communication': 'Comunicación',
  'cat.inclusion': 'Inclusión',
  'cat.professional': 'Servicios Profesionales',
  'tier.free': 'Gratuito',
  'tier.premium': 'Premium',
  'tier.professional': 'Profesional',
  'tier.enterprise': 'Empresa',
} as const;

export type MessageKey = keyof typeof es;

const en = {
  'app.name': 'MENTALIA Universe',
  'app.tagline': 'AI apps for mental health and neurodivergence',
  'app.skip': 'Skip to main content',
  'app.mainNav': 'Main navigation',

  'lang.switch': 'Español',
  'theme.dark': 'Dark theme',

  'auth.loginTitle': 'Sign in',
  'auth.registerTitle': 'Create your account',
  'auth.intro': 'A safe space to talk. Your messages are stored encrypted.',
  'auth.email': 'Email',
  'auth.password': 'Password',
  'auth.passwordHint': 'At least 8 characters.',
  'auth.name': 'Name',
  'auth.nameHint': 'What you would like us to call you.',
  'auth.remember': 'Keep me signed in on this device',
  'auth.login': 'Sign in',
  'auth.register': 'Create account',
  'auth.toRegister': 'No account yet? Sign up',
  'auth.toLogin': 'Already have an account? Sign in',
  'auth.busy': 'One moment…',
  'auth.logout': 'Sign out',
  'auth.expired': 'Your session has expired. Please sign in again.',
  'auth.error.UNAUTHORIZED': 'The email or password is not correct.',
  'auth.error.CONFLICT': 'An account with that email already exists. Try signing in.',
  'auth.error.RATE_LIMITED': 'Too many attempts in a row. Wait a few seconds and try again.',
  'auth.error.BAD_ARGS': 'Please check the form.',
  'auth.error.NETWORK': 'We could not reach the server. Check your connection.',
  'auth.error.OTHER': 'Something went wrong. Try again in a moment.',
  'auth.signedInAs': 'Signed in as {name}',

  'nav.chat': 'Conversations',
  'nav.apps': 'Apps',
  'nav.shortcuts': 'Keyboard shortcuts',

  'conn.connecting': 'Connecting…',
  'conn.connected': 'Connected',
  'conn.reconnecting': 'Offline. Retrying…',
  'conn.reconnectingIn': 'Offline. Retrying in {s} s…',
  'conn.closed': 'Disconnected',
  'conn.offlineNote': 'You can keep writing: messages are sent when the connection is back.',

  'rooms.title': 'Conversations',
  'rooms.new': 'New conversation',
  'rooms.empty': 'No conversations yet. Start a new one.',
  'rooms.loading': 'Loading conversations…',
  'rooms.more': 'Show more conversations',
  'rooms.error': 'Conversations could not be loaded.',
  'rooms.retry': 'Retry',
  'rooms.current': 'open conversation',

  'new.title': 'New conversation',
  'new.pick': 'Choose who you want to talk to',
  'new.loading': 'Loading bots…',
  'new.none': 'No bots are available right now.',
  'new.error': 'The conversation could not be created. Please try again.',
  'new.start': 'Start',
  'new.cancel': 'Cancel',

  'chat.empty': 'Choose a conversation or start a new one.',
  'chat.back': 'Back to conversations',
  'chat.messages': 'Messages of {title}',
  'chat.message': 'Message',
  'chat.placeholder': 'Write a message…',
  'chat.send': 'Send',
  'chat.composerHint': 'Enter to send, Shift+Enter for a new line.',
  'chat.tooLong': 'The message is longer than the maximum of {n} characters.',
  'chat.charsLeft': '{n} characters left',
  'chat.loadOlder': 'Load earlier messages',
  'chat.loadingOlder': 'Loading earlier messages…',
  'chat.start': 'Start of the conversation',
  'chat.notFound': 'We could not find this conversation.',
  'chat.joining': 'Opening the conversation…',
  'chat.you': 'You',
  'chat.pending': 'Sending…',
  'chat.sent': 'Sent',
  'chat.failed': 'Not sent',
  'chat.retry': 'Retry',
  'chat.dismiss': 'Dismiss',
  'chat.stop': 'Stop',
  'chat.stopLabel': 'Stop the answer of {bot}',
  'chat.streaming': '{bot} is answering…',
  'chat.stopped': 'Answer stopped',
  'chat.interrupted': 'The connection dropped during the answer; it will appear in full once reconnected.',
  'chat.botError': '{bot} could not answer.',
  'chat.typingOne': '{name} is typing…',
  'chat.typingMany': '{names} are typing…',
  'chat.members': 'Participants',
  'chat.online': 'online',
  'chat.offline': 'offline',
  'chat.bot': 'bot',
  'chat.export': 'Export',
  'chat.exportMd': 'Export as Markdown',
  'chat.exportJson': 'Export as JSON',
  'chat.exporting': 'Preparing the export…',
  'chat.exportDone': 'Conversation exported.',
  'chat.exportError': 'The conversation could not be exported.',
  'chat.unknownKind': 'Content of kind “{kind}”',

  'crisis.title': 'Help now',
  'crisis.call': 'Call {name}: {phone}',
  'crisis.web': '{name} website',
  'crisis.hours': 'Hours: {hours}',
  'crisis.lines': 'Helplines ({country})',

  'card.risk': 'Risk level: {risk}',
  'card.help': 'If you want to talk to someone:',

  'sign.title': 'Sign language ({language})',
  'sign.glosses': 'Glosses',
  'sign.fingerspelling': 'Fingerspelling',

  'annotation.label': 'Signal detector',
  'annotation.risk': '{risk} risk',
  'annotation.why': 'Why',
  'risk.none': 'no',
  'risk.low': 'low',
  'risk.medium': 'medium',
  'risk.high': 'high',
  'risk.critical': 'critical',

  'shortcuts.title': 'Keyboard shortcuts',
  'shortcuts.new': 'New conversation',
  'shortcuts.prevNext': 'Previous / next conversation',
  'shortcuts.focus': 'Go to the message field',
  'shortcuts.stop': 'Stop the answer in progress',
  'shortcuts.export': 'Export the conversation (Markdown)',
  'shortcuts.help': 'Show this help',
  'shortcuts.send': 'Send the message',
  'shortcuts.newline': 'New line',
  'shortcuts.close': 'Close',

  'apps.title': 'MENTALIA Universe apps',
  'apps.intro': 'What you can use with your plan ({tier}).',
  'apps.open': 'Open',
  'apps.openLabel': 'Open {name}',
  'apps.requires': 'Requires the {tier} plan',
  'apps.state.available': 'Available',
  'apps.state.premium': 'Premium',
  'apps.state.beta': 'Beta',
  'apps.state.soon': 'Coming soon',
  'cat.mental-health': 'Mental health',
  'cat.communication': 'Communication',
  'cat.inclusion': 'Inclusion',
  'cat.professional': 'Professional services',
  'tier.free': 'Free',
  'tier.premium': 'Premium',
  'tier.professional': 'Professional',
  'tier.enterprise': 'Enterprise',
} satisfies Record<MessageKey, string>;

export const DICTIONARIES: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = { es, en };

function initialLang(): Lang {
  const stored = readStored(LANG_KEY);
  return stored === 'en' || stored === 'es' ? stored : 'es'; // Spanish first, whatever the browser says
}

const [lang, setLangSignal] = createSignal<Lang>(initialLang());
export { lang };

export function setLang(next: Lang): void {
  setLangSignal(next);
  writeStored(LANG_KEY, next);
}

/** The translated string; `{name}` placeholders are replaced from `params`. Unknown keys show themselves. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const template: string = DICTIONARIES[lang()][key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A `{es, en}` text from the engine (bot errors, plugin texts) in the current language. */
export function pick(texts: Partial<Record<Lang, string>> | undefined, fallback = ''): string {
  if (!texts) return fallback;
  return texts[lang()] ?? texts.es ?? texts.en ?? fallback;
}

export function formatTime(ts: number): string {
  return new Intl.DateTimeFormat(lang(), { hour: '2-digit', minute: '2-digit' }).format(ts);
}

export function formatDateTime(ts: number): string {
  return new Intl.DateTimeFormat(lang(), { dateStyle: 'medium', timeStyle: 'short' }).format(ts);
}

/** "hoy 10:32", "ayer", or a short date, for the conversation list. */
export function formatRelative(ts: number, now = Date.now()): string {
  const day = (value: number) => new Date(value).toDateString();
  if (day(ts) === day(now)) return formatTime(ts);
  return new Intl.DateTimeFormat(lang(), { day: 'numeric', month: 'short' }).format(ts);
}
