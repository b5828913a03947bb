/**
 * @module sign-link/texts
 * What the bot says, in Spanish and English (Spanish first: the person's profile `language` picks English).
 */
import type { Day, Mode, Specialisation } from './interpreters.ts';

export type Lang = 'es' | 'en';

export function langOf(profileLanguage: unknown): Lang {
  return typeof profileLanguage === 'string' && profileLanguage.toLowerCase().startsWith('en') ? 'en' : 'es';
}

const DAY_NAMES: Readonly<Record<Day, { es: string; en: string; esShort: string; enShort: string }>> = {
  mon: { es: 'lunes', en: 'Monday', esShort: 'lun', enShort: 'Mon' },
  tue: { es: 'martes', en: 'Tuesday', esShort: 'mar', enShort: 'Tue' },
  wed: { es: 'miércoles', en: 'Wednesday', esShort: 'mié', enShort: 'Wed' },
  thu: { es: 'jueves', en: 'Thursday', esShort: 'jue', enShort: 'Thu' },
  fri: { es: 'viernes', en: 'Friday', esShort: 'vie', enShort: 'Fri' },
  sat: { es: 'sábado', en: 'Saturday', esShort: 'sáb', enShort: 'Sat' },
  sun: { es: 'domingo', en: 'Sunday', esShort: 'dom', enShort: 'Sun' },
};

export function dayName(day: Day, lang: Lang, short = false): string {
  const names = DAY_NAMES[day];
  return short ? (lang === 'es' ? names.esShort : names.enShort) : names[lang];
}

export function modeName(mode: Mode, lang: Lang): string {
  return mode === 'remote' ? (lang === 'es' ? 'remoto' : 'remote') : lang === 'es' ? 'presencial' : 'in person';
}

const SPECIALISATION_NAMES: Readonly<Record<Specialisation, { es: string; en: string }>> = {
  medical: { es: 'médica', en: 'medical' },
  legal: { es: 'jurídica', en: 'legal' },
  education: { es: 'educativa', en: 'education' },
  mental_health: { es: 'salud mental', en: 'mental health' },
  employment: { es: 'empleo', en: 'employment' },
  events: { es: 'eventos', en: 'events' },
  general: { es: 'general', en: 'general' },
};

export function specialisationName(s: Specialisation, lang: Lang): string {
  return SPECIALISATION_NAMES[s][lang];
}

export const TEXT = {
  glossHeader: {
    es: (language: string) => `Glosas en ${language} (aproximadas, generadas por reglas; no es una traducción):`,
    en: (language: string) => `${language} glosses (approximate, rule-based; not a translation):`,
  },
  fingerspelled: { es: 'Deletreado (dactilología):', en: 'Fingerspelled:' },
  nothingToGloss: {
    es: 'Escríbeme una frase y te muestro sus glosas y el deletreo con el alfabeto manual. También puedo buscar intérpretes: «necesito un intérprete de LSM para el martes a las 10».',
    en: 'Write me a sentence and I will show its glosses and the fingerspelling with the manual alphabet. I can also look for interpreters: "I need an LSM interpreter on Tuesday at 10".',
  },
  recognised: {
    es: (language: string, text: string) => `Deletreo reconocido (${language}): «${text}»`,
    en: (language: string, text: string) => `Recognised fingerspelling (${language}): "${text}"`,
  },
  nothingRecognised: {
    es: (language: string) => `No reconocí ninguna letra estática del alfabeto de ${language} en esos fotogramas. Mantén cada letra quieta un momento, con la mano entera a la vista.`,
    en: (language: string) => `I did not recognise any static letter of the ${language} alphabet in those frames. Hold each letter still for a moment, with the whole hand in view.`,
  },
  recognitionCaveat: {
    es: 'Solo letras sin movimiento; el modelo está entrenado con manos sintéticas y puede equivocarse.',
    en: 'Static letters only; the model is trained on synthetic hands and can be wrong.',
  },
  recognitionUnavailable: {
    es: 'El reconocimiento de deletreo no está disponible ahora (el servicio de modelos locales no responde). Tus fotogramas no se han interpretado.',
    en: 'Fingerspelling recognition is not available right now (the local model service is not answering). Your frames were not interpreted.',
  },
  storageUnavailable: {
    es: 'No puedo guardar solicitudes de intérprete en este servidor (almacenamiento no disponible).',
    en: 'I cannot store interpreter requests on this server (storage not available).',
  },
} as const;
