/** The `landmarks` body in the protocol's validation (schema/validate.ts): strict shapes, clear coded errors. */
import { describe, expect, it } from 'vitest';
import { LANDMARKS_LIMITS, validateCommand } from '../../schema/index.ts';

const point = [0.5, 0.5, -0.01];
const frame = Array.from({ length: 21 }, () => point);
const send = (data: unknown) => validateCommand({ id: 1, type: 'send', room: 'r', msgId: 'm', body: { kind: 'landmarks', text: '', data } });

describe('landmarks bodies', () => {
  it('accepts frames of 21 [x, y, z] points, pauses ([]) and an optional language', () => {
    expect(send({ frames: [frame, [], frame] }).ok).toBe(true);
    expect(send({ language: 'LSE', frames: [frame] }).ok).toBe(true);
  });

  it.each([
    ['no data', undefined, 'body.data: expected object'],
    ['no frames', { frames: [] }, 'body.data.frames: must not be empty'],
    ['frames not an array', { frames: 'x' }, 'body.data.frames: expected array'],
    ['a frame of 20 points', { frames: [frame.slice(0, 20)] }, 'body.data.frames[0]: expected 21 landmarks or [] (a pause), got 20'],
    ['a point of 2 numbers', { frames: [frame, [...frame.slice(0, 20), [0.1, 0.2]]] }, 'body.data.frames[1][20]: expected [x, y, z], finite numbers within ±10'],
    ['a string coordinate', { frames: [[...frame.slice(0, 5), [0.1, '0.2', 0], ...frame.slice(6)]] }, 'body.data.frames[0][5]: expected [x, y, z]'],
    ['a NaN coordinate', { frames: [[...frame.slice(0, 5), [0.1, Number.NaN, 0], ...frame.slice(6)]] }, 'body.data.frames[0][5]: expected [x, y, z]'],
    ['a huge coordinate', { frames: [[...frame.slice(0, 5), [1e6, 0, 0], ...frame.slice(6)]] }, 'body.data.frames[0][5]: expected [x, y, z]'],
    ['too many frames', { frames: Array.from({ length: LANDMARKS_LIMITS.maxFrames + 1 }, () => []) }, `body.data.frames: more than ${LANDMARKS_LIMITS.maxFrames} items`],
    ['an unknown language', { language: 'ASL', frames: [frame] }, 'body.data.language: expected one of LSM, LSE'],
  ])('rejects %s with BAD_ARGS naming the field', (_label, data, message) => {
    const result = send(data);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe('BAD_ARGS');
      expect(result.message).toContain(message);
    }
  });
});
