import { describe, expect, it } from 'vitest';
import { SentenceGate, checkSentence, splitSentences } from './guard.ts';

const BLOCKED: [string, string][] = [
  ['Soy psicóloga y te entiendo.', 'title'],
  ['Como tu terapeuta, te digo que descanses.', 'title'],
  ['En mi consulta veo esto a menudo.', 'title'],
  ["I'm a licensed therapist.", 'title'],
  ['As your therapist, I think you should rest.', 'title'],
  ['Creo que tienes depresión.', 'diagnosis'],
  ['Por lo que cuentas tienes TDAH.', 'diagnosis'],
  ['Cumples los criterios del autismo.', 'diagnosis'],
  ['It sounds like you have ADHD.', 'diagnosis'],
  ['You meet the criteria for autism.', 'diagnosis'],
  ['Toma 50 mg de sertralina por la mañana.', 'prescription'],
  ['Deja de tomar la medicación.', 'prescription'],
  ['Te receto un ansiolítico.', 'prescription'],
  ['Mi diagnóstico es ansiedad generalizada.', 'diagnosis'],
  ['Puedo recetarte algo suave.', 'prescription'],
  ['Aumenta la dosis.', 'prescription'],
  ['You should take 2 mg of lorazepam.', 'prescription'],
  ['Stop taking your meds.', 'prescription'],
  // a comma is not a negation; a name before the title; flat diagnoses
  ['No, soy tu psicóloga.', 'title'],
  ['Hola, soy BLU, tu psicóloga.', 'title'],
  ["I'm BLU, your therapist.", 'title'],
  ['Tienes TDAH.', 'diagnosis'],
  ['Tienes ansiedad generalizada.', 'diagnosis'],
  ['Lo que describes es depresión.', 'diagnosis'],
  ['You have ADHD.', 'diagnosis'],
  ['What you describe sounds like depression.', 'diagnosis'],
];

const ALLOWED = [
  'No soy psicóloga, pero puedo acompañarte.',
  'Soy una IA, no una persona ni una psicóloga.',
  "I'm not a therapist, but I can listen.",
  "Don't stop taking your medication without talking to your doctor.",
  'No dejes de tomar tu medicación sin hablar con tu médico.',
  'Una psicóloga puede ayudarte con eso.',
  'Como persona autista, es normal necesitar pausas.',
  'Respira 4 segundos y suelta el aire en 6.',
  'It sounds like a hard day.',
  'No puedo hablarte como tu psicóloga, pero sí escucharte.',
  'Tienes derecho a descansar.',
  'Como IA, no puedo diagnosticar ni recetar.',
  'No puedo diagnosticarte ni recetarte nada.',
  'El diagnóstico es algo que solo puede hacer una profesional.',
  'Necesitas una receta médica para eso.',
  "I can't diagnose or prescribe.",
  'Your doctor may decrease the dose if it makes you sleepy.',
  'Tu psiquiatra puede ayudarte a reducir la medicación si lo necesitas.',
  '¿Tienes TDAH diagnosticado?',
  'Do you have ADHD?',
  'Si tienes TDAH, las pausas cortas pueden ayudar.',
  'Soy BLU, una inteligencia artificial de acompañamiento.',
  'No, no soy psicóloga: soy una IA.',
];

describe('the output guard', () => {
  it.each(BLOCKED)('blocks %j (%s)', (sentence, rule) => {
    expect(checkSentence(sentence)?.rule).toBe(rule);
  });

  it.each(ALLOWED)('lets %j through', (sentence) => {
    expect(checkSentence(sentence)).toBeNull();
  });

  it('releases only checked whole sentences, and nothing from the blocked one on', () => {
    const gate = new SentenceGate();
    const shown: string[] = [];
    for (const delta of ['Hola, te ', 'escucho. Soy psi', 'cóloga y ', 'sé lo que te pasa. Respira.']) {
      const step = gate.push(delta);
      shown.push(step.text);
      if (step.violation) break;
    }
    expect(shown.join('')).toBe('Hola, te escucho.');
    expect(gate.violation).toEqual({ rule: 'title', pattern: 'es-soy-titulo' });
    expect(gate.push('Más.').text).toBe('');
    expect(gate.end().text).toBe('');
  });

  it('gives the whole text back when nothing is blocked', () => {
    const gate = new SentenceGate();
    const text = ['Entiendo. ', 'Vamos paso a paso.\n', '1. Respira', ' despacio.'].map((d) => gate.push(d).text).join('') + gate.end().text;
    expect(text).toBe('Entiendo. Vamos paso a paso.\n1. Respira despacio.');
    expect(splitSentences('Uno. Dos! Tres')).toEqual(['Uno. ', 'Dos! ', 'Tres']);
  });
});
