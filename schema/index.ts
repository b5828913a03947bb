/** @module schema — the protocol v1 contract shared by the engine and every client. Browser-safe. */
export * from './codes.ts';
export * from './protocol.ts';
export * from './codec.ts';
export * from './validate.ts';
