/**
 * @module gerencia-ia/confirmed
 * The turn after a person answered a proposal: `ctx.confirmation` carries the tool and the arguments the engine
 * verified (signature, room, expiry, single use). Only here do write tools run, with exactly those arguments.
 */
import type { MessageBody, ToolResultData } from '../../schema/protocol.ts';
import type { ToolConfirmation } from '../../bots/sdk/index.ts';
import type { Lang } from './language.ts';
import { parseArgs, toolNamed } from './tools.ts';
import type { Workspace } from './workspace.ts';

export async function runConfirmed(confirmation: ToolConfirmation, ws: Workspace, by: string, lang: Lang, now = new Date()): Promise<MessageBody> {
  const tool = toolNamed(confirmation.tool);
  const body = (text: string, data: ToolResultData): MessageBody => ({ text, kind: 'tool', data });
  if (!confirmation.approved) {
    return body(lang === 'es' ? 'Cancelado: no he cambiado nada.' : 'Cancelled: nothing was changed.', { phase: 'result', tool: confirmation.tool, approved: false, ok: true });
  }
  if (tool?.kind !== 'write') {
    return body(lang === 'es' ? 'No sé ejecutar esa acción; no he cambiado nada.' : 'I do not know that action; nothing was changed.', { phase: 'result', tool: confirmation.tool, approved: true, ok: false });
  }
  // The arguments were signed as this plugin proposed them; checking them again guards against a schema that changed
  // between the proposal and the answer (a new plugin version).
  const parsed = parseArgs(tool, confirmation.args);
  if (!parsed.ok) {
    return body(lang === 'es' ? `La propuesta ya no es válida (${parsed.problem.es}); no he cambiado nada.` : `The proposal is no longer valid (${parsed.problem.en}); nothing was changed.`, { phase: 'result', tool: tool.name, approved: true, ok: false });
  }
  const outcome = await tool.execute(ws, parsed.args, by, now);
  return body(outcome.message[lang], { phase: 'result', tool: tool.name, approved: true, ok: outcome.ok, ...(outcome.ok ? { result: outcome.result } : {}) });
}
