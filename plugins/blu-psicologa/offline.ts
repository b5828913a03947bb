/**
 * @module blu-psicologa/offline
 * Without a configured model BLU does not pretend: every answer is labelled "Modo sin conexión — no soy la IA
 * completa" and comes from a fixed set of `card` bodies chosen by plain keyword matching (Spanish and English):
 * grounding (5-4-3-2-1), breathing, psychoeducation cards (anxiety, sensory overload / meltdown and shutdown,
 * autistic burnout, masking) and where to find helplines (BLU writes no phone numbers: the engine's crisis card,
 * from the admin-verified directory, is where numbers come from). Anything else gets the menu.
 * Card `data` is `{title, items, note, offline: true, intent}`; `body.text` repeats it as plain text.
 */
import type { MessageBody } from '../../schema/protocol.ts';
import type { Language } from '../../bots/sdk/index.ts';
import { senseNames, type Preferences } from './preferences.ts';
import { matchesAny, normalize } from './text-norm.ts';

export const OFFLINE_LABEL: Record<Language, string> = {
  es: 'Modo sin conexión — no soy la IA completa. Aquí no hay ningún modelo de lenguaje: te ofrezco ejercicios y fichas fijas, escritas de antemano.',
  en: 'Offline mode — I am not the full AI. There is no language model here: I offer fixed exercises and cards, written in advance.',
};

export type OfflineIntent = 'grounding' | 'breathing' | 'anxiety' | 'overload' | 'burnout' | 'masking' | 'helplines' | 'menu';

const INTENTS: readonly (readonly [OfflineIntent, readonly RegExp[]])[] = [
  ['helplines', [/\b(telefonos?|linea de ayuda|lineas de ayuda|numero de ayuda|hablar con (una persona|alguien|un profesional|una profesional)|ayuda profesional|emergencia|helplines?|hotline|crisis line|talk to (a person|someone|a human|a professional)|professional help)\b/]],
  ['breathing', [/\b(respira|respirar|respiracion|respiraciones|aire|breath|breathe|breathing)\b/]],
  ['grounding', [/\b(5 4 3 2 1|54321|grounding|anclaje|anclarme|aterrizar|ground me|ground myself|disociad[ao]|dissociat\w*|irreal|unreal|panico|panic)\b/]],
  ['overload', [/\b(sobrecarga|saturad[ao]|sobreestimulad[ao]|meltdown|shutdown|crisis sensorial|demasiado ruido|overload|overloaded|overstimulated|too loud|too much noise)\b/]],
  ['burnout', [/\b(burnout|burn out|quemad[ao]|agotad[ao]|agotamiento|sin energia|exhausted|exhaustion|no energy|drained)\b/]],
  ['masking', [/\b(masking|camuflaje|camuflar|enmascarar|enmascaramiento|fingir ser normal|hacerme pasar|pretend to be normal|mask|masking)\b/]],
  ['anxiety', [/\b(ansiedad|ansios[ao]|nervios[ao]|agobi\w*|preocupad[ao]|anxiety|anxious|nervous|worried|overwhelmed|stress|estres)\b/]],
];

export function offlineIntent(text: string): OfflineIntent {
  const normalized = normalize(text);
  for (const [intent, patterns] of INTENTS) if (matchesAny(normalized, patterns)) return intent;
  return 'menu';
}

interface CardText {
  readonly title: string;
  readonly items: readonly string[];
}

