/**
 * @module gerencia-ia/workspace
 * The team's workspace: the room-scoped collections of tasks, objectives and meeting notes (`ctx.storage.room`,
 * encrypted at rest by the engine and erased with the conversation). Reads and writes only; what may change and
 * when is decided by tools.ts (writes run only after a verified confirmation).
 */
import type { StorageCollection, StorageScope, StoredRecord } from '../../bots/sdk/index.ts';
import { COLLECTIONS, type Meeting, type Objective, type Task, type TaskStatus } from './model.ts';

/** Storage lists at most 500 records per call; a small team's workspace stays well below that. */
const SCAN_LIMIT = 500;

export class Workspace {
  readonly tasks: StorageCollection<Task>;
  readonly objectives: StorageCollection<Objective>;
  readonly meetings: StorageCollection<Meeting>;

  constructor(scope: StorageScope) {
    this.tasks = scope.collection<Task>(COLLECTIONS.tasks);
    this.objectives = scope.collection<Objective>(COLLECTIONS.objectives);
    this.meetings = scope.collection<Meeting>(COLLECTIONS.meetings);
  }

  /** Open tasks first (high priority, then earliest due), done ones last. */
  async listTasks(filter: { status?: TaskStatus; owner?: string; limit?: number } = {}): Promise<StoredRecord<Task>[]> {
    const where: Record<string, string> = {};
    if (filter.status) where.status = filter.status;
    if (filter.owner) where.owner = filter.owner;
    const records = await this.tasks.list({ where, limit: SCAN_LIMIT });
    return records.sort(compareTasks).slice(0, filter.limit ?? 20);
  }

  /** Case- and accent-insensitive match of every word of `query` in the title. */
  async searchTasks(query: string, limit = 20): Promise<StoredRecord<Task>[]> {
    const words = fold(query).split(/\s+/).filter(Boolean);
    const records = await this.tasks.list({ limit: SCAN_LIMIT });
    return records.filter((r) => words.every((w) => fold(r.data.title).includes(w))).sort(compareTasks).slice(0, limit);
  }

  /** A task by id, or by a title that matches exactly one task (for typed commands). */
  async findTask(reference: string): Promise<StoredRecord<Task> | StoredRecord<Task>[] | undefined> {
    const byId = /^[0-9a-f-]{8,64}$/i.test(reference) ? await this.tasks.get(reference) : undefined;
    if (byId) return byId;
    const matches = (await this.searchTasks(reference, 5)).filter((r) => r.data.status !== 'done');
    if (matches.length === 1) return matches[0];
    const exact = matches.filter((r) => fold(r.data.title) === fold(reference));
    if (exact.length === 1) return exact[0];
    return matches.length === 0 ? undefined : matches;
  }

  listObjectives(): Promise<StoredRecord<Objective>[]> {
    return this.objectives.list({ limit: SCAN_LIMIT });
  }

  listMeetings(limit = 5): Promise<StoredRecord<Meeting>[]> {
    return this.meetings.list({ limit: SCAN_LIMIT }).then((all) => all.sort((a, b) => b.data.date.localeCompare(a.data.date)).slice(0, limit));
  }
}

const PRIORITY_RANK = { high: 0, medium: 1, low: 2 } as const;
const STATUS_RANK = { in_progress: 0, pending: 1, done: 2 } as const;

function compareTasks(a: StoredRecord<Task>, b: StoredRecord<Task>): number {
  return STATUS_RANK[a.data.status] - STATUS_RANK[b.data.status]
    || PRIORITY_RANK[a.data.priority] - PRIORITY_RANK[b.data.priority]
    || (a.data.due ?? '9999').localeCompare(b.data.due ?? '9999')
    || a.createdAt.localeCompare(b.createdAt);
}

/** Lower case without accents, so "reunion" finds "Reunión". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
}

/** Today as YYYY-MM-DD (UTC), to tell overdue tasks. */
export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
