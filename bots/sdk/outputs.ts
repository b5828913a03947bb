/**
 * @module sdk/outputs
 * Checks what a hook hands back before it leaves the plugin's process: the shape of each output, and that it stays
 * within the plugin's capabilities (tool outputs need `tools`). The host and the test kit run the same checks, so a
 * plugin that passes its kit tests behaves the same in production.
 */
import { BODY_KINDS, RISK_LEVELS, type MessageBody, type RiskLevel } from '../../schema/protocol.ts';
import type { Annotation, LabelResult, TurnOutput } from './hooks.ts';
import type { PluginManifest } from './manifest.ts';

/** A hook returned something the runtime cannot pass on; the message says what. */
export class InvalidHookOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidHookOutputError';
  }
}

export function checkTurnOutput(value: unknown, manifest: PluginManifest): TurnOutput {
  const output = value as Partial<Record<string, unknown>> | null;
  const fail = (why: string): never => {
    throw new InvalidHookOutputError(`onTurn yielded an invalid output: ${why}`);
  };
  if (output === null || typeof output !== 'object') return fail('expected an object with a "type"');
  switch (output.type) {
    case 'text':
      if (typeof output.text !== 'string') fail('text.text must be a string');
      return { type: 'text', text: output.text as string };
    case 'tool_call':
    case 'tool_result': {
      if (!manifest.capabilities.includes('tools')) fail(`${output.type} needs the "tools" capability in the manifest`);
      if (typeof output.name !== 'string' || output.name === '') fail(`${output.type}.name must be a non-empty string`);
      if (output.id !== undefined && typeof output.id !== 'string') fail(`${output.type}.id must be a string`);
      const id = output.id === undefined ? {} : { id: output.id as string };
      if (output.type === 'tool_result') {
        return { type: 'tool_result', name: output.name as string, result: output.result, ...id };
      }
      if (!isPlainObject(output.args)) fail('tool_call.args must be an object');
      const confirm = output.confirm === undefined ? {} : { confirm: checkConfirmQuestion(output.confirm) };
      return { type: 'tool_call', name: output.name as string, args: output.args as Record<string, unknown>, ...id, ...confirm };
    }
    case 'body':
      return { type: 'body', body: checkBody(output.body, 'body.body') };
    default:
      return fail(`unknown type ${JSON.stringify(output.type)} (use text, tool_call, tool_result or body)`);
  }
}

export function checkLabelResult(value: unknown): LabelResult {
  const fail = (why: string): never => {
    throw new InvalidHookOutputError(`onMessage returned an invalid result: ${why}`);
  };
  if (value === null || value === undefined) return null;
  if (!isPlainObject(value)) return fail('expected an annotation, a veto or null');
  if ('veto' in value) {
    if (value.veto !== true) fail('veto must be true');
    if (typeof value.reason !== 'string' || value.reason === '') fail('veto.reason must be a non-empty string');
    const replacement = value.replacement === undefined ? {} : { replacement: checkBody(value.replacement, 'replacement') };
    if (value.risk !== undefined && !(RISK_LEVELS as readonly unknown[]).includes(value.risk)) fail(`veto.risk must be one of ${RISK_LEVELS.join(', ')}`);
    if (value.labels !== undefined && (!Array.isArray(value.labels) || value.labels.some((l) => typeof l !== 'string'))) fail('veto.labels must be an array of strings');
    return {
      veto: true, reason: value.reason as string, ...replacement,
      ...(value.risk === undefined ? {} : { risk: value.risk as RiskLevel }),
      ...(value.labels === undefined ? {} : { labels: [...(value.labels as string[])] }),
    };
  }
  if (!Array.isArray(value.labels)) fail('labels must be an array');
  const labels = (value.labels as unknown[]).map((label, index) => {
    if (!isPlainObject(label) || typeof label.label !== 'string' || label.label === '') {
      return fail(`labels.${index}.label must be a non-empty string`);
    }
    const score = label.score;
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) {
      return fail(`labels.${index}.score must be a number from 0 to 1`);
    }
    return { label: label.label, score };
  });
  if (!(RISK_LEVELS as readonly unknown[]).includes(value.risk)) fail(`risk must be one of ${RISK_LEVELS.join(', ')}`);
  if (value.audience !== undefined && value.audience !== 'room' && value.audience !== 'author') fail('audience must be "room" or "author"');
  const annotation: Annotation = {
    labels, risk: value.risk as Annotation['risk'],
    ...(value.audience === undefined ? {} : { audience: value.audience as 'room' | 'author' }),
  };
  return value.detail === undefined ? annotation : { ...annotation, detail: value.detail };
}

/** Longest confirmation question, per language. */
const MAX_CONFIRM_CHARS = 500;

function checkConfirmQuestion(value: unknown): { es: string; en: string } {
  const ok = (text: unknown) => typeof text === 'string' && text.trim() !== '' && text.length <= MAX_CONFIRM_CHARS;
  if (!isPlainObject(value) || !ok(value.es) || !ok(value.en)) {
    throw new InvalidHookOutputError(`onTurn yielded an invalid output: tool_call.confirm must be {es, en}, non-empty strings of at most ${MAX_CONFIRM_CHARS} characters`);
  }
  return { es: value.es as string, en: value.en as string };
}

function checkBody(value: unknown, field: string): MessageBody {
  if (!isPlainObject(value)) throw new InvalidHookOutputError(`${field} must be a message body {text, kind?, data?}`);
  if (typeof value.text !== 'string') throw new InvalidHookOutputError(`${field}.text must be a string`);
  if (value.kind !== undefined && !(BODY_KINDS as readonly unknown[]).includes(value.kind)) {
    throw new InvalidHookOutputError(`${field}.kind must be one of ${BODY_KINDS.join(', ')}`);
  }
  // A `confirm` body is a person's answer, redeemed by the engine; a plugin writing one could pass for a person.
  if (value.kind === 'confirm') throw new InvalidHookOutputError(`${field}.kind "confirm" is for people only`);
  const body: MessageBody = { text: value.text };
  if (value.kind !== undefined) body.kind = value.kind as MessageBody['kind'];
  if (value.data !== undefined) body.data = value.data;
  return body;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
