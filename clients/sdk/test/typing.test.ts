import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TYPING_EXPIRE_MS, TYPING_IDLE_STOP_MS, TypingSender, TypingTracker, type TypingChange } from '../src/typing.ts';

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('TypingSender', () => {
  it('sends on:true at most every 3 s while typing and on:false once on stop', () => {
    const sent: boolean[] = [];
    const typing = new TypingSender((on) => { sent.push(on); return true; });
    typing.set(true);
    for (let i = 0; i < 10; i++) { vi.advanceTimersByTime(250); typing.set(true); } // 2.5 s of keystrokes
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(500);
    typing.set(true); // 3 s after the first: keep-alive
    expect(sent).toEqual([true, true]);
    typing.set(false);
    typing.set(false);
    expect(sent).toEqual([true, true, false]);
  });

  it('stops by itself after a few idle seconds', () => {
    const sent: boolean[] = [];
    const typing = new TypingSender((on) => { sent.push(on); return true; });
    typing.set(true);
    vi.advanceTimersByTime(TYPING_IDLE_STOP_MS);
    expect(sent).toEqual([true, false]);
  });

  it('retries on the next keystroke when it could not send (offline) and forgets its state on reset', () => {
    const sent: boolean[] = [];
    let online = false;
    const typing = new TypingSender((on) => { if (online) sent.push(on); return online; });
    typing.set(true);
    online = true;
    typing.set(true);
    expect(sent).toEqual([true]);
    typing.reset();
    typing.set(true); // a new connection: the server forgot, so send again right away
    expect(sent).toEqual([true, true]);
  });
});

describe('TypingTracker', () => {
  it('shows a typing user until on:false, or until keep-alives stop', () => {
    const changes: TypingChange[] = [];
    const tracker = new TypingTracker((c) => changes.push(c));
    const ana = { id: 'a', name: 'Ana' };
    tracker.apply(ana, true);
    tracker.apply(ana, true); // keep-alive: no new event
    expect(tracker.users).toEqual([ana]);
    tracker.apply(ana, false);
    expect(tracker.users).toEqual([]);
    tracker.apply(ana, true);
    vi.advanceTimersByTime(TYPING_EXPIRE_MS);
    expect(changes.map((c) => c.on)).toEqual([true, false, true, false]);
  });
});
