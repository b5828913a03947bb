/**
 * @module llm/testing/wire-protocol
 * What the SSE test server needs from each provider's wire format: request validation, the rendered stream, and
 * HTTP error bodies. One implementation per provider (`anthropic-wire.ts`, `openai-wire.ts`).
 */
import type { RenderedStream, Scenario } from './scenario.ts';

export type Endpoint = 'anthropic' | 'openai';

export interface HttpErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface WireProtocol {
  readonly endpoint: Endpoint;
  /** Header that carries the request id in this provider's responses. */
  readonly requestIdHeader: string;
  /** Why the body is not a valid streaming request, or undefined when it is. */
  validate(body: unknown): string | undefined;
  render(scenario: Scenario, body: Record<string, unknown>, requestId: string): RenderedStream;
  errorResponse(status: number, message: string, requestId: string): HttpErrorResponse;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
