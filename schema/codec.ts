/**
 * @module codec
 * The two encodings of protocol v1, behind one interface and fixed per connection by the negotiated sub-protocol.
 * A frame holds one object or an array of objects (a batch); `decode` always returns the raw value and leaves
 * shape checks to `validate.ts`.
 */
import { Packr } from 'msgpackr';
import { SUBPROTOCOL_JSON, SUBPROTOCOL_MSGPACK, type Subprotocol } from './protocol.ts';

export interface Codec {
  readonly name: Subprotocol;
  /** True when frames are binary (msgpack); false for text (JSON). */
  readonly binary: boolean;
  encode(value: unknown): string | Uint8Array;
  /** Throws on undecodable input. */
  decode(data: ArrayBuffer | Uint8Array | string): unknown;
}

const textDecoder = new TextDecoder('utf-8', { fatal: true });

export const jsonCodec: Codec = {
  name: SUBPROTOCOL_JSON,
  binary: false,
  encode: (value) => JSON.stringify(value),
  decode: (data) => JSON.parse(typeof data === 'string' ? data : textDecoder.decode(data)),
};

// `useRecords: false` keeps output plain msgpack maps that any msgpack library can read; `copyBuffers` because
// uWebSockets.js neuters the incoming ArrayBuffer once its handler returns.
const packr = new Packr({ useRecords: false, mapsAsObjects: true, int64AsType: 'number', copyBuffers: true });

export const msgpackCodec: Codec = {
  name: SUBPROTOCOL_MSGPACK,
  binary: true,
  encode: (value) => packr.pack(value),
  decode: (data) => {
    if (typeof data === 'string') throw new Error('msgpack frames must be binary');
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    if (bytes.length === 0) throw new Error('empty frame');
    return packr.unpack(bytes);
  },
};

export const CODECS: Readonly<Record<Subprotocol, Codec>> = {
  [SUBPROTOCOL_JSON]: jsonCodec,
  [SUBPROTOCOL_MSGPACK]: msgpackCodec,
};

/**
 * Picks the codec for a `Sec-WebSocket-Protocol` header value. No header → JSON; a list is read in the client's
 * order of preference; `undefined` when only unknown sub-protocols were offered (the upgrade must be refused).
 */
export function negotiateCodec(header: string | undefined | null): Codec | undefined {
  if (!header || !header.trim()) return jsonCodec;
  for (const offered of header.split(',')) {
    const codec = CODECS[offered.trim() as Subprotocol];
    if (codec) return codec;
  }
  return undefined;
}
