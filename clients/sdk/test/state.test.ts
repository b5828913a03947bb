import { describe, expect, it } from 'vitest';
import { ConnectionStateMachine, nextState, type StateChange } from '../src/index.ts';

describe('connection state machine', () => {
  it('follows idle → connecting → connected → reconnecting → connected → closed → connecting', () => {
    const changes: StateChange[] = [];
    const machine = new ConnectionStateMachine((c) => changes.push(c));
    machine.send({ type: 'connect' });
    machine.send({ type: 'authenticated' });
    machine.send({ type: 'lost', code: 1006, reason: 'network', attempt: 1, delayMs: 120 });
    machine.send({ type: 'lost', code: 1006, reason: 'still down', attempt: 2, delayMs: 300 });
    machine.send({ type: 'authenticated' });
    machine.send({ type: 'close', code: 1000, reason: 'bye' });
    machine.send({ type: 'connect' });
    expect(changes.map((c) => `${c.from}>${c.to}`)).toEqual([
      'idle>connecting', 'connecting>connected', 'connected>reconnecting', 'reconnecting>reconnecting',
      'reconnecting>connected', 'connected>closed', 'closed>connecting',
    ]);
    expect(changes[2]!.event).toEqual({ type: 'lost', code: 1006, reason: 'network', attempt: 1, delayMs: 120 });
  });

  it('refuses transitions the table does not allow', () => {
    expect(nextState('idle', { type: 'authenticated' })).toBeUndefined();
    expect(nextState('closed', { type: 'lost', reason: 'x', attempt: 1, delayMs: 0 })).toBeUndefined();
    expect(nextState('connected', { type: 'connect' })).toBeUndefined();
    const machine = new ConnectionStateMachine(() => {});
    expect(() => machine.send({ type: 'authenticated' })).toThrow(/invalid connection transition/);
    expect(machine.state).toBe('idle');
  });
});
