/** The runtime's half of tool confirmations: what a plugin may yield, and which stored answers start a turn. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../schema/protocol.ts';
import type { EngineBridge } from '../../engine/src/bot-bridge.ts';
import { ToolConfirmations } from '../../engine/src/confirmations/service.ts';
import { checkTurnOutput, type PluginManifest } from '../sdk/index.ts';
import { answeredProposal, isProposal, proposalBody } from './confirmations.ts';

const manifest = (capabilities: string[]) => ({ name: 'p', capabilities } as unknown as PluginManifest);
const question = { es: '¿Creo la tarea «A»?', en: 'Shall I create the task «A»?' };

describe('proposal outputs', () => {
  it('accepts a tool_call with a bilingual question, and only with the tools capability', () => {
    const output = checkTurnOutput({ type: 'tool_call', name: 'create_task', args: { title: 'A' }, confirm: question }, manifest(['tools']));
    expect(output).toEqual({ type: 'tool_call', name: 'create_task', args: { title: 'A' }, confirm: question });
    expect(isProposal(output)).toBe(true);
    expect(isProposal(checkTurnOutput({ type: 'tool_call', name: 'x', args: {} }, manifest(['tools'])))).toBe(false);
    expect(() => checkTurnOutput({ type: 'tool_call', name: 'create_task', args: {}, confirm: question }, manifest([]))).toThrow(/tools/);
  });

  it('refuses a question that is missing a language, empty or too long', () => {
    for (const confirm of [{ es: '¿Sí?' }, { es: '', en: 'x' }, { es: 'x'.repeat(501), en: 'x' }, 'sí']) {
      expect(() => checkTurnOutput({ type: 'tool_call', name: 't', args: {}, confirm }, manifest(['tools']))).toThrow(/tool_call.confirm/);
    }
  });

  it('never lets a plugin write a `confirm` body (only people answer proposals)', () => {
    expect(() => checkTurnOutput({ type: 'body', body: { text: 'Confirmo', kind: 'confirm', data: { token: 'v1.a.b', approve: true } } }, manifest([]))).toThrow(/for people only/);
  });
});

describe('answers that start a turn', () => {
  // Proposing and reading back never touch the ledger; redeeming (which does) is tested against PostgreSQL in engine/src/confirmations.
  const service = new ToolConfirmations({ key: async () => randomBytes(32), store: { redeemConfirmation: () => Promise.reject(new Error('not used here')) }, ttlMs: 60_000 });
  const bridge = { confirmations: service } as unknown as EngineBridge;
  const answerMessage = (room: string, token: string, from: StoredMessage['from'] = { id: 'u1', kind: 'user', name: 'Ana' }): StoredMessage => ({
    room, epoch: 'e', offset: 3, msgId: 'm', ts: 1, from, body: { text: 'Confirmo', kind: 'confirm', data: { token, approve: true } },
  });

  it('goes to the proposing bot with the signed tool and arguments', async () => {
    const body = await proposalBody(bridge, 'r1', 'gerencia-ia', { type: 'tool_call', name: 'create_task', args: { title: 'A' }, confirm: question });
    expect(body).toMatchObject({ kind: 'tool', text: question.es, data: { phase: 'proposal', tool: 'create_task', args: { title: 'A' }, i18n: question } });
    const token = (body.data as { confirmation: { token: string } }).confirmation.token;
    await expect(answeredProposal(bridge, answerMessage('r1', token), ['gerencia-ia', 'echo'])).resolves.toEqual({
      bot: 'gerencia-ia', confirmation: { tool: 'create_task', args: { title: 'A' }, approved: true },
    });
  });

  it('starts nothing for a bot that left, another room, a bot-written answer or a forged token', async () => {
    const body = await proposalBody(bridge, 'r1', 'gerencia-ia', { type: 'tool_call', name: 'create_task', args: { title: 'A' }, confirm: question });
    const token = (body.data as { confirmation: { token: string } }).confirmation.token;
    await expect(answeredProposal(bridge, answerMessage('r1', token), ['echo'])).resolves.toBeUndefined();
    await expect(answeredProposal(bridge, answerMessage('r2', token), ['gerencia-ia'])).resolves.toBeUndefined();
    await expect(answeredProposal(bridge, answerMessage('r1', token, { id: 'echo', kind: 'bot', name: 'Eco' }), ['gerencia-ia'])).resolves.toBeUndefined();
    await expect(answeredProposal(bridge, answerMessage('r1', 'v1.e30.AAAA'), ['gerencia-ia'])).resolves.toBeUndefined();
  });
});
