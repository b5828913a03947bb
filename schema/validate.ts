/**
 * @module validate
 * Runtime validation of inbound frames and commands. Each command type has a schema of its arguments; the first
 * violation is reported as `BAD_ARGS` naming the field (e.g. `body.text: expected string`). Unknown fields are
 * ignored, as the protocol requires. Limits that depend on server configuration (text length) are checked by the
 * engine, not here.
 */
import { ErrorCode } from './codes.ts';
import { BODY_KINDS, LANDMARKS_LIMITS, STATS_TOPICS, type Command, type CommandType } from './protocol.ts';

type Check = (value: unknown, path: string) => string | null;

/** Plain objects only: decoders can produce arrays, byte arrays or extension instances (msgpack 0xc1), none is a command. */
const isObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

const str = (min: number, max: number): Check => (v, path) => {
  if (typeof v !== 'string') return `${path}: expected string`;
  if (v.length < min) return `${path}: must not be empty`;
  if (v.length > max) return `${path}: longer than ${max} characters`;
  return null;
};
const int = (min: number, max: number): Check => (v, path) => {
  if (typeof v !== 'number' || !Number.isInteger(v)) return `${path}: expected integer`;
  if (v < min || v > max) return `${path}: must be between ${min} and ${max}`;
  return null;
};
const bool: Check = (v, path) => (typeof v === 'boolean' ? null : `${path}: expected boolean`);
const oneOf = (values: readonly string[]): Check => (v, path) =>
  typeof v === 'string' && values.includes(v) ? null : `${path}: expected one of ${values.join(', ')}`;
const arrayOf = (item: Check, max: number): Check => (v, path) => {
  if (!Array.isArray(v)) return `${path}: expected array`;
  if (v.length > max) return `${path}: more than ${max} items`;
  for (let i = 0; i < v.length; i++) {
    const err = item(v[i], `${path}[${i}]`);
    if (err) return err;
  }
  return null;
};
const any: Check = () => null;

interface Field { check: Check; optional?: boolean }
type Shape = Record<string, Field>;
const req = (check: Check): Field => ({ check });
const opt = (check: Check): Field => ({ check, optional: true });

const object = (shape: Shape): Check => (v, path) => {
  if (!isObject(v)) return `${path}: expected object`;
  return checkShape(v, shape, `${path}.`);
};

function checkShape(v: Record<string, unknown>, shape: Shape, prefix: string): string | null {
  for (const name in shape) {
    const field = shape[name]!;
    const value = v[name];
    if (value === undefined || value === null) {
      if (field.optional) continue;
      return `${prefix}${name}: required`;
    }
    const err = field.check(value, `${prefix}${name}`);
    if (err) return err;
  }
  return null;
}

/** Largest safe offset (2^53 - 1). */
const MAX_OFFSET = Number.MAX_SAFE_INTEGER;
const roomId = str(1, 64);

/** Argument schemas, one per command type. The keys are the closed list of command types. */
export const COMMAND_SCHEMAS: Readonly<Record<CommandType, Shape>> = {
  auth: { token: req(str(1, 8192)) },
  create: { bot: opt(str(1, 64)), bots: opt(arrayOf(str(1, 64), 10)), title: opt(str(0, 200)), members: opt(arrayOf(str(1, 64), 100)) },
  invite: { room: req(roomId), user: req(str(1, 64)) },
  rooms: { limit: opt(int(1, 200)), before: opt(str(1, 200)) },
  join: {
    room: req(roomId),
    since: opt(object({ epoch: req(str(1, 64)), offset: req(int(0, MAX_OFFSET)) })),
    limit: opt(int(1, 200)),
  },
  leave: { room: req(roomId) },
  send: {
    room: req(roomId),
    msgId: req(str(1, 128)),
    body: req(object({ text: req(str(0, Number.MAX_SAFE_INTEGER)), kind: opt(oneOf(BODY_KINDS)), data: opt(any) })),
  },
  history: { room: req(roomId), before: opt(int(1, MAX_OFFSET)), limit: opt(int(1, 200)) },
  typing: { room: req(roomId), on: req(bool) },
  cancel: { room: req(roomId), turn: req(str(1, 128)) },
  ping: {},
  watch: { topic: req(oneOf(STATS_TOPICS)), on: opt(bool) },
};

