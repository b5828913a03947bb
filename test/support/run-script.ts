/** Runs a TypeScript script as its own process (through tsx), feeds it stdin, collects its output and exit code. */
import { spawn } from 'node:child_process';

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `env` is the child's whole environment (callers decide what it inherits). */
export function runScript(script: string, options: { args?: string[]; input?: string; env: NodeJS.ProcessEnv; cwd?: string }): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...(options.args ?? [])], {
      cwd: options.cwd ?? process.cwd(),
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Parses JSON-lines output. */
export const jsonLines = (stdout: string): Record<string, unknown>[] =>
  stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
