import { describe, expect, it } from 'vitest';
import type { PluginManifest } from './manifest.ts';
import { InvalidHookOutputError, checkLabelResult, checkTurnOutput } from './outputs.ts';

const manifest = (capabilities: PluginManifest['capabilities']): PluginManifest => ({
  name: 'p',
  version: '1.0.0',
  description: { es: 'p', en: 'p' },
  category: 'developer',
  capabilities,
});

describe('checkTurnOutput', () => {
  it('passes valid outputs through', () => {
    expect(checkTurnOutput({ type: 'text', text: 'hi' }, manifest([]))).toEqual({ type: 'text', text: 'hi' });
    expect(checkTurnOutput({ type: 'body', body: { text: 'card', kind: 'card', data: { title: 't', items: [] } } }, manifest([])))
      .toEqual({ type: 'body', body: { text: 'card', kind: 'card', data: { title: 't', items: [] } } });
    expect(checkTurnOutput({ type: 'tool_call', name: 'search', args: { q: 'x' } }, manifest(['tools']))).toEqual({
      type: 'tool_call',
      name: 'search',
      args: { q: 'x' },
    });
  });

  it('refuses tool outputs from a plugin that did not declare the tools capability', () => {
    expect(() => checkTurnOutput({ type: 'tool_call', name: 'search', args: {} }, manifest(['llm']))).toThrow(
      'tool_call needs the "tools" capability',
    );
    expect(() => checkTurnOutput({ type: 'tool_result', name: 'search', result: 1 }, manifest([]))).toThrow(InvalidHookOutputError);
  });

  it('names what is wrong with a bad output', () => {
    expect(() => checkTurnOutput('hi', manifest([]))).toThrow('expected an object');
    expect(() => checkTurnOutput({ type: 'speech', text: 'x' }, manifest([]))).toThrow('unknown type "speech"');
    expect(() => checkTurnOutput({ type: 'text', text: 3 }, manifest([]))).toThrow('text.text must be a string');
    expect(() => checkTurnOutput({ type: 'body', body: { text: 'x', kind: 'video' } }, manifest([]))).toThrow('body.body.kind');
  });
});

describe('checkLabelResult', () => {
  it('accepts annotations, vetoes and null', () => {
    expect(checkLabelResult(null)).toBeNull();
    expect(checkLabelResult(undefined)).toBeNull();
    expect(checkLabelResult({ labels: [{ label: 'spoiler', score: 0.9 }], risk: 'low', detail: { spans: [[0, 4]] } })).toEqual({
      labels: [{ label: 'spoiler', score: 0.9 }],
      risk: 'low',
      detail: { spans: [[0, 4]] },
    });
    expect(checkLabelResult({ veto: true, reason: 'self-harm method', replacement: { text: '…', kind: 'crisis' } })).toEqual({
      veto: true,
      reason: 'self-harm method',
      replacement: { text: '…', kind: 'crisis' },
    });
  });

  it('rejects scores out of range, unknown risk levels and half-made vetoes', () => {
    expect(() => checkLabelResult({ labels: [{ label: 'x', score: 2 }], risk: 'low' })).toThrow('labels.0.score');
    expect(() => checkLabelResult({ labels: [], risk: 'severe' })).toThrow('risk must be one of');
    expect(() => checkLabelResult({ veto: true })).toThrow('veto.reason');
  });
});
