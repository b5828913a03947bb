import { describe, expect, it } from 'vitest';
import type { StoredMessage, TurnPush } from '../../../schema/protocol.ts';
import { TurnAssembler } from '../src/index.ts';

const push = (seq: number, phase: TurnPush['phase'], extra: Partial<TurnPush> = {}): TurnPush =>
  ({ type: 'turn', room: 'r', turn: 't1', bot: 'echo', phase, seq, ...extra });
const delta = (seq: number, text: string) => push(seq, 'delta', { text });
const stored = (offset: number, text: string): StoredMessage =>
  ({ room: 'r', epoch: 'e', offset, msgId: 'turn:t1', from: { id: 'echo', kind: 'bot', name: 'Eco' }, body: { text, kind: 'text' }, ts: 1 });

describe('TurnAssembler', () => {
  it('assembles deltas in seq order and links the end to the stored message by offset', () => {
    const turns = new TurnAssembler();
    expect(turns.apply(push(0, 'start'))).toMatchObject({ turnId: 't1', bot: 'echo', phase: 'start', text: '' });
    expect(turns.apply(delta(1, 'uno '))?.text).toBe('uno ');
    expect(turns.apply(delta(2, 'dos'))).toMatchObject({ phase: 'delta', text: 'uno dos' });
    expect(turns.streamingTurnOf('echo')).toBe('t1');
    const end = turns.apply(push(3, 'end', { offset: 7 }));
    expect(end).toMatchObject({ phase: 'end', text: 'uno dos', offset: 7 });
    expect(end?.message).toBeUndefined();
    expect(turns.streamingTurnOf('echo')).toBeUndefined();
    expect(turns.linkMessage(stored(6, 'otro'))).toBeUndefined();
    expect(turns.linkMessage(stored(7, 'uno dos'))).toMatchObject({ phase: 'end', message: { offset: 7, body: { text: 'uno dos' } } });
    expect(turns.linkMessage(stored(7, 'uno dos'))).toBeUndefined(); // linked once
  });

  it('ignores duplicated pushes, also after the turn ended', () => {
    const turns = new TurnAssembler();
    turns.apply(push(0, 'start'));
    turns.apply(delta(1, 'a'));
    expect(turns.apply(delta(1, 'a'))).toBeUndefined();
    expect(turns.apply(push(0, 'start'))).toBeUndefined();
    expect(turns.apply(delta(2, 'b'))?.text).toBe('ab');
    turns.apply(push(3, 'end', { offset: 1 }));
    expect(turns.apply(delta(2, 'b'))).toBeUndefined();
    expect(turns.apply(push(3, 'end', { offset: 1 }))).toBeUndefined();
  });

  it('holds a delta that arrives ahead of a missing one until the gap fills', () => {
    const turns = new TurnAssembler();
    turns.apply(push(0, 'start'));
    expect(turns.apply(delta(2, 'dos '))).toBeUndefined(); // nothing new to show yet
    expect(turns.apply(delta(3, 'tres'))).toBeUndefined();
    expect(turns.apply(delta(3, 'tres'))).toBeUndefined(); // duplicate while waiting
    expect(turns.apply(delta(1, 'uno '))?.text).toBe('uno dos tres');
  });

  it('settles a gap that never fills at the terminal push, with what arrived in seq order', () => {
    const turns = new TurnAssembler();
    turns.apply(push(0, 'start'));
    turns.apply(delta(1, 'a'));
    turns.apply(delta(4, 'd'));
    turns.apply(delta(3, 'c'));
    expect(turns.get('t1')?.text).toBe('a');
    expect(turns.apply(push(5, 'end', { offset: 3 }))).toMatchObject({ phase: 'end', text: 'acd' });
  });

  it('starts a turn first seen mid-stream at the seq received', () => {
    const turns = new TurnAssembler();
    expect(turns.apply(delta(5, 'tarde'))).toMatchObject({ phase: 'delta', text: 'tarde' });
    expect(turns.apply(delta(6, ' llego'))?.text).toBe('tarde llego');
  });

  it('reports error and cancelled ends, and interrupts streaming turns on a lost connection', () => {
    const turns = new TurnAssembler();
    turns.apply(push(0, 'start'));
    const error = { code: 'TIMEOUT' as const, message: 'slow', temporary: true };
    expect(turns.apply(push(1, 'error', { error }))).toMatchObject({ phase: 'error', error });

    turns.apply({ ...push(0, 'start'), turn: 't2' });
    turns.apply({ ...delta(1, 'hola'), turn: 't2' });
    expect(turns.interruptStreaming()).toEqual([expect.objectContaining({ turnId: 't2', phase: 'interrupted', text: 'hola' })]);
    expect(turns.streaming).toEqual([]);
    expect(turns.apply({ ...delta(2, ' más'), turn: 't2' })).toBeUndefined();
  });
});
