/**
 * @module gerencia-ia/cards
 * Read results as `card` bodies: `data {title {es,en}, items [{title, detail {es,en}}], note?}` for clients that
 * render cards, and `text` with the whole content in the turn's language for those that do not.
 */
import type { MessageBody } from '../../schema/protocol.ts';
import type { StoredRecord } from '../../bots/sdk/index.ts';
import type { Bilingual, Lang } from './language.ts';
import type { Meeting, Objective, Task, TaskStatus } from './model.ts';
import { today } from './workspace.ts';

export interface CardItem {
  readonly id?: string;
  readonly title: string;
  readonly detail?: Bilingual;
}

export interface Card {
  readonly title: Bilingual;
  readonly items: readonly CardItem[];
  readonly empty: Bilingual;
}

const STATUS: Record<TaskStatus, Bilingual> = {
  pending: { es: 'pendiente', en: 'pending' },
  in_progress: { es: 'en curso', en: 'in progress' },
  done: { es: 'hecha', en: 'done' },
};
const PRIORITY = { low: { es: 'prioridad baja', en: 'low priority' }, medium: { es: 'prioridad media', en: 'medium priority' }, high: { es: 'prioridad alta', en: 'high priority' } } as const;

export function taskDetail(task: Task, now = new Date()): Bilingual {
  const overdue = task.status !== 'done' && task.due !== null && task.due < today(now);
  const parts = (lang: Lang) => [
    STATUS[task.status][lang],
    PRIORITY[task.priority][lang],
    task.owner ? (lang === 'es' ? `responsable: ${task.owner}` : `owner: ${task.owner}`) : undefined,
    task.due ? (lang === 'es' ? `vence ${task.due}` : `due ${task.due}`) + (overdue ? (lang === 'es' ? ' (vencida)' : ' (overdue)') : '') : undefined,
  ].filter(Boolean).join(' · ');
  return { es: parts('es'), en: parts('en') };
}

export function tasksCard(records: readonly StoredRecord<Task>[], title: Bilingual = { es: 'Tareas del equipo', en: 'Team tasks' }): Card {
  return {
    title,
    items: records.map((r) => ({ id: r.id, title: r.data.title, detail: taskDetail(r.data) })),
    empty: { es: 'No hay tareas que coincidan.', en: 'No matching tasks.' },
  };
}

export function kpiProgress(kpi: { current: number; target: number }): number | null {
  return kpi.target === 0 ? null : Math.round((kpi.current / kpi.target) * 100);
}

export function objectivesCard(records: readonly StoredRecord<Objective>[]): Card {
  return {
    title: { es: 'Objetivos y KPI', en: 'Objectives and KPIs' },
    items: records.flatMap((r) => r.data.kpis.map((kpi) => {
      const pct = kpiProgress(kpi);
      const value = `${kpi.current}${kpi.unit ? ` ${kpi.unit}` : ''} / ${kpi.target}${kpi.unit ? ` ${kpi.unit}` : ''}`;
      const progress = pct === null ? '' : ` (${pct} %)`;
      return {
        id: r.id,
        title: `${r.data.title} — ${kpi.name}`,
        detail: {
          es: `${value}${progress}${r.data.due ? ` · fecha límite ${r.data.due}` : ''}`,
          en: `${value}${progress}${r.data.due ? ` · deadline ${r.data.due}` : ''}`,
        },
      };
    })),
    empty: { es: 'Aún no hay objetivos.', en: 'No objectives yet.' },
  };
}

export function meetingsCard(records: readonly StoredRecord<Meeting>[]): Card {
  return {
    title: { es: 'Notas de reuniones', en: 'Meeting notes' },
    items: records.map((r) => ({
      id: r.id,
      title: `${r.data.date} — ${r.data.title}`,
      detail: {
        es: `${r.data.decisions.length} decisiones, ${r.data.actionItems.length} acciones${r.data.attendees.length ? ` · asistentes: ${r.data.attendees.join(', ')}` : ''}`,
        en: `${r.data.decisions.length} decisions, ${r.data.actionItems.length} action items${r.data.attendees.length ? ` · attendees: ${r.data.attendees.join(', ')}` : ''}`,
      },
    })),
    empty: { es: 'Aún no hay notas de reuniones.', en: 'No meeting notes yet.' },
  };
}

/** Where the team stands: task counts, overdue work, KPI progress, the latest decisions and open action items. */
export function summaryCard(tasks: readonly StoredRecord<Task>[], objectives: readonly StoredRecord<Objective>[], meetings: readonly StoredRecord<Meeting>[], now = new Date()): Card {
  const count = (status: TaskStatus) => tasks.filter((t) => t.data.status === status).length;
  const overdue = tasks.filter((t) => t.data.status !== 'done' && t.data.due !== null && t.data.due < today(now));
  const items: CardItem[] = [
    {
      title: 'Tareas / Tasks',
      detail: {
        es: `${count('pending')} pendientes, ${count('in_progress')} en curso, ${count('done')} hechas`,
        en: `${count('pending')} pending, ${count('in_progress')} in progress, ${count('done')} done`,
      },
    },
  ];
  if (overdue.length > 0) {
    items.push({ title: 'Vencidas / Overdue', detail: { es: overdue.map((t) => t.data.title).join('; '), en: overdue.map((t) => t.data.title).join('; ') } });
  }
  for (const item of objectivesCard(objectives).items) items.push(item);
  const latest = meetings[0];
  if (latest) {
    const decisions = latest.data.decisions.join('; ') || '—';
    items.push({ title: `${latest.data.date} — ${latest.data.title}`, detail: { es: `Decisiones: ${decisions}`, en: `Decisions: ${decisions}` } });
  }
  return { title: { es: 'Resumen del progreso', en: 'Progress summary' }, items, empty: { es: 'El espacio de trabajo está vacío.', en: 'The workspace is empty.' } };
}

/** The card as plain text in one language (the `text` of the body, and what the model reads). */
export function cardText(card: Card, lang: Lang): string {
  if (card.items.length === 0) return `${card.title[lang]}: ${card.empty[lang]}`;
  const lines = card.items.map((item) => `- ${item.title}${item.detail ? `: ${item.detail[lang]}` : ''}`);
  return `${card.title[lang]}\n${lines.join('\n')}`;
}

/** A `card` body; `text` defaults to the card as text, `note` is shown under it (e.g. the offline-mode label). */
export function cardBody(card: Card, lang: Lang, options: { text?: string; note?: Bilingual } = {}): MessageBody {
  return {
    text: options.text ?? cardText(card, lang),
    kind: 'card',
    data: {
      title: card.title,
      items: card.items.length > 0 ? card.items : [{ title: card.empty[lang] }],
      ...(options.note ? { note: options.note } : {}),
    },
  };
}
