/**
 * @module gerencia-ia/proposals
 * Turns a write-tool request (from the model or a typed command) into a proposal output: the arguments are checked
 * against the workspace, and what would run is handed to the engine to sign (`tool_call` with `confirm`). Nothing is
 * written here.
 */
import type { TurnOutput } from '../../bots/sdk/index.ts';
import type { Bilingual } from './language.ts';
import { parseArgs, type WriteTool } from './tools.ts';
import type { Workspace } from './workspace.ts';

export type Proposal =
  | { readonly ok: true; readonly output: TurnOutput; readonly question: Bilingual }
  | { readonly ok: false; readonly problem: Bilingual };

/** The engine signs at most 8 KiB of arguments; stay clearly below, and say so instead of failing the turn. */
export const MAX_PROPOSAL_BYTES = 7 * 1024;
const TOO_LONG = {
  es: 'Es demasiado texto para una sola confirmación; divídelo en partes más cortas.',
  en: 'That is too much text for one confirmation; split it into shorter parts.',
};

export async function propose(tool: WriteTool, rawArgs: unknown, ws: Workspace, id?: string): Promise<Proposal> {
  const parsed = parseArgs(tool, rawArgs);
  if (!parsed.ok) return { ok: false, problem: parsed.problem };
  const prepared = await tool.prepare(ws, parsed.args);
  if (!prepared.ok) return { ok: false, problem: prepared.problem };
  if (Buffer.byteLength(JSON.stringify(prepared.args)) > MAX_PROPOSAL_BYTES) return { ok: false, problem: TOO_LONG };
  const output: TurnOutput = { type: 'tool_call', name: tool.name, args: prepared.args, confirm: prepared.question, ...(id === undefined ? {} : { id }) };
  return { ok: true, output, question: prepared.question };
}
