/**
 * @module sdk/mentions
 * How a person addresses a bot in a room: `@name` (the plugin's name, case-insensitive). The runtime's router routes
 * by it; plugins read it with the same function, so both agree on what counts as a mention.
 */

const MENTION = /(?:^|[^\p{L}\p{N}_])@([a-z0-9][a-z0-9-]*)/giu;

/** Bot names mentioned in `text` (lower-cased, de-duplicated, in order of first mention). */
export function mentionedNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(MENTION)) names.add(match[1]!.toLowerCase());
  return [...names];
}
