/**
 * @module payload
 * The text every publish carries: `<sendTimeUs> <senderKey> <padding>`. The send time lets the receiver compute the
 * end-to-end latency; the sender key lets a connection recognise its own message coming back (closed-loop mode).
 * Padding brings the text to the configured size so payload size is a real variable of the scenario.
 */

const PAD_CHAR = 'x';

export interface PayloadHeader {
  sendUs: number;
  key: string;
}

/** Builds a payload of `size` characters (ASCII, so also bytes), never shorter than its header. */
export function encodePayload(sendUs: number, key: string, size: number): string {
  const head = `${sendUs} ${key} `;
  return size > head.length ? head + PAD_CHAR.repeat(size - head.length) : head;
}

/** Parses the header; `undefined` for text that is not a bench payload (e.g. a message from another run). */
export function decodePayload(text: string): PayloadHeader | undefined {
  const a = text.indexOf(' ');
  if (a <= 0) return undefined;
  const b = text.indexOf(' ', a + 1);
  if (b <= a + 1) return undefined;
  const sendUs = Number(text.slice(0, a));
  if (!Number.isSafeInteger(sendUs)) return undefined;
  return { sendUs, key: text.slice(a + 1, b) };
}