function grounding(language: Language, preferences: Preferences): CardText {
  const avoid = preferences.sensory;
  const es: string[] = [];
  const en: string[] = [];
  if (!avoid.includes('light')) { es.push('5 cosas que puedes ver.'); en.push('5 things you can see.'); }
  if (!avoid.includes('touch')) { es.push('4 cosas que puedes tocar.'); en.push('4 things you can touch.'); }
  if (!avoid.includes('sound')) { es.push('3 cosas que puedes oír.'); en.push('3 things you can hear.'); }
  if (!avoid.includes('smell')) { es.push('2 cosas que puedes oler.'); en.push('2 things you can smell.'); }
  if (!avoid.includes('taste')) { es.push('1 cosa que puedes saborear.'); en.push('1 thing you can taste.'); }
  es.push('Si un sentido te molesta, sáltalo. Nombra cosas de tu habitación en voz baja o por escrito.');
  en.push('If a sense bothers you, skip it. Name things in your room quietly or in writing.');
  if (avoid.length > 0) {
    es.push(`He quitado los pasos de: ${senseNames(avoid, 'es').join(', ')}.`);
    en.push(`I left out the steps for: ${senseNames(avoid, 'en').join(', ')}.`);
  }
  return language === 'en' ? { title: 'Grounding 5-4-3-2-1', items: en } : { title: 'Anclaje 5-4-3-2-1', items: es };
}

const CARDS: Record<Exclude<OfflineIntent, 'grounding' | 'helplines'>, Record<Language, CardText>> = {
  breathing: {
    es: { title: 'Respiración 4-6', items: ['Toma aire por la nariz contando 4.', 'Suelta el aire por la boca contando 6.', 'Repite 5 veces.', 'Si contar te agobia, solo haz que la salida sea más larga que la entrada.'] },
    en: { title: 'Breathing 4-6', items: ['Breathe in through your nose for a count of 4.', 'Breathe out through your mouth for a count of 6.', 'Repeat 5 times.', 'If counting stresses you, just make the out-breath longer than the in-breath.'] },
  },
  anxiety: {
    es: { title: 'Ficha: la ansiedad', items: ['La ansiedad es una reacción del cuerpo ante algo que siente como amenaza.', 'Puede notarse como corazón rápido, tensión, nudo en el estómago o pensamientos que se repiten.', 'Es desagradable, pero sube, llega a un máximo y baja.', 'Ayuda: respirar más lento, anclarte a lo que ves y tocas, y reducir estímulos.', 'Si dura semanas o te impide tu vida diaria, habla con una profesional de la salud.'] },
    en: { title: 'Card: anxiety', items: ['Anxiety is the body reacting to something it feels as a threat.', 'It can feel like a fast heart, tension, a knot in the stomach or repeating thoughts.', 'It is unpleasant, but it rises, peaks and goes down.', 'What helps: slower breathing, grounding in what you see and touch, fewer stimuli.', 'If it lasts weeks or stops your daily life, talk to a health professional.'] },
  },
  overload: {
    es: { title: 'Ficha: sobrecarga sensorial', items: ['La sobrecarga pasa cuando llegan más estímulos de los que el cerebro puede procesar.', 'Puede acabar en un meltdown (desborde) o un shutdown (apagarse). No son berrinches ni fallos tuyos.', 'Primero: baja estímulos. Menos luz, menos ruido, auriculares, un sitio tranquilo.', 'No hace falta hablar. Puedes escribir o esperar.', 'Después, descansa. Recuperarse lleva tiempo.'] },
    en: { title: 'Card: sensory overload', items: ['Overload happens when more input arrives than the brain can process.', 'It can end in a meltdown or a shutdown. They are not tantrums and not your fault.', 'First: lower the input. Less light, less noise, headphones, a quiet place.', 'You do not have to talk. You can write, or wait.', 'Afterwards, rest. Recovery takes time.'] },
  },
  burnout: {
    es: { title: 'Ficha: burnout autista', items: ['Es un agotamiento profundo tras mucho tiempo de exigencias, estímulos o camuflaje.', 'Puede notarse como menos energía, más sensibilidad y perder habilidades por un tiempo.', 'Ayuda: reducir exigencias, más descanso, menos camuflaje y rutinas previsibles.', 'Si no mejora o te impide tu vida diaria, habla con una profesional de la salud.'] },
    en: { title: 'Card: autistic burnout', items: ['It is deep exhaustion after a long time of demands, stimuli or masking.', 'It can feel like less energy, more sensitivity and losing skills for a while.', 'What helps: fewer demands, more rest, less masking and predictable routines.', 'If it does not improve or stops your daily life, talk to a health professional.'] },
  },
  masking: {
    es: { title: 'Ficha: camuflaje (masking)', items: ['Camuflar es esconder rasgos propios para encajar: forzar el contacto visual, copiar gestos, ensayar conversaciones.', 'Cansa mucho, aunque desde fuera no se note.', 'No tienes que dejarlo de golpe. Puedes elegir sitios y personas con quienes camuflar menos.', 'Tu forma de ser es válida.'] },
    en: { title: 'Card: masking', items: ['Masking is hiding your own traits to fit in: forcing eye contact, copying gestures, rehearsing conversations.', 'It is very tiring, even when nobody sees it.', 'You do not have to stop all at once. You can choose places and people where you mask less.', 'The way you are is valid.'] },
  },
  menu: {
    es: { title: 'Lo que puedo ofrecerte sin conexión', items: ['Escribe «anclaje» para el ejercicio 5-4-3-2-1.', 'Escribe «respirar» para una respiración guiada.', 'Escribe «ansiedad», «sobrecarga», «burnout» o «camuflaje» para una ficha.', 'Escribe «teléfonos» para ver líneas de ayuda.'] },
    en: { title: 'What I can offer offline', items: ['Write "grounding" for the 5-4-3-2-1 exercise.', 'Write "breathe" for guided breathing.', 'Write "anxiety", "overload", "burnout" or "masking" for a card.', 'Write "helplines" to see helplines.'] },
  },
};

