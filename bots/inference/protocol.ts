/**
 * @module inference/protocol
 * The wire protocol of the inference service: newline-delimited JSON over a Unix domain socket, one JSON object per
 * line each way, answers matched to requests by `id` (answers may come out of order: batches finish when they do).
 *
 *   → {"id":1,"op":"classify","model":"red-flags","texts":["¿con quién hablabas?"]}
 *   ← {"id":1,"ok":true,"results":[{"labels":[{"label":"celos","score":0.81},…]}]}
 *   → {"id":2,"op":"classify","model":"fingerspelling","vectors":[[0.1,…63 numbers]]}
 *   → {"id":3,"op":"stats"}     ← {"id":3,"ok":true,"stats":{…}}
 *   → {"id":4,"op":"metrics"}   ← {"id":4,"ok":true,"metrics":"# HELP …"}   (Prometheus text)
 *   ← {"id":5,"ok":false,"error":{"code":"MODEL_NOT_FOUND","message":"…"}}
 *
 * A line that is not a JSON object with an id is answered with `"id":null`. Labels come sorted by score, highest
 * first. JSON rather than msgpack: requests are small (texts or 63-d vectors) and debuggable with `socat`.
 */
import type { ServerErrorCode } from './errors.ts';

export type RequestId = string | number;

export interface ClassifyRequest {
  readonly id: RequestId;
  readonly op: 'classify';
  readonly model: string;
  readonly texts?: readonly string[];
  readonly vectors?: readonly (readonly number[])[];
}

export type InferenceRequest = ClassifyRequest | { readonly id: RequestId; readonly op: 'stats' | 'metrics' };

export interface LabelScore {
  readonly label: string;
  readonly score: number;
}

export interface ClassifyResult {
  readonly labels: readonly LabelScore[];
}

export interface WireError {
  readonly code: ServerErrorCode;
  readonly message: string;
}

export type InferenceResponse =
  | { readonly id: RequestId; readonly ok: true; readonly results: readonly ClassifyResult[] }
  | { readonly id: RequestId; readonly ok: true; readonly stats: ServiceStats }
  | { readonly id: RequestId; readonly ok: true; readonly metrics: string }
  | { readonly id: RequestId | null; readonly ok: false; readonly error: WireError };

export interface ProviderStats {
  /** INFERENCE_PROVIDER. */
  readonly configured: 'cpu' | 'cuda';
  /** What sessions are created with: `cuda` only when the CUDA execution provider actually loaded. */
  readonly active: 'cpu' | 'cuda';
  /** Why `cuda` was configured but `cpu` is active. */
  readonly fallbackReason?: string;
}

export interface ModelStats {
  readonly kind: 'text' | 'vector';
  readonly version: string;
  readonly labels: number;
  readonly file: string;
  readonly loadMs: number;
  readonly requests: number;
  /** Texts or vectors classified. */
  readonly items: number;
  /** `session.run` calls. */
  readonly batches: number;
  readonly errors: number;
  readonly largestBatch: number;
  /** Requests waiting for the next batch now. */
  readonly queued: number;
}

export interface ServiceStats {
  readonly pid: number;
  readonly uptimeS: number;
  readonly provider: ProviderStats;
  readonly modelsDir: string;
  readonly maxBatch: number;
  readonly maxWaitMs: number;
  readonly requests: number;
  readonly errors: number;
  readonly models: Readonly<Record<string, ModelStats>>;
}

/** Longest line either side accepts (a request of 1,024 long texts fits). */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;
/** Texts or vectors per request. */
export const MAX_ITEMS_PER_REQUEST = 1_024;
/** Characters per text. */
export const MAX_TEXT_CHARS = 100_000;

/**
 * Splits a stream of UTF-8 text into lines. A line longer than `maxChars` is not buffered forever: `onOverflow`
 * fires and the rest of the stream is ignored (the caller closes the connection: it cannot resynchronise).
 */
export class LineDecoder {
  #buffer = '';
  #overflowed = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOverflow: () => void,
    private readonly maxChars = MAX_LINE_CHARS,
  ) {}

  write(chunk: string): void {
    if (this.#overflowed) return;
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline >= 0) {
      const line = this.#buffer + chunk.slice(start, newline);
      this.#buffer = '';
      if (line.length > this.maxChars) return this.#overflow();
      if (line.trim() !== '') this.onLine(line);
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    this.#buffer += chunk.slice(start);
    if (this.#buffer.length > this.maxChars) this.#overflow();
  }

  #overflow(): void {
    this.#overflowed = true;
    this.#buffer = '';
    this.onOverflow();
  }
}

export function encodeLine(message: unknown): string {
  return `${JSON.stringify(message)}\n`;
}
