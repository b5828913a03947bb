/**
 * @module export
 * Export of a whole conversation (every stored message, fetched page by page from the engine's history, not
 * only what is on screen) as Markdown or JSON, downloaded as a file. Nothing leaves the device.
 */
import type { ChatClient, StoredMessage } from '../../sdk/src/index.ts';

const PAGE = 200;

/** Every stored message of a room, oldest first. */
export async function fetchWholeConversation(client: ChatClient, room: string, shown: readonly StoredMessage[]): Promise<StoredMessage[]> {
  const all = [...shown];
  let oldest = all[0]?.offset ?? undefined;
  if (oldest === undefined) {
    const latest = await client.history(room, { limit: PAGE });
    all.push(...latest);
    oldest = latest[0]?.offset;
  }
  while (oldest !== undefined && oldest > 1) {
    const page = await client.history(room, { before: oldest, limit: PAGE });
    if (page.length === 0) break;
    all.unshift(...page);
    oldest = page[0]!.offset;
  }
  // Shown and fetched pages never overlap, but be strict: one entry per offset, in order.
  const unique = new Map(all.map((m) => [m.offset, m]));
  return [...unique.values()].sort((a, b) => a.offset - b.offset);
}

export interface ExportLabels {
  title: string;
  exportedAt: string;
  you: string;
  userId: string;
  formatTs(ts: number): string;
}

export function toMarkdown(messages: readonly StoredMessage[], labels: ExportLabels): string {
  const lines = [`# ${labels.title}`, '', `_${labels.exportedAt}_`, ''];
  for (const m of messages) {
    const who = m.from.id === labels.userId ? labels.you : m.from.name;
    const kind = m.body.kind && m.body.kind !== 'text' ? ` [${m.body.kind}]` : '';
    lines.push(`**${who}** · ${labels.formatTs(m.ts)}${kind}`, '', ...m.body.text.split('\n').map((l) => (l ? `> ${l}` : '>')), '');
  }
  return lines.join('\n');
}

export function toJson(room: string, title: string, messages: readonly StoredMessage[]): string {
  return JSON.stringify({
    room,
    title,
    exportedAt: new Date().toISOString(),
    messages: messages.map(({ offset, ts, from, body }) => ({ offset, ts: new Date(ts).toISOString(), from, body })),
  }, null, 2);
}

export function fileName(title: string, ext: 'md' | 'json'): string {
  const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase() || 'conversacion';
  return `mentalia-${slug}-${new Date().toISOString().slice(0, 10)}.${ext}`;
}

export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
