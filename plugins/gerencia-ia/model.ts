/**
 * @module gerencia-ia/model
 * The team workspace's records (room-scoped `storage`, one collection each) and their validation. Records are small:
 * lists are capped so one record stays far below the 64 KiB storage limit.
 */
import { z } from 'zod';

export const TASK_STATUSES = ['pending', 'in_progress', 'done'] as const;
export const PRIORITIES = ['low', 'medium', 'high'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];

/** Calendar dates only (no time zones to get wrong): `YYYY-MM-DD`. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'not a real date');
const shortText = (max: number) => z.string().trim().min(1).max(max);

export interface Task {
  title: string;
  owner: string | null;
  due: string | null;
  status: TaskStatus;
  priority: Priority;
  /** Who confirmed its creation (user id). */
  createdBy: string;
  completedAt: string | null;
}

export interface KpiValue {
  value: number;
  /** ISO 8601 time it was recorded. */
  at: string;
  /** Who confirmed it (user id). */
  by: string;
}

export interface Kpi {
  name: string;
  unit: string;
  target: number;
  current: number;
  /** Newest last; the oldest are dropped past `MAX_KPI_HISTORY`. */
  history: KpiValue[];
}

export interface Objective {
  title: string;
  due: string | null;
  kpis: Kpi[];
  createdBy: string;
}

export interface ActionItem {
  text: string;
  owner: string | null;
  due: string | null;
}

export interface Meeting {
  date: string;
  title: string;
  attendees: string[];
  decisions: string[];
  actionItems: ActionItem[];
  notes: string | null;
  createdBy: string;
}

export const MAX_KPI_HISTORY = 200;

export const COLLECTIONS = { tasks: 'tasks', objectives: 'objectives', meetings: 'meetings' } as const;

// ------------------------------------------------------------------ tool arguments

export const listTasksArgs = z.object({
  status: z.enum(TASK_STATUSES).optional().describe('Only tasks with this status'),
  owner: shortText(80).optional().describe('Only tasks of this person (exact name)'),
  limit: z.number().int().min(1).max(50).optional().describe('How many tasks at most (default 20)'),
});

export const searchTasksArgs = z.object({
  query: shortText(120).describe('Words to look for in task titles'),
});

export const emptyArgs = z.object({});

export const listMeetingsArgs = z.object({
  limit: z.number().int().min(1).max(20).optional().describe('How many meetings at most, newest first (default 5)'),
});

export const createTaskArgs = z.object({
  title: shortText(200).describe('What has to be done'),
  owner: shortText(80).optional().describe('Who is responsible (a name)'),
  due: isoDate.optional().describe('Due date, YYYY-MM-DD'),
  priority: z.enum(PRIORITIES).optional().describe('low, medium (default) or high'),
});

const taskId = z.string().min(1).max(64).describe('The task id (from list_tasks or search_tasks)');
/** The version read when the change was proposed: a task changed since then is not overwritten blindly. */
const expectedVersion = z.number().int().min(1).optional();

export const updateTaskArgs = z.object({
  task_id: taskId,
  title: shortText(200).optional(),
  owner: shortText(80).optional(),
  due: isoDate.optional(),
  priority: z.enum(PRIORITIES).optional(),
  status: z.enum(TASK_STATUSES).optional(),
  expected_version: expectedVersion,
});

export const taskRefArgs = z.object({ task_id: taskId, expected_version: expectedVersion });

export const createObjectiveArgs = z.object({
  title: shortText(200).describe('The objective'),
  due: isoDate.optional().describe('Deadline, YYYY-MM-DD'),
  kpis: z.array(z.object({
    name: shortText(80).describe('What is measured'),
    unit: z.string().trim().max(20).default('').describe('Unit, e.g. "%", "€", "clientes"'),
    target: z.number().finite().describe('Target value'),
    current: z.number().finite().optional().describe('Current value (default 0)'),
  })).min(1).max(10).describe('Key results that measure it'),
});

export const recordKpiArgs = z.object({
  objective_id: z.string().min(1).max(64).describe('The objective id (from kpi_status)'),
  kpi: shortText(80).describe('The KPI name'),
  value: z.number().finite().describe('The new current value'),
  expected_version: expectedVersion,
});

export const addMeetingArgs = z.object({
  date: isoDate.describe('Meeting date, YYYY-MM-DD'),
  title: shortText(200).describe('Subject of the meeting'),
  attendees: z.array(shortText(80)).max(50).optional(),
  decisions: z.array(shortText(500)).max(30).optional(),
  action_items: z.array(z.object({ text: shortText(300), owner: shortText(80).optional(), due: isoDate.optional() })).max(30).optional(),
  notes: z.string().trim().max(4000).optional(),
});
