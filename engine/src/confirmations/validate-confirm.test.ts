/** The `confirm` body at the protocol's door (schema/validate.ts): its data is required and shaped. */
import { describe, expect, it } from 'vitest';
import { ErrorCode, validateCommand } from '../../../schema/index.ts';

const send = (body: unknown) => validateCommand({ id: 1, type: 'send', room: '00000000-0000-4000-8000-000000000000', msgId: 'm1', body });

describe('send with a confirm body', () => {
  it('accepts {token, approve}', () => {
    expect(send({ kind: 'confirm', text: 'Confirmo', data: { token: 'v1.a.b', approve: true } })).toMatchObject({ ok: true });
  });

  it('names the field that is wrong', () => {
    expect(send({ kind: 'confirm', text: 'Confirmo' })).toMatchObject({ ok: false, code: ErrorCode.BAD_ARGS, message: 'body.data: expected object' });
    expect(send({ kind: 'confirm', text: 'x', data: { approve: true } })).toMatchObject({ ok: false, message: expect.stringMatching(/^body\.data\.token/) });
    expect(send({ kind: 'confirm', text: 'x', data: { token: 'v1.a.b', approve: 'yes' } })).toMatchObject({ ok: false, message: 'body.data.approve: expected boolean' });
    expect(send({ kind: 'confirm', text: 'x', data: { token: 'x'.repeat(16_385), approve: true } })).toMatchObject({ ok: false, message: expect.stringContaining('longer than') });
  });

  it('leaves other kinds alone', () => {
    expect(send({ text: 'hola', data: { anything: 1 } })).toMatchObject({ ok: true });
  });
});
