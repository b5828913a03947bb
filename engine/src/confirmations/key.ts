/**
 * @module confirmations/key
 * The signing key of tool confirmations: derived (HKDF) from the engine's master key, so every engine node of a
 * deployment agrees on it without another secret to manage, and it never reaches a plugin process or a client
 * (plugins get a minimal environment; see bots/host/child-env.ts). Rotating MASTER_KEY invalidates pending
 * proposals, which are short-lived anyway.
 */
import type { Logger } from 'pino';
import { loadKeyring, type KeyringConfig } from '../crypto/keyring.ts';

const PURPOSE = 'tool-confirmations';

export async function confirmationKey(config: KeyringConfig, log: Logger): Promise<Buffer> {
  // The store already warned about a development master key; say it once, not twice.
  const keyring = await loadKeyring(config, log.child({ component: 'confirmations' }, { level: 'error' }));
  return keyring.deriveKey(PURPOSE);
}