export const COMMAND_TYPES = Object.keys(COMMAND_SCHEMAS) as CommandType[];

/** Longest `confirm` token accepted (a signed tool proposal: its arguments are inside). */
export const MAX_CONFIRM_TOKEN_CHARS = 16_384;
const CONFIRM_DATA = object({ token: req(str(1, MAX_CONFIRM_TOKEN_CHARS)), approve: req(bool) });

/** A `confirm` body must carry `data {token, approve}` (ConfirmData); other kinds are not checked here. */
function confirmBodyError(body: Record<string, unknown>): string | null {
  return body.kind === 'confirm' ? CONFIRM_DATA(body.data, 'body.data') : null;
}

/** One landmark frame: `[]` (a pause) or exactly 21 points of 3 finite numbers within ±maxAbs. */
const landmarkFrame: Check = (v, path) => {
  if (!Array.isArray(v)) return `${path}: expected array`;
  if (v.length === 0) return null;
  if (v.length !== LANDMARKS_LIMITS.points) return `${path}: expected ${LANDMARKS_LIMITS.points} landmarks or [] (a pause), got ${v.length}`;
  for (let i = 0; i < v.length; i++) {
    const p = v[i];
    const ok = Array.isArray(p) && p.length === 3 && p.every((n) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= LANDMARKS_LIMITS.maxAbs);
    if (!ok) return `${path}[${i}]: expected [x, y, z], finite numbers within ±${LANDMARKS_LIMITS.maxAbs}`;
  }
  return null;
};
const LANDMARKS_DATA = object({
  language: opt(oneOf(['LSM', 'LSE'])),
  frames: req((v, path) => (Array.isArray(v) && v.length === 0 ? `${path}: must not be empty` : arrayOf(landmarkFrame, LANDMARKS_LIMITS.maxFrames)(v, path))),
});

/** A `landmarks` body must carry `data {language?, frames}` (LandmarksData). */
function landmarksBodyError(body: Record<string, unknown>): string | null {
  return body.kind === 'landmarks' ? LANDMARKS_DATA(body.data, 'body.data') : null;
}

export type Validated =
  | { ok: true; command: Command }
  | { ok: false; id: number | undefined; code: ErrorCode; message: string };

/** Validates one decoded frame item. `id` is reported whenever it is readable, so the error can be a reply. */
export function validateCommand(item: unknown): Validated {
  if (!isObject(item)) return { ok: false, id: undefined, code: ErrorCode.BAD_FRAME, message: 'frame item is not an object' };
  const rawId = item.id;
  const id = typeof rawId === 'number' && Number.isInteger(rawId) && rawId >= 0 ? rawId : undefined;
  if (rawId !== undefined && id === undefined) {
    return { ok: false, id: undefined, code: ErrorCode.BAD_FRAME, message: 'id: expected unsigned integer' };
  }
  const type = item.type;
  if (typeof type !== 'string' || type.length === 0) {
    return { ok: false, id, code: ErrorCode.BAD_FRAME, message: 'type: required string' };
  }
  const shape = Object.hasOwn(COMMAND_SCHEMAS, type) ? COMMAND_SCHEMAS[type as CommandType] : undefined;
  if (!shape) return { ok: false, id, code: ErrorCode.UNKNOWN_TYPE, message: `unknown command type "${type.slice(0, 32)}"` };
  const err = checkShape(item, shape, '') ?? (type === 'send' ? confirmBodyError(item.body as Record<string, unknown>) ?? landmarksBodyError(item.body as Record<string, unknown>) : null);
  if (err) return { ok: false, id, code: ErrorCode.BAD_ARGS, message: err };
  return { ok: true, command: item as unknown as Command };
}

/** Splits a decoded frame into its items: one object, or a batch (array) of them. Empty batches are bad frames. */
export function frameItems(decoded: unknown): unknown[] | null {
  if (Array.isArray(decoded)) return decoded.length > 0 ? decoded : null;
  return isObject(decoded) ? [decoded] : null;
}
