import { describe, expect, it } from 'vitest';
import { MicroBatcher, type BatchReport } from './batcher.ts';
import { LineDecoder } from './protocol.ts';

/** A run function whose batches the test lets finish one by one. */
function controlledRun() {
  const calls: { items: number[]; finish: () => void; fail: (error: Error) => void }[] = [];
  let notify: (() => void) | undefined;
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      calls.push({ items, finish: () => resolve(items.map((i) => `r${i}`)), fail: reject });
      notify?.();
    });
  const nextCall = async (index: number) => {
    while (calls.length <= index) await new Promise<void>((resolve) => (notify = resolve));
    return calls[index] as (typeof calls)[number];
  };
  return { run, calls, nextCall };
}

describe('MicroBatcher', () => {
  it('runs a full batch at once, without waiting maxWaitMs', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, string>({
      maxBatch: 4,
      maxWaitMs: 60_000,
      run: async (items) => {
        batches.push(items);
        return items.map((i) => `r${i}`);
      },
    });
    const results = await Promise.all([batcher.submit([1]), batcher.submit([2, 3]), batcher.submit([4])]);
    expect(results).toEqual([['r1'], ['r2', 'r3'], ['r4']]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it('runs a partial batch after maxWaitMs', async () => {
    const reports: BatchReport[] = [];
    const batcher = new MicroBatcher<number, string>({
      maxBatch: 100,
      maxWaitMs: 5,
      run: async (items) => items.map((i) => `r${i}`),
      onBatch: (report) => reports.push(report),
    });
    await Promise.all([batcher.submit([1]), batcher.submit([2])]);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ size: 2, requests: 2, failed: false });
    expect(reports[0]?.queueWaitMs).toHaveLength(2);
  });

  it('queues requests while a batch runs and sends them together right after it', async () => {
    const { run, nextCall } = controlledRun();
    const batcher = new MicroBatcher<number, string>({ maxBatch: 64, maxWaitMs: 0, run });
    const first = batcher.submit([1]);
    const running = await nextCall(0);
    const second = batcher.submit([2]);
    const third = batcher.submit([3, 4]);
    expect(batcher.queued).toBe(2);
    running.finish();
    expect(await first).toEqual(['r1']);
    const next = await nextCall(1);
    expect(next.items).toEqual([2, 3, 4]);
    next.finish();
    expect(await Promise.all([second, third])).toEqual([['r2'], ['r3', 'r4']]);
  });

  it('never splits a request: one larger than maxBatch runs alone, others wait for the next batch', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>({
      maxBatch: 3,
      maxWaitMs: 0,
      run: async (items) => {
        batches.push(items);
        return items;
      },
    });
    await Promise.all([batcher.submit([1, 2]), batcher.submit([3, 4, 5, 6]), batcher.submit([7])]);
    expect(batches).toEqual([[1, 2], [3, 4, 5, 6], [7]]);
  });

  it('fails only the requests of a failed batch', async () => {
    const { run, nextCall } = controlledRun();
    const batcher = new MicroBatcher<number, string>({ maxBatch: 1, maxWaitMs: 0, run });
    const doomed = batcher.submit([1]);
    const fine = batcher.submit([2]);
    (await nextCall(0)).fail(new Error('boom'));
    await expect(doomed).rejects.toThrow('boom');
    (await nextCall(1)).finish();
    expect(await fine).toEqual(['r2']);
  });

  it('rejects queued and later requests once closed, and answers empty requests at once', async () => {
    const batcher = new MicroBatcher<number, string>({ maxBatch: 10, maxWaitMs: 60_000, run: async (items) => items.map(String) });
    expect(await batcher.submit([])).toEqual([]);
    const queued = batcher.submit([1]);
    batcher.close(new Error('closing'));
    await expect(queued).rejects.toThrow('closing');
    await expect(batcher.submit([2])).rejects.toThrow('closing');
  });
});

describe('LineDecoder', () => {
  it('reassembles lines split across chunks and skips blank ones', () => {
    const lines: string[] = [];
    const decoder = new LineDecoder((line) => lines.push(line), () => {});
    decoder.write('{"a":1}\n{"b"');
    decoder.write(':2}\n\n{"c":3');
    decoder.write('}\n');
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('gives up on a line longer than its limit instead of buffering forever', () => {
    const lines: string[] = [];
    let overflows = 0;
    const decoder = new LineDecoder((line) => lines.push(line), () => overflows++, 10);
    decoder.write('short\n');
    decoder.write('x'.repeat(11));
    decoder.write('\nafter\n');
    expect(lines).toEqual(['short']);
    expect(overflows).toBe(1);
  });
});
