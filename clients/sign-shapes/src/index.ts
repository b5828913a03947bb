/**
 * @module sign-shapes
 * Browser-safe manual alphabets of LSM and LSE: the parametric hand (`hand.ts`), the letter → handshape tables
 * (`alphabet.ts`) and the SVG drawings (`svg.ts`). Imported by the hub to render `sign` bodies and by the sign-link
 * plugin to spell words and to generate landmark fixtures. See README.md.
 */
export * from './hand.ts';
export * from './alphabet.ts';
export * from './svg.ts';
