/**
 * @module host/discover
 * Finds the plugins at startup: every folder of `dir` with a `plugin.ts` whose default export is
 * `definePlugin({...})`. Each manifest is validated (in the engine's process: importing a plugin module only reads its
 * definition; hooks run in child processes). Any problem — a bad manifest, a module that fails to import, a name
 * that differs from its folder or is taken twice — stops startup with one error listing every plugin at fault.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PluginManifestError, isPluginDefinition, validateManifest, type PluginDefinition } from '../sdk/index.ts';
import type { DiscoveredPlugin } from './types.ts';

export const PLUGIN_ENTRY = 'plugin.ts';

/** Everything wrong with the plugins folder, one line per problem. */
export class PluginDiscoveryError extends Error {
  readonly code = 'PLUGIN_DISCOVERY_FAILED';
  readonly problems: readonly Error[];

  constructor(dir: string, problems: readonly Error[]) {
    super(`plugins in ${dir} are not valid:\n${problems.map((p) => `  - ${p.message}`).join('\n')}`);
    this.name = 'PluginDiscoveryError';
    this.problems = problems;
  }
}

/**
 * Returns the plugins of `dir` (relative to the working directory; several folders may be given, e.g. public and
 * private plugins), sorted by name. Folders without a `plugin.ts`, and those whose name starts with `.` or `_`, are
 * skipped.
 * @throws PluginDiscoveryError naming each plugin and field at fault.
 */
export async function discoverPlugins(dir: string | readonly string[] = 'plugins'): Promise<DiscoveredPlugin[]> {
  const roots = (typeof dir === 'string' ? [dir] : dir).map((d) => path.resolve(d));
  const problems: Error[] = [];
  const found: DiscoveredPlugin[] = [];
  for (const root of roots) {
    if (!existsSync(root)) {
      problems.push(new Error(`plugin folder ${root} does not exist`));
      continue;
    }
    for (const folderName of pluginFolders(root)) {
      const folder = path.join(root, folderName);
      const file = path.join(folder, PLUGIN_ENTRY);
      try {
        const definition = await loadDefinition(file, folderName);
        if (definition.name !== folderName) {
          throw new PluginManifestError(definition.name, [
            { code: 'PLUGIN_BAD_MANIFEST', field: 'manifest.name', problem: `must equal its folder name "${folderName}"` },
          ]);
        }
        found.push({ name: definition.name, folder, file, definition });
      } catch (error) {
        problems.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
  problems.push(...duplicateNames(found));
  if (problems.length > 0) throw new PluginDiscoveryError(roots.join(', '), problems);
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

function pluginFolders(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !/^[._]/.test(entry.name))
    .map((entry) => entry.name)
    .filter((name) => existsSync(path.join(root, name, PLUGIN_ENTRY)))
    .sort();
}

async function loadDefinition(file: string, folderName: string): Promise<PluginDefinition> {
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (error) {
    // definePlugin throws the manifest error while the module is evaluated.
    if (error instanceof PluginManifestError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`plugin "${folderName}": ${PLUGIN_ENTRY} could not be loaded: ${detail}`, { cause: error });
  }
  const candidate = module.default;
  if (candidate === undefined) {
    throw new PluginManifestError(folderName, [
      { code: 'PLUGIN_BAD_MANIFEST', field: 'manifest', problem: `${PLUGIN_ENTRY} has no default export (export default definePlugin({...}))` },
    ]);
  }
  const definition = validateManifest(candidate, folderName);
  if (!isPluginDefinition(candidate)) {
    throw new PluginManifestError(definition.name, [
      { code: 'PLUGIN_BAD_MANIFEST', field: 'manifest', problem: 'the default export must be made with definePlugin({...})' },
    ]);
  }
  return candidate;
}

/** Names must be unique across folders: the name is how rooms and the engine refer to a bot. */
function duplicateNames(plugins: readonly DiscoveredPlugin[]): Error[] {
  const seen = new Map<string, string>();
  const problems: Error[] = [];
  for (const plugin of plugins) {
    const other = seen.get(plugin.name);
    if (other !== undefined) {
      const problem = `"${plugin.name}" is taken twice: ${other} and ${plugin.folder}`;
      problems.push(new PluginManifestError(plugin.name, [{ code: 'PLUGIN_BAD_MANIFEST', field: 'manifest.name', problem }]));
    } else seen.set(plugin.name, plugin.folder);
  }
  return problems;
}
