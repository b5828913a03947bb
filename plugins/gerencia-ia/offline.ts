/**
 * @module gerencia-ia/offline
 * Without a configured model: an honest, clearly labelled mode with a few typed commands that go through the same
 * tools and the same confirmation flow. Nothing here pretends to be the AI.
 */
import type { MessageBody } from '../../schema/protocol.ts';
import type { TurnOutput } from '../../bots/sdk/index.ts';
import { NOTICE_NO_MODEL } from '../../bots/sdk/index.ts';
import { cardBody, tasksCard } from './cards.ts';
import type { Bilingual, Lang } from './language.ts';
import { propose } from './proposals.ts';
import { toolNamed, type ReadTool, type WriteTool } from './tools.ts';
import { fold, type Workspace } from './workspace.ts';

export const OFFLINE_LABEL: Bilingual = {
  es: 'Modo sin IA: no hay un modelo configurado, así que solo entiendo estos comandos',
  en: 'No-AI mode: no model is configured, so I only understand these commands',
};

export const COMMANDS: Bilingual = {
  es: [
    '· tareas — lista las tareas',
    '· buscar: <palabras> — busca tareas',
    '· nueva tarea: <título>; responsable: <nombre>; vence: AAAA-MM-DD; prioridad: alta|media|baja',
    '· completar tarea: <título o id>',
    '· borrar tarea: <título o id>',
    '· objetivos — estado de los KPI',
    '· reuniones — últimas notas de reuniones',
    '· resumen — resumen del progreso',
  ].join('\n'),
  en: [
    '· tasks — list the tasks',
    '· search: <words> — find tasks',
    '· new task: <title>; owner: <name>; due: YYYY-MM-DD; priority: high|medium|low',
    '· complete task: <title or id>',
    '· delete task: <title or id>',
    '· objectives — KPI status',
    '· meetings — latest meeting notes',
    '· summary — progress summary',
  ].join('\n'),
};

const notice = { notice: NOTICE_NO_MODEL, mode: 'offline' };
const labelled = (text: string, lang: Lang) => `[${lang === 'es' ? 'Sin IA' : 'No AI'}] ${text}`;

function helpBody(lang: Lang, problem?: string): MessageBody {
  const text = `${OFFLINE_LABEL[lang]}:\n${COMMANDS[lang]}`;
  return { text: problem ? `${problem}\n\n${text}` : text, kind: 'text', data: notice };
}

const READS: ReadonlyArray<[RegExp, string]> = [
  [/^(tareas|lista de tareas|tasks|task list)$/, 'list_tasks'],
  [/^(objetivos|kpi|kpis|objectives)$/, 'kpi_status'],
  [/^(reuniones|meetings)$/, 'list_meetings'],
  [/^(resumen|progreso|summary|progress)$/, 'summarize_progress'],
];

/** One typed command: a card, a proposal (plus a labelled line saying so), or the command list. */
export async function* offlineTurn(text: string, ws: Workspace, lang: Lang): AsyncGenerator<TurnOutput, void, undefined> {
  const command = fold(text).replace(/[.!?¡¿]+$/g, '');
  for (const [pattern, name] of READS) {
    if (pattern.test(command)) {
      const card = await (toolNamed(name) as ReadTool).run(ws, {});
      yield { type: 'body', body: withNotice(cardBody(card, lang, { text: labelled(cardBodyText(card, lang), lang), note: OFFLINE_LABEL })) };
      return;
    }
  }
  const search = /^(buscar|search)\s*:\s*(.+)$/i.exec(text.trim());
  if (search) {
    const query = search[2]!.trim();
    const card = tasksCard(await ws.searchTasks(query), { es: `Tareas con «${query}»`, en: `Tasks matching "${query}"` });
    yield { type: 'body', body: withNotice(cardBody(card, lang, { text: labelled(cardBodyText(card, lang), lang), note: OFFLINE_LABEL })) };
    return;
  }
  const write = parseWriteCommand(text.trim());
  if (write === undefined) {
    yield { type: 'body', body: helpBody(lang) };
    return;
  }
  const args = write.tool === 'create_task' ? write.args : await resolveTask(ws, write.args.ref as string, lang);
  if (typeof args === 'string') {
    yield { type: 'body', body: helpBody(lang, labelled(args, lang)) };
    return;
  }
  const proposal = await propose(toolNamed(write.tool) as WriteTool, args, ws);
  if (!proposal.ok) {
    yield { type: 'body', body: helpBody(lang, labelled(proposal.problem[lang], lang)) };
    return;
  }
  yield proposal.output;
  yield {
    type: 'body',
    body: { text: labelled(lang === 'es' ? 'He preparado la propuesta de arriba; no se aplicará hasta que alguien pulse Confirmar.' : 'I prepared the proposal above; it will not be applied until someone presses Confirm.', lang), kind: 'text', data: notice },
  };
}

function cardBodyText(card: Parameters<typeof cardBody>[0], lang: Lang): string {
  return cardBody(card, lang).text;
}

function withNotice(body: MessageBody): MessageBody {
  return { ...body, data: { ...(body.data as object), ...notice } };
}

const PRIORITY_WORDS: Record<string, string> = { alta: 'high', high: 'high', media: 'medium', medium: 'medium', baja: 'low', low: 'low' };
const FIELD_NAMES: Record<string, string> = { responsable: 'owner', owner: 'owner', vence: 'due', due: 'due', fecha: 'due', prioridad: 'priority', priority: 'priority' };

/** `nueva tarea: X; responsable: Ana; vence: 2026-12-01; prioridad: alta`, `completar tarea: X`, `borrar tarea: X`. */
export function parseWriteCommand(text: string): { tool: 'create_task' | 'complete_task' | 'delete_task'; args: Record<string, unknown> } | undefined {
  const match = /^(nueva tarea|new task|completar tarea|completa(?:r)?|complete task|borrar tarea|delete task)\s*:\s*(.+)$/is.exec(text);
  if (!match) return undefined;
  const verb = fold(match[1]!);
  const [first, ...rest] = match[2]!.split(';').map((part) => part.trim()).filter(Boolean);
  if (verb === 'nueva tarea' || verb === 'new task') {
    const args: Record<string, unknown> = { title: first };
    for (const part of rest) {
      const field = /^([\p{L}]+)\s*:\s*(.+)$/u.exec(part);
      const key = field ? FIELD_NAMES[fold(field[1]!)] : undefined;
      if (!field || !key) continue;
      const value = field[2]!.trim();
      args[key] = key === 'priority' ? (PRIORITY_WORDS[fold(value)] ?? value) : value;
    }
    return { tool: 'create_task', args };
  }
  const tool = verb.startsWith('borrar') || verb.startsWith('delete') ? 'delete_task' : 'complete_task';
  return { tool, args: { ref: match[2]!.trim() } };
}

async function resolveTask(ws: Workspace, ref: string, lang: Lang): Promise<Record<string, unknown> | string> {
  const found = await ws.findTask(ref);
  if (found === undefined) return lang === 'es' ? `No encuentro una tarea «${ref}».` : `I cannot find a task "${ref}".`;
  if (Array.isArray(found)) {
    const titles = found.map((r) => `«${r.data.title}»`).join(', ');
    return lang === 'es' ? `Hay varias tareas que encajan: ${titles}. Escribe el título completo.` : `Several tasks match: ${titles}. Type the full title.`;
  }
  return { task_id: found.id };
}
