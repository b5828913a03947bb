/**
 * @module inference/errors
 * Error codes of the inference service. The first three travel over the socket (the server's answer); the others
 * are raised by the client about the connection itself.
 */

export const InferenceErrorCode = {
  /** No `<name>.json` + `<name>.onnx` in the models folder (or the name is not a model name). */
  MODEL_NOT_FOUND: 'MODEL_NOT_FOUND',
  /** The request is malformed, or its inputs do not fit the model (texts to a vector model, wrong dimension …). */
  BAD_INPUT: 'BAD_INPUT',
  /** The model could not be loaded or run. */
  INFERENCE_FAILED: 'INFERENCE_FAILED',
  /** The service cannot be reached, or closed the connection with the request unanswered (crash, restart). */
  INFERENCE_UNAVAILABLE: 'INFERENCE_UNAVAILABLE',
  /** No answer within the client's timeout. */
  INFERENCE_TIMEOUT: 'INFERENCE_TIMEOUT',
  /** The caller's signal fired (turn cancelled or timed out). */
  INFERENCE_ABORTED: 'INFERENCE_ABORTED',
} as const;
export type InferenceErrorCode = (typeof InferenceErrorCode)[keyof typeof InferenceErrorCode];

/** Codes the server answers with. */
export type ServerErrorCode = 'MODEL_NOT_FOUND' | 'BAD_INPUT' | 'INFERENCE_FAILED';

export class InferenceError extends Error {
  override readonly name = 'InferenceError';
  readonly code: InferenceErrorCode;
  /** Worth retrying later: the service was unavailable or slow, not the request wrong. */
  readonly temporary: boolean;

  constructor(code: InferenceErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
    this.temporary = code === 'INFERENCE_UNAVAILABLE' || code === 'INFERENCE_TIMEOUT';
  }
}
