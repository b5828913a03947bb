import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePlugin, isPluginDefinition } from './define.ts';
import { PluginManifestError } from './errors.ts';
import { HOOK_NAMES } from './hooks.ts';
import { validateManifest, windowOf } from './manifest.ts';
import { parsePluginConfig, redactConfig, secretValues } from './config.ts';

const valid = () => ({
  name: 'echo',
  version: '1.0.0',
  title: { es: 'Eco', en: 'Echo' },
  description: { es: 'Repite.', en: 'Repeats.' },
  category: 'developer',
  capabilities: ['llm'],
  config: z.object({ apiKey: z.string(), style: z.enum(['plain', 'upper']).default('plain') }),
  secrets: ['apiKey'],
  hooks: { async *onTurn() {} },
});

function manifestError(raw: unknown, folder?: string): PluginManifestError {
  try {
    validateManifest(raw, folder);
  } catch (error) {
    if (error instanceof PluginManifestError) return error;
    throw error;
  }
  throw new Error('expected a PluginManifestError');
}

describe('validateManifest', () => {
  it('accepts a complete manifest and defaults the window to 20', () => {
    const manifest = validateManifest(valid());
    expect(manifest.name).toBe('echo');
    expect(windowOf(manifest)).toBe(20);
  });

  it('names the plugin and the field of a missing value', () => {
    const raw = { ...valid(), description: { es: 'Repite.' } };
    const error = manifestError(raw);
    expect(error.message).toBe('plugin "echo": manifest.description.en: required');
    expect(error.code).toBe('PLUGIN_BAD_MANIFEST');
    expect(error.plugin).toBe('echo');
    expect(error.field).toBe('manifest.description.en');
  });

  it('falls back to the folder name when the manifest name is unusable', () => {
    const error = manifestError({ ...valid(), name: 'Echo Bot' }, '/srv/plugins/echo-bot');
    expect(error.message).toMatch(/^plugin "echo-bot": manifest\.name: must be kebab-case/);
  });

  it('lists every bad field at once', () => {
    const error = manifestError({ ...valid(), version: 'one', category: 'games', capabilities: ['llm', 'telepathy'] });
    expect(error.problems.map((p) => p.field)).toEqual(['manifest.version', 'manifest.category', 'manifest.capabilities.1']);
    expect(error.message).toContain('manifest.version: must be a semantic version');
  });

  it('rejects unknown manifest fields (typos)', () => {
    const error = manifestError({ ...valid(), capabilites: ['llm'] });
    expect(error.message).toBe('plugin "echo": manifest.capabilites: unknown field');
  });

  it('rejects an unknown hook with PLUGIN_UNKNOWN_HOOK naming plugin and key', () => {
    const error = manifestError({ ...valid(), hooks: { onTurn: async function* () {}, onMesage: async () => null } });
    expect(error.code).toBe('PLUGIN_UNKNOWN_HOOK');
    expect(error.message).toBe(`plugin "echo": manifest.hooks.onMesage: unknown hook (known hooks: ${HOOK_NAMES.join(', ')})`);
  });

  it('requires hooks to be functions and at least one of them', () => {
    expect(manifestError({ ...valid(), hooks: { onTurn: 'yes' } }).message).toBe(
      'plugin "echo": manifest.hooks.onTurn: must be a function',
    );
    expect(manifestError({ ...valid(), hooks: {} }).field).toBe('manifest.hooks');
    expect(manifestError({ ...valid(), hooks: undefined }).field).toBe('manifest.hooks');
  });

  it('checks that secrets are keys of the config schema', () => {
    const error = manifestError({ ...valid(), secrets: ['apiKey', 'token'] });
    expect(error.message).toBe('plugin "echo": manifest.secrets.1: "token" is not a key of the config schema');
  });

  it('wants the config to be a zod object schema', () => {
    expect(manifestError({ ...valid(), config: { apiKey: 'string' } }).field).toBe('manifest.config');
    expect(manifestError({ ...valid(), config: z.string() }).field).toBe('manifest.config');
  });

  it('bounds the limits and the window', () => {
    const error = manifestError({ ...valid(), window: 500, limits: { timeoutMs: 5, concurrency: 0, memoryMb: 64, cpu: 2 } });
    expect(error.problems.map((p) => p.field).sort()).toEqual([
      'manifest.limits.concurrency',
      'manifest.limits.cpu',
      'manifest.limits.timeoutMs',
      'manifest.window',
    ]);
  });

  it('rejects something that is not an object', () => {
    expect(manifestError(undefined, 'plugins/empty').message).toMatch(/^plugin "empty": manifest: must be an object/);
  });
});

describe('definePlugin', () => {
  it('returns the definition, frozen and branded', () => {
    const plugin = definePlugin({
      name: 'hello',
      version: '0.1.0',
      description: { es: 'Saluda.', en: 'Says hello.' },
      category: 'developer',
      capabilities: [],
      hooks: { async *onTurn() {} },
    });
    expect(isPluginDefinition(plugin)).toBe(true);
    expect(Object.isFrozen(plugin)).toBe(true);
    expect(isPluginDefinition({ ...plugin })).toBe(false);
  });

  it('throws at definition time on an unknown hook', () => {
    expect(() =>
      definePlugin({
        name: 'hello',
        version: '0.1.0',
        description: { es: 'Saluda.', en: 'Says hello.' },
        category: 'developer',
        capabilities: [],
        hooks: { onTurn: async function* () {}, beforeSend: () => null } as never,
      }),
    ).toThrow(expect.objectContaining({ code: 'PLUGIN_UNKNOWN_HOOK', plugin: 'hello' }));
  });
});

describe('plugin config', () => {
  const plugin = definePlugin({ ...valid(), category: 'developer', capabilities: ['llm'] } as never);

  it('parses with the schema and applies defaults', () => {
    expect(parsePluginConfig(plugin, { apiKey: 'sk-123456' })).toEqual({ apiKey: 'sk-123456', style: 'plain' });
  });

  it('names the field and never the value', () => {
    let message = '';
    try {
      parsePluginConfig(plugin, { apiKey: 42, style: 'sk-looks-secret' });
    } catch (error) {
      message = (error as Error).message;
      expect(error).toMatchObject({ code: 'PLUGIN_BAD_CONFIG', plugin: 'echo' });
    }
    expect(message).toContain('config.apiKey');
    expect(message).toContain('config.style');
    expect(message).not.toContain('sk-looks-secret');
  });

  it('reports a missing required key as required', () => {
    expect(() => parsePluginConfig(plugin, undefined)).toThrow('plugin "echo": config.apiKey: required');
  });

  it('redacts secrets for display and lists their values for scrubbing', () => {
    const config = { apiKey: 'sk-123456', style: 'plain' };
    expect(redactConfig(plugin, config)).toEqual({ apiKey: '[redacted]', style: 'plain' });
    expect(secretValues(plugin, config)).toEqual(['sk-123456']);
  });
});
