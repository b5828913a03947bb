/**
 * @module blu-psicologa/disclosure
 * That BLU is an AI must not depend on the model obeying its prompt: the plugin itself writes the disclosure at the
 * start of a conversation, every `REDISCLOSE_EVERY` answers in long ones, and whenever the person asks whether it is
 * an AI, a person, a psychologist or a professional (detected here, Spanish and English, with plain patterns).
 */
import type { StoredMessage } from '../../schema/protocol.ts';
import type { Language } from '../../bots/sdk/index.ts';
import { matchesAny, normalize } from './text-norm.ts';

/** Long conversations hear it again (EU AI Act art. 50, California SB 243: disclose, and remind). */
export const REDISCLOSE_EVERY = 15;

const WHAT_ES = '(ia|i a|inteligencia artificial|robot|bot|chatbot|maquina|programa|humana|humano|persona|psicologa|psicologo|terapeuta|doctora|doctor|medica|medico|profesional|psiquiatra)';
const WHAT_EN = '(ai|a i|artificial intelligence|robot|bot|chatbot|machine|program|human|person|psychologist|therapist|doctor|counsell?or|professional|psychiatrist)';

const IDENTITY_QUESTIONS: readonly RegExp[] = [
  // "¿eres una IA?", "¿eres humana?", "¿eres psicóloga de verdad?", "¿sos un bot?", "¿es usted médica?"
  new RegExp(`\\b(eres|sos|es usted)( de verdad| realmente| en realidad)? (una |un |la |el )?(real |verdadera |verdadero )?${WHAT_ES}\\b`),
  // "¿hablo con una persona?", "¿estoy hablando con un bot?" (an article or nothing: "hablo con mi psicóloga" is not it)
  new RegExp(`\\b(hablo|estoy hablando|estoy chateando|hablando) con (una |un |alguien )?(real |de verdad )?${WHAT_ES}\\b`),
  /\b(hay|es) (una persona|alguien|un humano|una humana) (real|de verdad|detras|al otro lado|escribiendo)\b/,
  /\b(eres|sos) (real|de verdad)\b/,
  /\bquien eres( exactamente| realmente| tu)?$/,
  /^(y |pero |dime )?que eres( exactamente| tu)?$/,
  // "are you an AI?", "are you a real therapist?", "am I talking to a human?", "who are you?"
  new RegExp(`\\bare you (really |actually )?(a |an |the )?(real |actual |licensed )?${WHAT_EN}\\b`),
  new RegExp(`\\bam i (talking|speaking|chatting) (to|with) (a |an )?(real )?${WHAT_EN}\\b`),
  /\b(is there|is this) a (real )?(person|human)\b/,
  /\bare you real\b/,
  /\bwho are you\b(?! to\b)/,
  /^(but |so |and )?what are you( exactly| really)?$/,
];

export function isIdentityQuestion(text: string): boolean {
  return matchesAny(normalize(text), IDENTITY_QUESTIONS);
}

export const DISCLOSURE: Record<Language, string> = {
  es: 'Soy BLU, una inteligencia artificial de acompañamiento. No soy una persona ni una psicóloga, y no diagnostico ni receto. Si estás en peligro, llama al número de emergencias.',
  en: 'I am BLU, an AI support companion. I am not a person or a psychologist, and I do not diagnose or prescribe. If you are in danger, call your emergency number.',
};

/** The answer to "are you an AI / a person / a psychologist?": always true, whatever the model says next. */
export const IDENTITY_ANSWER: Record<Language, string> = {
  es: 'Sí, soy una inteligencia artificial, no una persona. Tampoco soy psicóloga ni profesional sanitaria: no diagnostico ni receto. Puedo acompañarte, escucharte y proponerte ejercicios sencillos.',
  en: 'Yes, I am an artificial intelligence, not a person. I am not a psychologist or a health professional either: I do not diagnose or prescribe. I can keep you company, listen and suggest simple exercises.',
};

export type DisclosureReason = 'first' | 'reminder' | 'asked';

/**
 * Why this answer must carry the disclosure, or undefined. `first`: no earlier answer of this bot is in the window
 * (the start of the conversation — or one so long that its start scrolled away, where a reminder is due anyway).
 * `reminder`: every `REDISCLOSE_EVERY` answers by the memory's count, or, without memory, whenever none of this bot's
 * answers left in the window says it is an AI.
 */
export function disclosureReason(input: {
  readonly text: string;
  readonly window: readonly StoredMessage[];
  readonly self: string;
  /** Answers so far, from the conversation memory; undefined when there is no memory to count with. */
  readonly turns: number | undefined;
}): DisclosureReason | undefined {
  if (isIdentityQuestion(input.text)) return 'asked';
  const mine = input.window.filter((m) => m.from.kind === 'bot' && m.from.id === input.self && m.offset < (input.window.at(-1)?.offset ?? Infinity));
  if (mine.length === 0) return 'first';
  if (input.turns === undefined) {
    // Without memory there is no count: remind whenever no disclosure is left in the window (every ~10 answers).
    return mine.some((m) => DISCLOSURE_MARKS.some((mark) => m.body.text.includes(mark))) ? undefined : 'reminder';
  }
  if (input.turns > 0 && input.turns % REDISCLOSE_EVERY === 0) return 'reminder';
  return undefined;
}

/** Texts that say BLU is an AI (the disclosure, the identity answer, the crisis hand-off, in both languages). */
const DISCLOSURE_MARKS = ['inteligencia artificial', 'artificial intelligence', ' AI '];

export function disclosureText(reason: DisclosureReason, language: Language): string {
  return reason === 'asked' ? IDENTITY_ANSWER[language] : DISCLOSURE[language];
}
