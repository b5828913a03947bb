/**
 * Gerencia IA's tool logic with the kit: real PostgreSQL storage (the engine's plugin storage service), the real
 * OpenAI/Anthropic SDKs against the scripted SSE server for the tool loop. Confirmations are passed the way the
 * engine passes them once it verified the signed token (the signing itself is tested in engine/src/confirmations
 * and end to end in test/bots/gerencia-ia.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPluginTurn, type PluginTurnOptions } from '../../bots/kit/index.ts';
import type { PluginStorageService } from '../../bots/host/storage-protocol.ts';
import { createStore } from '../../engine/src/storage/orm-store.ts';
import type { Store } from '../../engine/src/storage/store.ts';
import { silentLogger, testConfig } from '../../engine/src/storage/test-fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/pg.ts';
import type { ToolResultData } from '../../schema/protocol.ts';
import { detectLanguage } from './language.ts';
import { parseWriteCommand } from './offline.ts';
import gerencia from './plugin.ts';
import { TOOLS, toolDefinitions } from './tools.ts';

let db: TestDatabase;
let store: Store;
let storage: PluginStorageService;
beforeAll(async () => {
  db = await createTestDatabase('gerencia');
  store = await createStore(testConfig(db.url), silentLogger());
  storage = store.pluginStorage();
});
afterAll(async () => {
  await store?.close();
  await db?.drop();
});

/** Each test gets its own team workspace (room). */
const workspace = () => {
  const room = randomUUID();
  const turn = (options: Omit<PluginTurnOptions, 'storage' | 'room'>) => runPluginTurn(gerencia, { ...options, room, storage });
  return { room, turn };
};

async function tasksOf(turn: ReturnType<typeof workspace>['turn']) {
  const result = await turn({ text: 'tareas', config: { useLlm: false } });
  return result.bodies[0]!;
}

describe('tool catalogue', () => {
  it('offers read and write tools to the model with JSON Schemas built from the argument checks', () => {
    const definitions = toolDefinitions();
    expect(definitions.map((d) => d.name).sort()).toEqual(TOOLS.map((t) => t.name).sort());
    const create = definitions.find((d) => d.name === 'create_task')!;
    expect(create.parameters).toMatchObject({ type: 'object', properties: { title: { type: 'string' } }, required: ['title'] });
    expect(create.parameters).not.toHaveProperty('$schema');
    expect(TOOLS.filter((t) => t.kind === 'write').map((t) => t.name)).toEqual([
      'create_task', 'update_task', 'complete_task', 'delete_task', 'create_objective', 'record_kpi_value', 'add_meeting_note',
    ]);
  });
});

