/**
 * @module kit/cli
 * The bot-author command line, run as `npm run bot -- <command>` (package.json: `"bot": "tsx bots/kit/cli.ts"`).
 *
 *   chat <plugin>   talk to a plugin through a running engine (ENGINE_URL, default http://127.0.0.1:8080)
 */
import process from 'node:process';
import { DEFAULT_ENGINE_URL, runChat } from './chat.ts';

const USAGE = `Usage: npm run bot -- chat <plugin>

  chat <plugin>   Conversación en la terminal con un plugin a través del motor en marcha.
                  A terminal conversation with a plugin through the running engine.
                  ENGINE_URL (default ${DEFAULT_ENGINE_URL}) says where the engine is.

Tests for a plugin: npx vitest run plugins/<plugin>`;

async function main(argv: readonly string[]): Promise<number> {
  const [command, plugin, ...extra] = argv;
  if (command === 'chat' && plugin !== undefined && extra.length === 0) {
    return runChat({
      plugin,
      engineUrl: process.env.ENGINE_URL?.trim() || DEFAULT_ENGINE_URL,
      input: process.stdin,
      output: process.stdout,
    });
  }
  const asked = command === undefined || command === 'help' || command === '--help' || command === '-h';
  (asked ? process.stdout : process.stderr).write(`${USAGE}\n`);
  return asked ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
