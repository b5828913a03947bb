/** @module storage/test-fixtures — shared helpers for the storage tests (config, logger, messages). Test-only. */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import type { MessageBody } from '../../../schema/protocol.ts';
import { loadConfig, type EngineConfig } from '../config.ts';
import type { PendingMessage } from './store.ts';

export const silentLogger = (): Logger => pino({ level: 'silent' });

export const randomMasterKey = (): string => randomBytes(32).toString('base64');

export async function tempDir(prefix = 'mentalia-test-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

/** Engine config for a test database, with a fixed master key unless overridden. */
export function testConfig(databaseUrl: string, overrides: Partial<EngineConfig> = {}): EngineConfig {
  return { ...loadConfig({}), databaseUrl, masterKey: randomMasterKey(), masterKeyId: 'k1', dbPoolMax: 4, ...overrides };
}

export function pendingMessage(
  roomId: string,
  msgId: string,
  text: string,
  sender: PendingMessage['sender'] = { id: 'u', kind: 'user', name: 'User' },
  extra: Partial<MessageBody> = {},
): PendingMessage {
  return { roomId, msgId, sender, body: { text, ...extra }, ts: Date.now() };
}
