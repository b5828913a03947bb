import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PluginDiscoveryError, discoverPlugins } from './discover.ts';

// Temporary plugin folders live inside the repository so that their imports of the SDK resolve.
const scratch = mkdtempSync(path.join(process.cwd(), 'bots/host/.discover-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SDK = path.resolve('bots/sdk/index.ts');

function pluginFolder(root: string, folder: string, manifest: string): void {
  mkdirSync(path.join(root, folder), { recursive: true });
  writeFileSync(
    path.join(root, folder, 'plugin.ts'),
    `import { definePlugin } from ${JSON.stringify(SDK)};\nexport default definePlugin(${manifest});\n`,
  );
}

const manifest = (name: string, extra = '') => `{
  name: ${JSON.stringify(name)}, version: '1.0.0', category: 'developer', capabilities: [],
  description: { es: 'Prueba.', en: 'Test.' }, ${extra}
  hooks: { async *onTurn() { yield { type: 'text', text: 'ok' }; } },
}`;

async function discoveryError(dir: string | string[]): Promise<PluginDiscoveryError> {
  try {
    await discoverPlugins(dir);
  } catch (error) {
    if (error instanceof PluginDiscoveryError) return error;
    throw error;
  }
  throw new Error('expected a PluginDiscoveryError');
}

describe('discoverPlugins', () => {
  it('finds plugins/echo with its validated manifest', async () => {
    const plugins = await discoverPlugins();
    const echo = plugins.find((p) => p.name === 'echo');
    expect(echo?.file).toBe(path.resolve('plugins/echo/plugin.ts'));
    expect(echo?.definition).toMatchObject({ version: '1.0.0', category: 'developer', capabilities: ['llm'] });
  });

  it('skips folders without plugin.ts and folders starting with _ or .', async () => {
    const root = path.join(scratch, 'skips');
    pluginFolder(root, 'good', manifest('good'));
    pluginFolder(root, '_draft', manifest('draft', "bogus: true,"));
    mkdirSync(path.join(root, 'shared-helpers'), { recursive: true });
    expect((await discoverPlugins(root)).map((p) => p.name)).toEqual(['good']);
  });

  it('stops with an error naming the plugin and field of a bad manifest', async () => {
    const root = path.join(scratch, 'bad');
    pluginFolder(root, 'good', manifest('good'));
    pluginFolder(root, 'broken', `{ name: 'broken', version: '1.0.0', category: 'developer', capabilities: [],
      description: { es: 'Sin inglés.' }, hooks: { async *onTurn() {} } }`);
    const error = await discoveryError(root);
    expect(error.message).toContain('plugin "broken": manifest.description.en: required');
    expect(error.problems).toHaveLength(1);
  });

  it('names an unknown hook', async () => {
    const root = path.join(scratch, 'hook');
    pluginFolder(root, 'hooky', `{ name: 'hooky', version: '1.0.0', category: 'developer', capabilities: [],
      description: { es: 'a', en: 'b' }, hooks: { onTurn: async function* () {}, onJoin: async () => null } }`);
    const error = await discoveryError(root);
    expect(error.problems[0]).toMatchObject({ code: 'PLUGIN_UNKNOWN_HOOK', plugin: 'hooky' });
    expect(error.message).toContain('plugin "hooky": manifest.hooks.onJoin: unknown hook');
  });

  it('requires the name to match the folder, and names to be unique across folders', async () => {
    const first = path.join(scratch, 'dup-a');
    const second = path.join(scratch, 'dup-b');
    pluginFolder(first, 'twin', manifest('twin'));
    pluginFolder(second, 'twin', manifest('twin'));
    pluginFolder(second, 'misnamed', manifest('other-name'));
    const error = await discoveryError([first, second]);
    expect(error.message).toContain('plugin "other-name": manifest.name: must equal its folder name "misnamed"');
    expect(error.message).toMatch(/plugin "twin": manifest\.name: "twin" is taken twice/);
  });

  it('reports a module that cannot be imported, and a default export not made with definePlugin', async () => {
    const root = path.join(scratch, 'imports');
    mkdirSync(path.join(root, 'throws-on-import'), { recursive: true });
    writeFileSync(path.join(root, 'throws-on-import', 'plugin.ts'), `throw new Error('no config file');\n`);
    mkdirSync(path.join(root, 'plain-object'), { recursive: true });
    writeFileSync(
      path.join(root, 'plain-object', 'plugin.ts'),
      `export default ${manifest('plain-object')};\n`,
    );
    const error = await discoveryError(root);
    expect(error.message).toContain('plugin "throws-on-import": plugin.ts could not be loaded: no config file');
    expect(error.message).toContain('plugin "plain-object": manifest: the default export must be made with definePlugin');
  });

  it('says so when the folder does not exist', async () => {
    expect((await discoveryError(path.join(scratch, 'missing'))).message).toMatch(/does not exist/);
  });
});
