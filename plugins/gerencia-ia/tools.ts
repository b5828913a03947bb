/**
 * @module gerencia-ia/tools
 * The tool catalogue the model (and the offline commands) use. Two kinds, on purpose:
 * - `read` tools run at once and answer with a card (`list_tasks`, `search_tasks`, `kpi_status`, `list_meetings`,
 *   `summarize_progress`);
 * - `write` tools never run when asked. `prepare` checks the arguments against the workspace and returns the exact
 *   arguments to sign and the question to ask; only `execute`, called with `ctx.confirmation` (arguments the engine
 *   verified), changes data.
 */
import { z } from 'zod';
import type { LlmToolDefinition } from '../../bots/llm/index.ts';
import { StorageError, type StoredRecord } from '../../bots/sdk/index.ts';
import { objectivesCard, meetingsCard, summaryCard, tasksCard, taskDetail, type Card } from './cards.ts';
import type { Bilingual } from './language.ts';
import {
  MAX_KPI_HISTORY, addMeetingArgs, createObjectiveArgs, createTaskArgs, emptyArgs, listMeetingsArgs, listTasksArgs,
  recordKpiArgs, searchTasksArgs, taskRefArgs, updateTaskArgs, type Objective, type Task,
} from './model.ts';
import type { Workspace } from './workspace.ts';

export interface ReadTool<S extends z.ZodType = z.ZodType> {
  readonly kind: 'read';
  readonly name: string;
  readonly description: string;
  readonly args: S;
  run(ws: Workspace, args: z.output<S>): Promise<Card>;
}

export type Prepared =
  | { readonly ok: true; readonly args: Record<string, unknown>; readonly question: Bilingual }
  | { readonly ok: false; readonly problem: Bilingual };

export type Executed =
  | { readonly ok: true; readonly result: Record<string, unknown>; readonly message: Bilingual }
  | { readonly ok: false; readonly message: Bilingual };

export interface WriteTool<S extends z.ZodType = z.ZodType> {
  readonly kind: 'write';
  readonly name: string;
  readonly description: string;
  readonly args: S;
  prepare(ws: Workspace, args: z.output<S>): Promise<Prepared>;
  /** Runs only with verified arguments; `by` is the person who confirmed. */
  execute(ws: Workspace, args: z.output<S>, by: string, now: Date): Promise<Executed>;
}

export type Tool = ReadTool | WriteTool;

const read = <S extends z.ZodType>(tool: Omit<ReadTool<S>, 'kind'>): ReadTool => ({ kind: 'read', ...tool }) as unknown as ReadTool;
const write = <S extends z.ZodType>(tool: Omit<WriteTool<S>, 'kind'>): WriteTool => ({ kind: 'write', ...tool }) as unknown as WriteTool;

const quote = (text: string) => `«${text}»`;
const notFound = (what: Bilingual): Prepared => ({ ok: false, problem: what });
const TASK_NOT_FOUND: Bilingual = { es: 'No encuentro esa tarea; pide la lista de tareas para ver sus identificadores.', en: 'I cannot find that task; ask for the task list to see their ids.' };
const CHANGED: Bilingual = { es: 'Ese registro cambió desde que se propuso el cambio; no he tocado nada. Vuelve a pedirlo.', en: 'That record changed after the change was proposed; nothing was modified. Please ask again.' };
const GONE: Bilingual = { es: 'Ese registro ya no existe; no he cambiado nada.', en: 'That record no longer exists; nothing was changed.' };

function describeTask(args: { title: string; owner?: string | undefined; due?: string | undefined; priority?: string | undefined }): Bilingual {
  const detail = taskDetail({ title: args.title, owner: args.owner ?? null, due: args.due ?? null, status: 'pending', priority: (args.priority ?? 'medium') as Task['priority'], createdBy: '', completedAt: null });
  return { es: `${quote(args.title)} (${detail.es})`, en: `${quote(args.title)} (${detail.en})` };
}

