/**
 * @module panel/i18n
 * Every user-facing string of the widget panel, Spanish first (default) and English. The language comes from the
 * loader's `data-lang` (query `lang`); the panel has a switch too.
 */
import { createSignal } from 'solid-js';

export type Lang = 'es' | 'en';

const es = {
  'panel.title': 'Chat',
  'panel.close': 'Cerrar el chat',
  'panel.langSwitch': 'English',
  'panel.langSwitchLabel': 'Cambiar el idioma a inglés',
  'panel.privacy': 'Tus mensajes se guardan cifrados.',
  'panel.messages': 'Mensajes',
  'panel.empty': 'Escribe tu primer mensaje para empezar.',
  'panel.you': 'Tú',
  'panel.botWriting': 'escribiendo…',
  'panel.pending': 'Enviando…',
  'panel.failed': 'No se ha enviado',
  'composer.label': 'Tu mensaje',
  'composer.placeholder': 'Escribe aquí…',
  'composer.send': 'Enviar',
  'status.connecting': 'Conectando…',
  'status.connected': 'En línea',
  'status.reconnecting': 'Sin conexión. Reintentando…',
  'status.closed': 'Desconectado',
  'status.polling': 'Conexión compatible',
  'status.pollingHint': 'Tu red no permite WebSocket; usamos una conexión alternativa.',
  'error.generic': 'No se ha podido abrir el chat. Inténtalo de nuevo más tarde.',
  'error.NOT_FOUND': 'Este chat no está configurado para este sitio.',
  'error.FORBIDDEN': 'Este sitio no tiene permiso para mostrar el chat.',
  'error.UNAUTHORIZED': 'No hemos podido verificar tu sesión. Recarga la página.',
  'error.RATE_LIMITED': 'Demasiados intentos seguidos. Espera unos segundos.',
  'error.retry': 'Reintentar',
};

type Key = keyof typeof es;

const en: Record<Key, string> = {
  'panel.title': 'Chat',
  'panel.close': 'Close the chat',
  'panel.langSwitch': 'Español',
  'panel.langSwitchLabel': 'Switch the language to Spanish',
  'panel.privacy': 'Your messages are stored encrypted.',
  'panel.messages': 'Messages',
  'panel.empty': 'Write your first message to start.',
  'panel.you': 'You',
  'panel.botWriting': 'writing…',
  'panel.pending': 'Sending…',
  'panel.failed': 'Not sent',
  'composer.label': 'Your message',
  'composer.placeholder': 'Write here…',
  'composer.send': 'Send',
  'status.connecting': 'Connecting…',
  'status.connected': 'Online',
  'status.reconnecting': 'Offline. Retrying…',
  'status.closed': 'Disconnected',
  'status.polling': 'Compatibility connection',
  'status.pollingHint': 'Your network blocks WebSocket; we use an alternative connection.',
  'error.generic': 'The chat could not open. Please try again later.',
  'error.NOT_FOUND': 'This chat is not set up for this site.',
  'error.FORBIDDEN': 'This site is not allowed to show the chat.',
  'error.UNAUTHORIZED': 'We could not verify your session. Reload the page.',
  'error.RATE_LIMITED': 'Too many attempts in a row. Wait a few seconds.',
  'error.retry': 'Try again',
};

const [lang, setLangSignal] = createSignal<Lang>('es');
export { lang };

export function setLang(next: Lang): void {
  setLangSignal(next);
  document.documentElement.lang = next;
}

export function t(key: Key): string {
  return (lang() === 'en' ? en : es)[key];
}

/** The error text for a protocol code, or the generic one. */
export function errorText(code: string | undefined): string {
  const key = `error.${code}` as Key;
  return key in es ? t(key) : t('error.generic');
}
