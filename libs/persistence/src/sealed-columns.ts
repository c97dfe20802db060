import type { ValueTransformer } from 'typeorm';
import { AesGcmFieldCipher, SealedValueError, type CodecKeys } from '@comity/crypto';
import type { SealedValue } from '@comity/events';

/**
 * The keys the read model's sealed columns use. TypeORM builds a column's transformer once, from
 * the entity's decorators, so the keys are set per process, when the read model is opened; one
 * process serves one installation, and opening it again with other keys is refused.
 */
let inUse: { readonly keys: CodecKeys; readonly cipher: AesGcmFieldCipher } | undefined;

export class ReadModelKeysError extends Error {
  override readonly name = 'ReadModelKeysError';
}

export function useReadModelKeys(keys: CodecKeys): void {
  if (inUse && !sameKeys(inUse.keys, keys)) {
    throw new ReadModelKeysError('the read model is already open with other keys in this process');
  }
  inUse ??= { keys, cipher: new AesGcmFieldCipher(keys) };
}

function sameKeys(a: CodecKeys, b: CodecKeys): boolean {
  if (a.activeKeyId !== b.activeKeyId || a.keys.size !== b.keys.size) return false;
  return [...a.keys].every(([id, key]) => b.keys.get(id)?.equals(key) === true);
}

export function readModelCipher(): AesGcmFieldCipher {
  if (!inUse) throw new ReadModelKeysError('the read model was opened without its keys (openReadModel sets them)');
  return inUse.cipher;
}

/**
 * A column that can hold personal data: stored as a sealed value (JSON text; see docs/security.md),
 * opened when read. The place (`table.column`) is the associated data, so a value copied into
 * another column does not open. Sealed values differ on every write: such a column cannot be
 * filtered or sorted on, and none is.
 */
export function sealedColumn(place: string, unreadable: (code: string) => unknown = unreadableValue): ValueTransformer {
  const at = `read-model:${place}`;
  return {
    to: (value: unknown) => (value === undefined || value === null ? value : readModelCipher().seal(value, at)),
    from: (stored: unknown) => {
      if (stored === null || stored === undefined) return stored;
      try {
        return readModelCipher().open(stored as SealedValue, at);
      } catch (err) {
        // A value changed in the database (or sealed with a key no longer held) is shown as what it
        // is, and no longer matches its audit hash, so GET /processes/{id}/audit reports the record;
        // one row must not make the process's whole timeline fail.
        if (err instanceof SealedValueError) return unreadable(err.code);
        throw err;
      }
    },
  };
}

/** What a sealed column that does not open reads as. */
export const unreadableValue = (code: string) => ({ unreadable: code });
