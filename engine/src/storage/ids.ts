/** @module storage/ids — identifiers minted by the store, and validation of ids that arrive from outside. */
import { randomBytes, randomUUID } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** User and room ids are UUID columns: anything else cannot exist, and must not reach SQL as a uuid cast. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export const newId = (): string => randomUUID();

/** A fresh stream epoch (opaque, compared only for equality). */
export const newEpoch = (): string => randomBytes(8).toString('base64url');
