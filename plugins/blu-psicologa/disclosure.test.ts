import { describe, expect, it } from 'vitest';
import { DISCLOSURE, REDISCLOSE_EVERY, disclosureReason, isIdentityQuestion } from './disclosure.ts';
import { detectLanguage, replyLanguage } from './language.ts';
import type { StoredMessage } from '../../schema/protocol.ts';

const QUESTIONS = [
  '¿eres una IA?', '¿Eres humana?', 'hola, ¿quién eres?', '¿hablo con una persona?', '¿eres psicóloga de verdad?', '¿sos un bot?',
  '¿Es usted médica?', '¿hay una persona real detrás?', 'Are you an AI?', 'are you a real therapist?', 'am I talking to a human?',
  'who are you', 'Is this a real person?',
];
const NOT_QUESTIONS = [
  'mañana hablo con mi psicóloga', 'eres una buena persona', 'creo que eres genial', 'what are you doing?', 'I am a human being, tired',
  'mi terapeuta dice que descanse',
];

const msg = (offset: number, from: 'user' | 'bot', id = from === 'bot' ? 'blu-psicologa' : 'u1'): StoredMessage => ({
  room: 'r', epoch: 'e', offset, msgId: `m${offset}`, ts: offset, from: { id, kind: from, name: id }, body: { text: 'x' },
});

describe('identity questions', () => {
  it.each(QUESTIONS)('%j asks what BLU is', (text) => expect(isIdentityQuestion(text)).toBe(true));
  it.each(NOT_QUESTIONS)('%j does not', (text) => expect(isIdentityQuestion(text)).toBe(false));
});

describe('when the disclosure is due', () => {
  it('on the first answer, on every REDISCLOSE_EVERY-th, and when asked', () => {
    const first = [msg(1, 'user')];
    const later = [msg(1, 'user'), msg(2, 'bot'), msg(3, 'user')];
    expect(disclosureReason({ text: 'hola', window: first, self: 'blu-psicologa', turns: 0 })).toBe('first');
    expect(disclosureReason({ text: 'hola', window: later, self: 'blu-psicologa', turns: 1 })).toBeUndefined();
    expect(disclosureReason({ text: 'hola', window: later, self: 'blu-psicologa', turns: REDISCLOSE_EVERY })).toBe('reminder');
    expect(disclosureReason({ text: '¿eres humana?', window: later, self: 'blu-psicologa', turns: 3 })).toBe('asked');
    // Another bot's answer is not BLU's: BLU still introduces itself.
    expect(disclosureReason({ text: 'hola', window: [msg(1, 'user'), msg(2, 'bot', 'safety'), msg(3, 'user')], self: 'blu-psicologa', turns: 0 })).toBe('first');
  });

  it('without memory to count with, reminds whenever no answer left in the window says BLU is an AI', () => {
    const said = (offset: number, text: string): StoredMessage => ({ ...msg(offset, 'bot'), body: { text } });
    const disclosed = [msg(1, 'user'), said(2, DISCLOSURE.es), msg(3, 'user'), said(4, 'Claro.'), msg(5, 'user')];
    const scrolledAway = [msg(3, 'user'), said(4, 'Claro.'), msg(5, 'user'), said(6, 'Vale.'), msg(7, 'user')];
    expect(disclosureReason({ text: 'hola', window: disclosed, self: 'blu-psicologa', turns: undefined })).toBeUndefined();
    expect(disclosureReason({ text: 'hola', window: scrolledAway, self: 'blu-psicologa', turns: undefined })).toBe('reminder');
  });

  it('is written in the person’s language, Spanish by default', () => {
    expect(detectLanguage('I feel really tired today')).toBe('en');
    expect(detectLanguage('Hoy estoy muy cansada')).toBe('es');
    expect(replyLanguage('ok', undefined)).toBe('es');
    expect(replyLanguage('ok', 'en')).toBe('en');
    expect(replyLanguage('hoy no puedo con todo', 'en')).toBe('es');
    expect(DISCLOSURE.es).toMatch(/inteligencia artificial/);
    expect(DISCLOSURE.en).toMatch(/AI/);
  });
});
