/**
 * @module blu-psicologa/crisis
 * BLU's own crisis behaviour, behind the engine's safety layer (plugins/safety + engine/src/safety: a global
 * labeller that stops crisis messages before any bot answers and shows the engine's `crisis` card, composed from the
 * admin-maintained helpline directory — so BLU normally never sees them):
 * - a small, high-precision phrase net (Spanish and English) for messages the layer missed, or deployments where it
 *   is off (SAFETY_LAYER=off, development only): BLU then does not ask the model at all and answers with a fixed,
 *   warm hand-off text;
 * - "elevated" conversations (the engine's risk state, or a crisis card shown here recently): every answer opens
 *   with a gentle reminder of where help is, and the prompt tells the model to stay short and soft.
 * BLU never writes a phone number: crisis cards and their numbers are the engine's (schema/PROTOCOL.md, "Crisis cards
 * are composed by the engine"), so one verified directory is all anyone sees.
 */
import type { MessageBody, StoredMessage } from '../../schema/protocol.ts';
import type { Language, RoomRisk } from '../../bots/sdk/index.ts';
import { matchesAny, normalize } from './text-norm.ts';

/** How long after the last crisis card a conversation is treated as elevated. */
export const ELEVATED_FOR_MS = 24 * 60 * 60 * 1000;

const NOT_IDIOM = '(?! de (risa|verguenza|ganas|hambre|sueno|frio|calor|aburrimiento|envidia|amor|pena))';
const CRISIS_PHRASES: readonly RegExp[] = [
  /\b(suicid(io|arme|arse|ar)|me voy a suicidar|pienso en suicid)/,
  /\b(matarme|quitarme la vida|acabar con mi vida|terminar con mi vida|poner fin a mi vida)\b/,
  new RegExp(`\\b(me quiero morir|quiero morirme|quiero morir|ojala me muriera|ojala estuviera muerta?o?)\\b${NOT_IDIOM}`),
  /\bno quiero (seguir )?(vivir|despertar(me)?|estar vivo|estar viva)\b/,
  /\b(hacerme dano|autolesion(arme|es)?|cortarme (las venas|los brazos|otra vez))\b/,
  /\bno vale la pena (vivir|seguir viviendo)\b/,
  /\b(kill myself|killing myself|end my life|take my (own )?life|suicidal|commit suicide|want to die|wanna die|wish i was dead|wish i were dead)\b/,
  /\b(hurt myself|harm myself|self harm|self-harm|cut myself)\b/,
  /\b(don't|do not|dont) want to (live|be alive|wake up)( anymore)?\b/,
];

/** The last-resort net: true when the message says plainly that the person may hurt themselves. */
export function saysCrisis(text: string): boolean {
  return matchesAny(normalize(text), CRISIS_PHRASES);
}

/** A crisis card shown in this window, by any bot (the safety layer or BLU). */
export function crisisInWindow(window: readonly StoredMessage[]): StoredMessage | undefined {
  return window.findLast((m) => m.from.kind === 'bot' && m.body.kind === 'crisis');
}

const ELEVATED_LEVELS = new Set(['medium', 'high', 'critical']);

/**
 * Whether the conversation is at elevated risk: the engine's persisted risk (`ctx.roomRisk`, stays elevated until a
 * moderator clears it), a crisis card in the window, or one remembered from less than `ELEVATED_FOR_MS` ago.
 */
export function isElevated(input: {
  readonly roomRisk: RoomRisk | undefined;
  readonly window: readonly StoredMessage[];
  readonly elevatedAt: number | null;
  readonly now: number;
}): boolean {
  if (input.roomRisk !== undefined && ELEVATED_LEVELS.has(input.roomRisk.level)) return true;
  if (crisisInWindow(input.window) !== undefined) return true;
  return input.elevatedAt !== null && input.now - input.elevatedAt < ELEVATED_FOR_MS;
}

/** `body.data.notice` of BLU's own hand-off, so clients and tests can tell it from an ordinary answer. */
export const NOTICE_HANDOFF = 'BLU_CRISIS_HANDOFF';

const HANDOFF: Record<Language, string> = {
  es: 'Lo que cuentas es importante y no tienes que pasarlo a solas. Soy una inteligencia artificial, no una persona, y no puedo ayudarte como lo haría alguien preparado para esto. Si estás en peligro ahora mismo, llama al número de emergencias de tu país. Por favor, habla hoy con una línea de ayuda para crisis o con una persona de confianza. ¿Estás a salvo en este momento?',
  en: "What you're going through matters and you don't have to face it alone. I am an artificial intelligence, not a person, and I can't help the way a trained person can. If you are in danger right now, call your country's emergency number. Please talk today to a crisis line or to someone you trust. Are you safe right now?",
};

const HANDOFF_REPEAT: Record<Language, string> = {
  es: 'Sigo aquí. Lo que dices me preocupa. Si estás en peligro, llama ahora al número de emergencias de tu país, o a una de las líneas de ayuda. ¿Estás a salvo en este momento?',
  en: "I'm still here. What you say worries me. If you are in danger, call your country's emergency number now, or one of the helplines. Are you safe right now?",
};

/**
 * BLU's own hand-off: fixed words, no model, no numbers (the engine's card has them). The first one says BLU is an
 * AI; the repeated one does not, so a due `disclosure` opens it.
 */
export function handOffBody(language: Language, repeat: boolean, disclosure?: string): MessageBody {
  const text = repeat ? (disclosure === undefined ? HANDOFF_REPEAT[language] : `${disclosure}\n\n${HANDOFF_REPEAT[language]}`) : HANDOFF[language];
  return { kind: 'text', text, data: { notice: NOTICE_HANDOFF } };
}

/** The gentle line that opens every answer while the conversation is elevated. */
export function gentleLine(language: Language): string {
  return language === 'en'
    ? "I'm still here with you. The helplines on the safety card are still there for you: if things get very hard again, call one of them, or your emergency number if you are in danger."
    : 'Sigo aquí contigo. Las líneas de ayuda de la tarjeta de seguridad siguen ahí para ti: si vuelve a ser muy difícil, llama a una de ellas, o al número de emergencias si estás en peligro.';
}
