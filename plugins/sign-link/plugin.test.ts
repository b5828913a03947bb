/** The plugin's turns with the kit (in-process, same context building and output checks as production). */
import { describe, expect, it } from 'vitest';
import { runPluginTurn } from '../../bots/kit/index.ts';
import signLink from './plugin.ts';

describe('sign-link turns (kit)', () => {
  it('answers a sentence with a `sign` body: glosses, fingerspelling, the whole content in the text', async () => {
    const result = await runPluginTurn(signLink, { text: 'Hola, me llamo Lucía' });
    expect(result.bodies).toEqual([{
      kind: 'sign',
      text: 'Glosas en LSM (aproximadas, generadas por reglas; no es una traducción):\nHOLA YO NOMBRE L-U-C-I-A\nDeletreado (dactilología): LUCIA',
      data: { language: 'LSM', glosses: ['HOLA', 'YO', 'NOMBRE', 'L-U-C-I-A'], fingerspelling: ['LUCIA'], approximate: true },
    }]);
  });

  it('follows the configured default language, and answers in English for an English profile', async () => {
    const result = await runPluginTurn(signLink, { text: 'Tengo un coche', config: { defaultLanguage: 'LSE' }, user: { profile: { language: 'en' } } });
    expect(result.bodies[0]!.data).toMatchObject({ language: 'LSE', glosses: ['YO', 'COCHE', 'TENER'] });
    expect(result.bodies[0]!.text).toMatch(/^LSE glosses \(approximate, rule-based; not a translation\):/);
  });

  it('explains what it does when there is nothing to gloss', async () => {
    const result = await runPluginTurn(signLink, { text: '👍' });
    expect(result.bodies).toEqual([]);
    expect(result.text).toContain('necesito un intérprete de LSM');
  });

  it('says plainly that requests cannot be stored where no storage service runs', async () => {
    const result = await runPluginTurn(signLink, { text: 'necesito un intérprete de LSE para el lunes a las 9' });
    expect(result.bodies).toEqual([{ kind: 'text', text: 'No puedo guardar solicitudes de intérprete en este servidor (almacenamiento no disponible).' }]);
  });

  it('rejects a config outside its schema', async () => {
    await expect(runPluginTurn(signLink, { text: 'hola', config: { defaultLanguage: 'ASL' } })).rejects.toMatchObject({ code: 'PLUGIN_BAD_CONFIG' });
  });
});