describe('with a model: the tool loop', () => {
  it('turns a create_task call into a proposal to confirm, writes nothing, and lets the model say it is pending', async () => {
    const { turn } = workspace();
    const result = await turn({
      text: 'Crea una tarea: preparar el informe trimestral, para Ana, vence el 2026-12-01',
      llm: { scripted: [
        { toolCalls: [{ name: 'create_task', args: { title: 'Preparar el informe trimestral', owner: 'Ana', due: '2026-12-01', priority: 'high' } }] },
        { tokens: ['Te he preparado ', 'la tarea; ', 'confírmala con el botón.'] },
      ], provider: 'openai' },
    });
    const proposal = result.toolCalls.find((c) => c.confirm !== undefined)!;
    expect(proposal).toMatchObject({
      name: 'create_task',
      args: { title: 'Preparar el informe trimestral', owner: 'Ana', due: '2026-12-01', priority: 'high' },
      confirm: { es: expect.stringContaining('¿Creo la tarea «Preparar el informe trimestral»'), en: expect.stringContaining('Shall I create') },
    });
    expect(result.text).toBe('Te he preparado la tarea; confírmala con el botón.');
    // The model was told the change is pending, not done.
    const second = JSON.stringify(result.llmRequests[1]!.body);
    expect(second).toContain('awaiting_confirmation');
    // Nothing was written.
    expect((await tasksOf(turn)).data).toMatchObject({ items: [{ title: 'No hay tareas que coincidan.' }] });
  });

  it('rejects a write call with bad arguments back to the model, without proposing anything', async () => {
    const { turn } = workspace();
    const result = await turn({
      text: 'crea una tarea para ayer',
      llm: { scripted: [
        { toolCalls: [{ name: 'create_task', args: { title: 'X', due: 'ayer' } }] },
        { tokens: ['¿Qué fecha exacta?'] },
      ] },
    });
    expect(result.toolCalls.filter((c) => c.confirm)).toEqual([]);
    expect(JSON.stringify(result.llmRequests[1]!.body)).toContain('el dato «due» no es válido (una fecha AAAA-MM-DD)');
  });

  it('refuses a proposal too large to sign, telling the model to split it', async () => {
    const { turn } = workspace();
    const decisions = Array.from({ length: 30 }, (_, i) => `Decisión ${i}: ${'x'.repeat(400)}`);
    const result = await turn({
      text: 'guarda la nota de la reunión',
      llm: { scripted: [{ toolCalls: [{ name: 'add_meeting_note', args: { date: '2026-11-20', title: 'Comité', decisions } }] }, { tokens: ['La divido.'] }] },
    });
    expect(result.toolCalls.filter((c) => c.confirm)).toEqual([]);
    expect(JSON.stringify(result.llmRequests[1]!.body)).toContain('demasiado texto');
  });

  it('runs read tools at once and answers with a card that carries the model’s words (Anthropic SDK)', async () => {
    const { turn } = workspace();
    await turn({ text: 'Confirmo', confirmation: { tool: 'create_task', args: { title: 'Llamar a proveedores', owner: 'Luis' }, approved: true } });
    const result = await turn({
      text: '¿Qué tareas tenemos?',
      llm: { scripted: [
        { toolCalls: [{ name: 'list_tasks', args: {} }] },
        { tokens: ['Tenéis una tarea abierta, de Luis.'] },
      ], provider: 'anthropic' },
    });
    const card = result.bodies.at(-1)!;
    expect(card.kind).toBe('card');
    expect(card.text).toBe('Tenéis una tarea abierta, de Luis.');
    expect(card.data).toMatchObject({ title: { es: 'Tareas del equipo' }, items: [{ title: 'Llamar a proveedores', detail: { es: expect.stringContaining('responsable: Luis') } }] });
    // The model saw the stored task, with its id, in the tool result.
    expect(JSON.stringify(result.llmRequests[1]!.body)).toMatch(/Llamar a proveedores.*\\"id\\"|\\"id\\".*Llamar a proveedores/);
  });

  it('stops after maxToolRounds model requests and says so', async () => {
    const { turn } = workspace();
    const loop = { toolCalls: [{ name: 'kpi_status', args: {} }] };
    const result = await turn({ text: 'objetivos', config: { maxToolRounds: 2 }, llm: { scripted: [loop, loop, loop] } });
    expect(result.usage.llmRequests).toBe(2);
    expect(result.text).toContain('límite de pasos');
  });

  it('answers in English when the person writes English', async () => {
    const { turn } = workspace();
    const result = await turn({ text: 'Show me the progress summary please', llm: { scripted: [{ toolCalls: [{ name: 'summarize_progress', args: {} }] }, { tokens: ['All quiet.'] }] } });
    expect(JSON.stringify(result.llmRequests[0]!.body)).toContain('answer in English');
    expect(result.bodies.at(-1)).toMatchObject({ kind: 'card', text: 'All quiet.', data: { title: { en: 'Progress summary' } } });
  });
});

