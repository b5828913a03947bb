import { describe, expect, it } from 'vitest';
import { isAvailable, sampleDirectory, searchInterpreters } from './interpreters.ts';
import { isCancel, isInterpreterRequest, isStatus, parseChoice, parseRequest } from './request.ts';

describe('interpreters directory (sample data)', () => {
  it('loads and validates the sample file: both languages, every entry marked as an example', () => {
    const all = sampleDirectory();
    expect(all.length).toBe(10);
    expect(all.every((i) => i.name.includes('(ejemplo)'))).toBe(true);
    expect(new Set(all.flatMap((i) => i.languages))).toEqual(new Set(['LSM', 'LSE']));
  });

  it('finds who works then, in that language, best rated first', () => {
    const found = searchInterpreters({ language: 'LSM', day: 'tue', time: '10:00' });
    expect(found.map((c) => c.interpreter.id)).toEqual(['int-mx-01', 'int-mx-02', 'int-mx-05']);
    expect(searchInterpreters({ language: 'LSM', day: 'sun', time: '10:00' })).toEqual([]);
    expect(searchInterpreters({ language: 'LSE', day: 'sat', time: '11:30' }).map((c) => c.interpreter.id)).toEqual(['int-es-04']);
  });

  it('puts the specialisation first, and filters by mode', () => {
    const legal = searchInterpreters({ language: 'LSM', day: 'tue', time: '10:00', specialisation: 'legal' });
    expect(legal[0]).toMatchObject({ interpreter: { id: 'int-mx-02' }, specialisationMatch: true });
    expect(searchInterpreters({ language: 'LSM', day: 'tue', time: '10:00', mode: 'remote' }).map((c) => c.interpreter.id)).toEqual(['int-mx-01', 'int-mx-05']);
  });

  it('treats a window as [from, to)', () => {
    const mariana = sampleDirectory().find((i) => i.id === 'int-mx-01')!;
    expect(isAvailable(mariana, 'mon', '09:00')).toBe(true);
    expect(isAvailable(mariana, 'mon', '14:00')).toBe(false);
    expect(isAvailable(mariana, 'sat', undefined)).toBe(false);
  });
});

describe('reading requests in the chat', () => {
  const tuesday = new Date('2026-11-24T12:00:00Z'); // a Tuesday

  it('reads language, day, time, specialisation and mode, in Spanish and English', () => {
    expect(isInterpreterRequest('necesito un intérprete de LSM para el martes a las 10')).toBe(true);
    expect(parseRequest('necesito un intérprete de LSM para el martes a las 10')).toEqual({ language: 'LSM', day: 'tue', time: '10:00' });
    expect(parseRequest('Busco intérprete de lengua de signos española para una cita médica mañana a las 4 de la tarde, online', tuesday))
      .toEqual({ language: 'LSE', day: 'wed', time: '16:00', specialisation: 'medical', mode: 'remote' });
    expect(parseRequest('I need an LSE interpreter on Friday at 9:30 am for a job interview')).toEqual({ language: 'LSE', day: 'fri', time: '09:30', specialisation: 'employment' });
    expect(parseRequest('intérprete para hoy', tuesday)).toEqual({ day: 'tue' });
    expect(parseRequest('intérprete presencial para el juzgado')).toEqual({ specialisation: 'legal', mode: 'in_person' });
  });

  it('reads a choice, a cancellation and a status question', () => {
    expect(parseChoice('elijo el 2')).toBe(2);
    expect(parseChoice('Opción 3')).toBe(3);
    expect(parseChoice('me quedo con la 1')).toBe(1);
    expect(parseChoice('choose 2')).toBe(2);
    expect(parseChoice('2')).toBe(2);
    expect(parseChoice('tengo 2 perros')).toBeUndefined();
    expect(isCancel('quiero cancelar la solicitud')).toBe(true);
    expect(isCancel('cancela')).toBe(false);
    expect(isStatus('¿Cuál es el estado de mi solicitud?')).toBe(true);
    expect(isStatus('mis solicitudes')).toBe(true);
  });
});