const HELPLINES_TITLE: Record<Language, string> = { es: 'Líneas de ayuda', en: 'Helplines' };
const HELPLINES_ITEMS: Record<Language, string[]> = {
  es: [
    'Si estás en peligro ahora mismo, llama al número de emergencias de tu país.',
    'Las líneas de ayuda para crisis son gratuitas y confidenciales, y te atiende una persona.',
    'Si hablas de riesgo en este chat, la capa de seguridad de MENTALIA te muestra las líneas verificadas de tu país.',
    'Buscador internacional de líneas de ayuda: findahelpline.com',
    'También puedes escribir a una persona de confianza: «¿Puedes hablar conmigo ahora?» es suficiente.',
  ],
  en: [
    "If you are in danger right now, call your country's emergency number.",
    'Crisis lines are free and confidential, and a person answers.',
    "If you talk about risk in this chat, MENTALIA's safety layer shows you your country's verified lines.",
    'International helpline finder: findahelpline.com',
    'You can also write to someone you trust: "Can you talk with me now?" is enough.',
  ],
};

/** Added to every card while the conversation is elevated. */
const ELEVATED_ITEM: Record<Language, string> = {
  es: 'Si vuelve a ser muy difícil, llama a una de las líneas de la tarjeta de seguridad, o al número de emergencias si estás en peligro.',
  en: 'If things get very hard again, call one of the lines on the safety card, or your emergency number if you are in danger.',
};

export interface OfflineOptions {
  readonly language: Language;
  readonly preferences: Preferences;
  /** Lines that open the answer (the AI disclosure, the gentle line of an elevated conversation). */
  readonly preface: readonly string[];
  /** Remind where help is on any card (elevated conversations). */
  readonly elevated: boolean;
}

export function offlineCard(intent: OfflineIntent, options: OfflineOptions): MessageBody {
  const { language, preferences } = options;
  const card =
    intent === 'grounding' ? grounding(language, preferences)
      : intent === 'helplines' ? { title: HELPLINES_TITLE[language], items: HELPLINES_ITEMS[language] }
        : CARDS[intent][language];
  const items = options.elevated && intent !== 'helplines' ? [...card.items, ELEVATED_ITEM[language]] : [...card.items];
  const note = OFFLINE_LABEL[language];
  const text = [note, ...options.preface, '', card.title, ...items.map((item, i) => `${i + 1}. ${item}`)].join('\n');
  return {
    kind: 'card',
    text,
    data: { title: card.title, items, note: [note, ...options.preface].join(' '), offline: true, intent },
  };
}
