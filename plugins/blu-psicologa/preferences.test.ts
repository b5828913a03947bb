import { describe, expect, it } from 'vitest';
import { readPreferences, styleRules } from './preferences.ts';
import { buildSystemPrompt } from './prompt.ts';

describe('preferences from the profile', () => {
  it('reads the declared fields and ignores malformed ones', () => {
    expect(readPreferences({ language: 'en', country: 'mx', communication: { literal: true, lists: 'yes' }, sensory: ['sound', 'x'] })).toEqual({
      language: 'en', literal: true, shortSentences: false, oneQuestionAtATime: false, noEmoji: false, lists: false, sensory: ['sound'],
    });
    expect(readPreferences({ language: 'fr', country: 'España', communication: 'literal', sensory: 'sound' })).toEqual({
      literal: false, shortSentences: false, oneQuestionAtATime: false, noEmoji: false, lists: false, sensory: [],
    });
  });

  it('turns each preference into one rule, and none into none', () => {
    const all = readPreferences({ communication: { literal: true, shortSentences: true, oneQuestionAtATime: true, noEmoji: true, lists: true }, sensory: ['light'] });
    const rules = styleRules(all);
    expect(rules).toHaveLength(6);
    expect(rules.join('\n')).toMatch(/Lenguaje literal/);
    expect(rules.join('\n')).toMatch(/12 palabras/);
    expect(rules.join('\n')).toMatch(/Una sola pregunta/);
    expect(rules.join('\n')).toMatch(/luz intensa/);
    expect(styleRules(readPreferences({}))).toEqual([]);
  });

  it('puts the rules, the summary and the state of the conversation into the system prompt', () => {
    const preferences = readPreferences({ communication: { oneQuestionAtATime: true } });
    const prompt = buildSystemPrompt({ preferences, language: 'es', summary: 'La persona habló de su trabajo.', elevated: true, disclosedThisTurn: true, name: 'Ana' });
    expect(prompt).toMatch(/No eres una persona, ni psicóloga/);
    expect(prompt).toMatch(/No diagnosticas/);
    expect(prompt).toMatch(/No recetas/);
    expect(prompt).toMatch(/Una sola pregunta por respuesta/);
    expect(prompt).toMatch(/La persona habló de su trabajo\./);
    expect(prompt).toMatch(/ATENCIÓN/);
    expect(prompt).toMatch(/ya ha mostrado/);
    const plain = buildSystemPrompt({ preferences: readPreferences({}), language: 'en', summary: '', elevated: false, disclosedThisTurn: false, name: 'Ana' });
    expect(plain).not.toMatch(/PREFERENCIAS DE COMUNICACIÓN|ATENCIÓN|Resumen de la conversación/);
  });
});