describe('confirmed turns: only verified arguments change data', () => {
  it('creates the task with exactly the confirmed arguments and reports the result', async () => {
    const { turn } = workspace();
    const result = await turn({ text: 'Confirmo', confirmation: { tool: 'create_task', args: { title: 'Informe Q4', owner: 'Ana', due: '2026-12-01' }, approved: true } });
    const body = result.bodies[0]!;
    expect(body).toMatchObject({ kind: 'tool', text: 'Tarea creada: «Informe Q4».', data: { phase: 'result', tool: 'create_task', approved: true, ok: true } });
    const stored = (body.data as ToolResultData).result as Record<string, unknown>;
    expect(stored).toMatchObject({ title: 'Informe Q4', owner: 'Ana', due: '2026-12-01', status: 'pending', priority: 'medium', createdBy: 'kit-user' });
    expect((await tasksOf(turn)).data).toMatchObject({ items: [{ title: 'Informe Q4' }] });
  });

  it('a cancelled proposal changes nothing', async () => {
    const { turn } = workspace();
    const result = await turn({ text: 'Cancelo', confirmation: { tool: 'create_task', args: { title: 'No debería existir' }, approved: false } });
    expect(result.bodies[0]).toMatchObject({ text: 'Cancelado: no he cambiado nada.', data: { approved: false } });
    expect(JSON.stringify((await tasksOf(turn)).data)).not.toContain('No debería existir');
  });

  it('refuses a stale change: the task changed after the proposal (expected_version)', async () => {
    const { turn } = workspace();
    const created = await turn({ text: 'Confirmo', confirmation: { tool: 'create_task', args: { title: 'Revisar contrato' }, approved: true } });
    const taskId = ((created.bodies[0]!.data as ToolResultData).result as { task_id: string }).task_id;
    // Proposed at version 1 …
    const proposal = await turn({ text: 'completar tarea: Revisar contrato', config: { useLlm: false } });
    expect(proposal.toolCalls[0]).toMatchObject({ name: 'complete_task', args: { task_id: taskId, expected_version: 1 } });
    // … but someone changed the task in between.
    await turn({ text: 'Confirmo', confirmation: { tool: 'update_task', args: { task_id: taskId, priority: 'high' }, approved: true } });
    const stale = await turn({ text: 'Confirmo', confirmation: { tool: 'complete_task', args: proposal.toolCalls[0]!.args, approved: true } });
    expect(stale.bodies[0]).toMatchObject({ data: { ok: false }, text: expect.stringContaining('cambió') });
    expect(JSON.stringify((await tasksOf(turn)).data)).toContain('prioridad alta');
    expect(JSON.stringify((await tasksOf(turn)).data)).not.toContain('hecha');
  });

  it('records KPI values with their history, and the summary card shows progress', async () => {
    const { room, turn } = workspace();
    const created = await turn({ text: 'Confirmo', confirmation: { tool: 'create_objective', args: { title: 'Crecer en 2027', kpis: [{ name: 'Clientes', unit: 'clientes', target: 40, current: 10 }] }, approved: true } });
    const objectiveId = ((created.bodies[0]!.data as ToolResultData).result as { objective_id: string }).objective_id;
    const recorded = await turn({ text: 'Confirmo', confirmation: { tool: 'record_kpi_value', args: { objective_id: objectiveId, kpi: 'Clientes', value: 20 }, approved: true } });
    expect(recorded.bodies[0]).toMatchObject({ data: { ok: true }, text: 'KPI «Clientes» actualizado a 20.' });
    const stored = await storage.run('gerencia-ia', { room }, { scope: 'room', collection: 'objectives', call: { op: 'get', id: objectiveId } }) as { data: { kpis: { current: number; history: { value: number; by: string }[] }[] } };
    expect(stored.data.kpis[0]).toMatchObject({ current: 20, history: [{ value: 10, by: 'kit-user' }, { value: 20, by: 'kit-user' }] });
    const summary = await turn({ text: 'resumen', config: { useLlm: false } });
    expect(JSON.stringify(summary.bodies[0]!.data)).toContain('20 clientes / 40 clientes (50 %)');
  });

  it('does not run an unknown tool or arguments that no longer validate', async () => {
    const { turn } = workspace();
    expect((await turn({ text: 'Confirmo', confirmation: { tool: 'drop_database', args: {}, approved: true } })).bodies[0]).toMatchObject({ data: { ok: false } });
    expect((await turn({ text: 'Confirmo', confirmation: { tool: 'create_task', args: { title: '' }, approved: true } })).bodies[0]).toMatchObject({ data: { ok: false } });
    expect((await tasksOf(turn)).data).toMatchObject({ items: [{ title: 'No hay tareas que coincidan.' }] });
  });
});

describe('without a model: the labelled no-AI mode', () => {
  it('lists tasks as a labelled card, never as an AI answer', async () => {
    const { turn } = workspace();
    const result = await turn({ text: 'tareas' });
    expect(result.bodies[0]).toMatchObject({ kind: 'card', text: expect.stringMatching(/^\[Sin IA\]/), data: { notice: 'LLM_NOT_CONFIGURED', mode: 'offline', note: { es: expect.stringContaining('Modo sin IA') } } });
  });

  it('proposes a new task from a typed command, through the same confirmation flow', async () => {
    const { turn } = workspace();
    const result = await turn({ text: 'nueva tarea: Enviar presupuesto; responsable: Marta; vence: 2026-12-15; prioridad: alta' });
    expect(result.toolCalls).toEqual([expect.objectContaining({
      name: 'create_task', args: { title: 'Enviar presupuesto', owner: 'Marta', due: '2026-12-15', priority: 'high' }, confirm: expect.any(Object),
    })]);
    expect(result.bodies.at(-1)!.text).toMatch(/^\[Sin IA\].*Confirmar/);
    expect((await tasksOf(turn)).data).toMatchObject({ items: [{ title: 'No hay tareas que coincidan.' }] });
  });

  it('answers anything else with the command list, saying it is not the AI', async () => {
    const { turn } = workspace();
    const result = await turn({ text: '¿Cómo va el trimestre?' });
    expect(result.bodies[0]!.text).toContain('Modo sin IA');
    expect(result.bodies[0]!.text).toContain('nueva tarea:');
  });

  it('parses typed write commands in both languages', () => {
    expect(parseWriteCommand('new task: Call the bank; owner: Tom; due: 2026-12-01; priority: low')).toEqual({ tool: 'create_task', args: { title: 'Call the bank', owner: 'Tom', due: '2026-12-01', priority: 'low' } });
    expect(parseWriteCommand('completar tarea: Informe')).toEqual({ tool: 'complete_task', args: { ref: 'Informe' } });
    expect(parseWriteCommand('delete task: abc')).toEqual({ tool: 'delete_task', args: { ref: 'abc' } });
    expect(parseWriteCommand('hola')).toBeUndefined();
  });
});

it('detects English and falls back to Spanish', () => {
  expect(detectLanguage('Please create a task for the team')).toBe('en');
  expect(detectLanguage('Crea una tarea para el equipo')).toBe('es');
  expect(detectLanguage('ok', 'en-GB')).toBe('en');
  expect(detectLanguage('ok')).toBe('es');
});

