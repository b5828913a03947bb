import { describe, expect, it } from 'vitest';
import { COMMAND_SCHEMAS, ErrorCode, frameItems, jsonCodec, msgpackCodec, negotiateCodec, shouldReconnect, validateCommand } from './index.ts';

describe('codecs', () => {
  it.each([jsonCodec, msgpackCodec])('%s round-trips objects and batches', (codec) => {
    const frame = [{ id: 1, type: 'send', room: 'r', msgId: 'm', body: { text: 'ñandú 🦩', data: { n: 2 ** 40 } } }, { type: 'ping' }];
    const encoded = codec.encode(frame);
    expect(typeof encoded === 'string').toBe(!codec.binary);
    expect(codec.decode(typeof encoded === 'string' ? encoded : encoded)).toEqual(frame);
  });

  it('negotiates the sub-protocol in the client’s order and refuses unknown-only offers', () => {
    expect(negotiateCodec(undefined)).toBe(jsonCodec);
    expect(negotiateCodec('')).toBe(jsonCodec);
    expect(negotiateCodec('mentalia.v1.msgpack, mentalia.v1.json')).toBe(msgpackCodec);
    expect(negotiateCodec('x.v9, mentalia.v1.json')).toBe(jsonCodec);
    expect(negotiateCodec('x.v9')).toBeUndefined();
  });

  it('throws on undecodable input', () => {
    expect(() => jsonCodec.decode('{')).toThrow();
    expect(() => jsonCodec.decode(new Uint8Array([0xff, 0xfe]))).toThrow();
    expect(() => msgpackCodec.decode(new Uint8Array([0x92, 0x01]))).toThrow();
    // 0xc1 ("never used") decodes to an extension instance, which is no command object.
    expect(frameItems(msgpackCodec.decode(new Uint8Array([0xc1])))).toBeNull();
    expect(() => msgpackCodec.decode('text')).toThrow();
  });
});

describe('validation', () => {
  it('accepts every command type with its minimal arguments', () => {
    const minimal: Record<string, object> = {
      auth: { token: 't' }, create: {}, invite: { room: 'r', user: 'u' }, rooms: {}, join: { room: 'r' }, leave: { room: 'r' },
      send: { room: 'r', msgId: 'm', body: { text: '' } }, history: { room: 'r' }, typing: { room: 'r', on: false },
      cancel: { room: 'r', turn: 't' }, ping: {}, watch: { topic: 'impact' },
    };
    expect(Object.keys(minimal).sort()).toEqual(Object.keys(COMMAND_SCHEMAS).sort());
    for (const [type, args] of Object.entries(minimal)) expect(validateCommand({ id: 1, type, ...args }).ok, type).toBe(true);
  });

  it('reports the first violation with the field path and keeps the id', () => {
    expect(validateCommand({ id: 7, type: 'join', room: 'r', since: { epoch: 'e', offset: 1.5 } }))
      .toEqual({ ok: false, id: 7, code: ErrorCode.BAD_ARGS, message: 'since.offset: expected integer' });
    expect(validateCommand({ id: 8, type: 'create', members: ['a', 3] }))
      .toMatchObject({ code: ErrorCode.BAD_ARGS, message: 'members[1]: expected string' });
    expect(validateCommand({ id: 9, type: 'zzz' })).toMatchObject({ id: 9, code: ErrorCode.UNKNOWN_TYPE });
    expect(validateCommand({ id: 9, type: 'toString' })).toMatchObject({ code: ErrorCode.UNKNOWN_TYPE });
    expect(validateCommand({ id: -1, type: 'ping' })).toMatchObject({ id: undefined, code: ErrorCode.BAD_FRAME });
    expect(validateCommand(null)).toMatchObject({ code: ErrorCode.BAD_FRAME });
  });

  it('ignores unknown fields (forward compatibility)', () => {
    expect(validateCommand({ id: 1, type: 'ping', future: { x: 1 } }).ok).toBe(true);
  });

  it('splits frames into items', () => {
    expect(frameItems({ type: 'ping' })).toEqual([{ type: 'ping' }]);
    expect(frameItems([{ type: 'ping' }, 1])).toHaveLength(2);
    expect(frameItems([])).toBeNull();
    expect(frameItems('x')).toBeNull();
  });

  it('classifies close codes for reconnection', () => {
    expect([1006, 4001, 4002, 4500, 4501, 4502].map(shouldReconnect)).toEqual([true, false, false, true, true, true]);
  });
});
