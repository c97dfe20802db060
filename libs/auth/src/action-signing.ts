import { actionPublicKey, type ActionSigningKey } from '@comity/domain';
import { ConfigError, keyListEntries } from '@comity/config';

/**
 * Parses COMITY_ACTION_KEYS, `id:base64(32-byte Ed25519 secret)` comma-separated: the keys the API
 * and the bridge sign actions with (every action is signed by each, so a process started under an
 * older key still accepts actions while a newer one is added).
 */
export function parseActionKeys(spec: string | undefined): ActionSigningKey[] {
  if (!spec) {
    throw new ConfigError(
      'invalid configuration:\n  COMITY_ACTION_KEYS: required (actions sent to processes are signed)',
    );
  }
  return keyListEntries(spec).map(({ id, material }) => {
    const secretKey = Buffer.from(material, 'base64');
    if (!id || secretKey.length !== 32) {
      throw new ConfigError(
        'invalid configuration:\n  COMITY_ACTION_KEYS: each entry is <key id>:<base64 of 32 bytes>',
      );
    }
    return { id, secretKey: new Uint8Array(secretKey) };
  });
}

/** The public keys a new process is started with, by key id. */
export function actionPublicKeys(keys: readonly ActionSigningKey[]): Record<string, string> {
  return Object.fromEntries(keys.map((key) => [key.id, actionPublicKey(key)]));
}
