import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../schema/protocol.ts';
import { ELEVATED_FOR_MS, NOTICE_HANDOFF, gentleLine, handOffBody, isElevated, saysCrisis } from './crisis.ts';

const card: StoredMessage = {
  room: 'r', epoch: 'e', offset: 2, msgId: 'c', ts: 0, from: { id: 'safety', kind: 'bot', name: 'Seguridad' },
  body: { kind: 'crisis', text: '…', data: {} },
};

describe('BLU’s own crisis net', () => {
  it.each(['me quiero morir', 'ya no quiero vivir', 'pienso en suicidarme', 'I want to kill myself', "I don't want to live anymore", 'quiero hacerme daño'])(
    '%j is a crisis', (text) => expect(saysCrisis(text)).toBe(true),
  );
  it.each(['me quiero morir de risa', 'me muero de ganas de verte', 'este examen me mata', 'I could die of embarrassment', 'hoy estoy triste'])(
    '%j is not', (text) => expect(saysCrisis(text)).toBe(false),
  );

  it('hands off with fixed words and no phone number (numbers come only from the engine’s card)', () => {
    const first = handOffBody('es', false);
    expect(first).toMatchObject({ kind: 'text', data: { notice: NOTICE_HANDOFF } });
    expect(first.text).toMatch(/^Lo que cuentas es importante/);
    expect(first.text).toMatch(/Soy una inteligencia artificial, no una persona/);
    expect(handOffBody('en', true).text).toMatch(/^I'm still here/);
    // A repeated hand-off that is also BLU's first answer (the safety card came first) opens with the disclosure.
    expect(handOffBody('es', true, 'Soy BLU, una inteligencia artificial.').text).toMatch(/^Soy BLU, una inteligencia artificial\.\n\nSigo aquí/);
    for (const text of [first.text, handOffBody('en', false).text, gentleLine('es'), gentleLine('en')]) expect(text).not.toMatch(/\d{3}/);
  });
});

describe('elevated conversations', () => {
  const now = 10 * ELEVATED_FOR_MS;
  it('follows the engine’s risk state, a card in the window, or a recent remembered card', () => {
    expect(isElevated({ roomRisk: { level: 'high', events: 1, lowSignals: 0 }, window: [], elevatedAt: null, now })).toBe(true);
    expect(isElevated({ roomRisk: { level: 'low', events: 0, lowSignals: 2 }, window: [], elevatedAt: null, now })).toBe(false);
    expect(isElevated({ roomRisk: undefined, window: [card], elevatedAt: null, now })).toBe(true);
    expect(isElevated({ roomRisk: undefined, window: [], elevatedAt: now - 1000, now })).toBe(true);
    expect(isElevated({ roomRisk: undefined, window: [], elevatedAt: now - ELEVATED_FOR_MS - 1, now })).toBe(false);
  });
});