/** Storage conflicts and missing records become a plain answer; anything else is a real failure. */
async function guarded(run: () => Promise<Executed>): Promise<Executed> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StorageError && error.code === 'STORAGE_CONFLICT') return { ok: false, message: CHANGED };
    if (error instanceof StorageError && error.code === 'STORAGE_NOT_FOUND') return { ok: false, message: GONE };
    throw error;
  }
}

export const TOOLS: readonly Tool[] = [
  read({
    name: 'list_tasks',
    description: 'List the team\'s tasks (open ones first), optionally by status or owner.',
    args: listTasksArgs,
    run: async (ws, args) => tasksCard(await ws.listTasks(args)),
  }),
  read({
    name: 'search_tasks',
    description: 'Find tasks whose title contains the given words.',
    args: searchTasksArgs,
    run: async (ws, args) => tasksCard(await ws.searchTasks(args.query), { es: `Tareas con «${args.query}»`, en: `Tasks matching "${args.query}"` }),
  }),
  read({
    name: 'kpi_status',
    description: 'Objectives with their KPIs: current value, target, unit and progress.',
    args: emptyArgs,
    run: async (ws) => objectivesCard(await ws.listObjectives()),
  }),
  read({
    name: 'list_meetings',
    description: 'The latest meeting notes (date, subject, decisions, action items).',
    args: listMeetingsArgs,
    run: async (ws, args) => meetingsCard(await ws.listMeetings(args.limit ?? 5)),
  }),
  read({
    name: 'summarize_progress',
    description: 'A progress summary: tasks by status, overdue tasks, KPI progress and the latest decisions.',
    args: emptyArgs,
    run: async (ws) => summaryCard(await ws.listTasks({ limit: 500 }), await ws.listObjectives(), await ws.listMeetings(1)),
  }),

  write({
    name: 'create_task',
    description: 'Create a task. Needs the user\'s confirmation: it is only proposed until they confirm.',
    args: createTaskArgs,
    prepare: async (_ws, args) => {
      const what = describeTask(args);
      return { ok: true, args: { ...args }, question: { es: `¿Creo la tarea ${what.es}?`, en: `Shall I create the task ${what.en}?` } };
    },
    execute: (ws, args, by) => guarded(async () => {
      const task: Task = { title: args.title, owner: args.owner ?? null, due: args.due ?? null, status: 'pending', priority: args.priority ?? 'medium', createdBy: by, completedAt: null };
      const record = await ws.tasks.insert(task);
      return { ok: true, result: { task_id: record.id, ...task }, message: { es: `Tarea creada: ${quote(task.title)}.`, en: `Task created: ${quote(task.title)}.` } };
    }),
  }),
  write({
    name: 'update_task',
    description: 'Change a task\'s title, owner, due date, priority or status. Needs the user\'s confirmation.',
    args: updateTaskArgs,
    prepare: async (ws, args) => {
      const current = await ws.tasks.get(args.task_id);
      if (!current) return notFound(TASK_NOT_FOUND);
      const { task_id: _id, expected_version: _v, ...changes } = args;
      if (Object.keys(changes).length === 0) return notFound({ es: 'No me has dicho qué cambiar en la tarea.', en: 'You did not say what to change in the task.' });
      const list = Object.entries(changes).map(([k, v]) => `${k}: ${String(v)}`).join(', ');
      return {
        ok: true, args: { ...args, expected_version: current.version },
        question: { es: `¿Cambio la tarea ${quote(current.data.title)} (${list})?`, en: `Shall I change the task ${quote(current.data.title)} (${list})?` },
      };
    },
    execute: (ws, args) => guarded(async () => {
      const current = await ws.tasks.get(args.task_id);
      if (!current) return { ok: false, message: GONE };
      const { task_id: _id, expected_version: version, ...changes } = args;
      const next: Task = { ...current.data, ...changes, completedAt: changes.status === 'done' ? new Date().toISOString() : current.data.completedAt };
      const record = await ws.tasks.update(args.task_id, next, version === undefined ? {} : { expectedVersion: version });
      return { ok: true, result: { task_id: record.id, ...next }, message: { es: `Tarea actualizada: ${quote(next.title)}.`, en: `Task updated: ${quote(next.title)}.` } };
    }),
  }),
  write({
    name: 'complete_task',
    description: 'Mark a task as done. Needs the user\'s confirmation.',
    args: taskRefArgs,
    prepare: async (ws, args) => {
      const current = await ws.tasks.get(args.task_id);
      if (!current) return notFound(TASK_NOT_FOUND);
      return {
        ok: true, args: { task_id: args.task_id, expected_version: current.version },
        question: { es: `¿Marco como hecha la tarea ${quote(current.data.title)}?`, en: `Shall I mark the task ${quote(current.data.title)} as done?` },
      };
    },
    execute: (ws, args, _by, now) => guarded(async () => {
      const current = await ws.tasks.get(args.task_id);
      if (!current) return { ok: false, message: GONE };
      const next: Task = { ...current.data, status: 'done', completedAt: now.toISOString() };
      await ws.tasks.update(args.task_id, next, args.expected_version === undefined ? {} : { expectedVersion: args.expected_version });
      return { ok: true, result: { task_id: args.task_id, ...next }, message: { es: `Tarea completada: ${quote(next.title)}.`, en: `Task completed: ${quote(next.title)}.` } };
    }),
  }),
  write({
    name: 'delete_task',
    description: 'Delete a task for good. Needs the user\'s confirmation.',
    args: taskRefArgs,
    prepare: async (ws, args) => {
      const current = await ws.tasks.get(args.task_id);
      if (!current) return notFound(TASK_NOT_FOUND);
      return {
        ok: true, args: { task_id: args.task_id, expected_version: current.version },
        question: { es: `¿Borro definitivamente la tarea ${quote(current.data.title)}?`, en: `Shall I permanently delete the task ${quote(current.data.title)}?` },
      };
    },
    execute: (ws, args) => guarded(async () => {
      const current = await ws.tasks.get(args.task_id);
      if (!current) return { ok: false, message: GONE };
      if (args.expected_version !== undefined && current.version !== args.expected_version) return { ok: false, message: CHANGED };
      await ws.tasks.delete(args.task_id);
      return { ok: true, result: { task_id: args.task_id, deleted: true }, message: { es: `Tarea borrada: ${quote(current.data.title)}.`, en: `Task deleted: ${quote(current.data.title)}.` } };
    }),
  }),
  write({
    name: 'create_objective',
    description: 'Create an objective with its KPIs (name, unit, target, current value). Needs the user\'s confirmation.',
    args: createObjectiveArgs,
    prepare: async (_ws, args) => {
      const kpis = args.kpis.map((k) => `${k.name}: ${k.target}${k.unit ? ` ${k.unit}` : ''}`).join('; ');
      return { ok: true, args: { ...args }, question: { es: `¿Creo el objetivo ${quote(args.title)} (${kpis})?`, en: `Shall I create the objective ${quote(args.title)} (${kpis})?` } };
    },
    execute: (ws, args, by, now) => guarded(async () => {
      const objective: Objective = {
        title: args.title, due: args.due ?? null, createdBy: by,
        kpis: args.kpis.map((k) => ({ name: k.name, unit: k.unit, target: k.target, current: k.current ?? 0, history: [{ value: k.current ?? 0, at: now.toISOString(), by }] })),
      };
      const record = await ws.objectives.insert(objective);
      return { ok: true, result: { objective_id: record.id, title: objective.title }, message: { es: `Objetivo creado: ${quote(objective.title)}.`, en: `Objective created: ${quote(objective.title)}.` } };
    }),
  }),
  write({
    name: 'record_kpi_value',
    description: 'Record a new current value for one KPI of an objective. Needs the user\'s confirmation.',
    args: recordKpiArgs,
    prepare: async (ws, args) => {
      const objective = await ws.objectives.get(args.objective_id);
      const kpi = objective?.data.kpis.find((k) => k.name.toLowerCase() === args.kpi.toLowerCase());
      if (!objective || !kpi) return notFound({ es: 'No encuentro ese objetivo o KPI; consulta el estado de los KPI para ver sus nombres.', en: 'I cannot find that objective or KPI; check the KPI status for their names.' });
      return {
        ok: true, args: { objective_id: args.objective_id, kpi: kpi.name, value: args.value, expected_version: objective.version },
        question: {
          es: `¿Registro ${args.value}${kpi.unit ? ` ${kpi.unit}` : ''} en ${quote(kpi.name)} del objetivo ${quote(objective.data.title)} (ahora ${kpi.current})?`,
          en: `Shall I record ${args.value}${kpi.unit ? ` ${kpi.unit}` : ''} for ${quote(kpi.name)} of the objective ${quote(objective.data.title)} (now ${kpi.current})?`,
        },
      };
    },
    execute: (ws, args, by, now) => guarded(async () => {
      const objective = await ws.objectives.get(args.objective_id);
      const index = objective?.data.kpis.findIndex((k) => k.name === args.kpi) ?? -1;
      if (!objective || index < 0) return { ok: false, message: GONE };
      const kpis = objective.data.kpis.map((k, i) => i !== index ? k : {
        ...k, current: args.value, history: [...k.history, { value: args.value, at: now.toISOString(), by }].slice(-MAX_KPI_HISTORY),
      });
      await ws.objectives.update(args.objective_id, { ...objective.data, kpis }, args.expected_version === undefined ? {} : { expectedVersion: args.expected_version });
      return { ok: true, result: { objective_id: args.objective_id, kpi: args.kpi, value: args.value }, message: { es: `KPI ${quote(args.kpi)} actualizado a ${args.value}.`, en: `KPI ${quote(args.kpi)} updated to ${args.value}.` } };
    }),
  }),
  write({
    name: 'add_meeting_note',
    description: 'Save a meeting note: date, subject, attendees, decisions, action items. Needs the user\'s confirmation.',
    args: addMeetingArgs,
    prepare: async (_ws, args) => ({
      ok: true, args: { ...args },
      question: {
        es: `¿Guardo la nota de la reunión ${quote(args.title)} del ${args.date} (${args.decisions?.length ?? 0} decisiones, ${args.action_items?.length ?? 0} acciones)?`,
        en: `Shall I save the note of the meeting ${quote(args.title)} on ${args.date} (${args.decisions?.length ?? 0} decisions, ${args.action_items?.length ?? 0} action items)?`,
      },
    }),
    execute: (ws, args, by) => guarded(async () => {
      const record = await ws.meetings.insert({
        date: args.date, title: args.title, attendees: args.attendees ?? [], decisions: args.decisions ?? [],
        actionItems: (args.action_items ?? []).map((a) => ({ text: a.text, owner: a.owner ?? null, due: a.due ?? null })),
        notes: args.notes ?? null, createdBy: by,
      });
      return { ok: true, result: { meeting_id: record.id, title: args.title }, message: { es: `Nota de reunión guardada: ${quote(args.title)}.`, en: `Meeting note saved: ${quote(args.title)}.` } };
    }),
  }),
];

export function toolNamed(name: string): Tool | undefined {
  return TOOLS.find((tool) => tool.name === name);
}

/** The catalogue as the model sees it: JSON Schemas generated from the same zod schemas that check the arguments. */
export function toolDefinitions(): LlmToolDefinition[] {
  return TOOLS.map((tool) => {
    const { $schema: _ignored, ...parameters } = z.toJSONSchema(tool.args, { io: 'input' }) as Record<string, unknown>;
    return { name: tool.name, description: tool.description, parameters };
  });
}

/**
 * Parses arguments with the tool's schema; the first problem in both languages (the English one, with the schema's
 * own words, is also what the model reads).
 */
export function parseArgs(tool: Tool, args: unknown): { ok: true; args: Record<string, unknown> } | { ok: false; problem: Bilingual } {
  const parsed = tool.args.safeParse(args);
  if (parsed.success) return { ok: true, args: parsed.data as Record<string, unknown> };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'args';
  const date = /date/i.test(issue?.message ?? '') ? ' (una fecha AAAA-MM-DD)' : '';
  return { ok: false, problem: { es: `el dato «${field}» no es válido${date}`, en: `${field}: ${issue?.message ?? 'invalid'}` } };
}

export type { StoredRecord };
