import { Client, Connection } from '@temporalio/client';
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { ConfigError, type TemporalConfig } from '@comity/config';
import { AesGcmPayloadCodec, CodecKeyError, parseCodecKeys } from './encryption-codec';

export interface TemporalHandle {
  readonly connection: Connection;
  readonly client: Client;
}

/**
 * The codec every Temporal client and worker of Comity uses: payloads are encrypted, so the
 * configuration must name the keys (a bad key stops the app at start-up).
 */
export function comityPayloadCodec(config: TemporalConfig): PayloadCodec {
  const { keys, activeKeyId } = config.codec;
  if (!keys || !activeKeyId) {
    throw new ConfigError(
      'invalid configuration:\n  COMITY_CODEC_KEYS / COMITY_CODEC_ACTIVE_KEY: required (payloads are encrypted)',
    );
  }
  try {
    return new AesGcmPayloadCodec(parseCodecKeys(keys, activeKeyId));
  } catch (err) {
    if (err instanceof CodecKeyError)
      throw new ConfigError(`invalid configuration:\n  COMITY_CODEC_KEYS: ${err.message}`);
    throw err;
  }
}

export const comityDataConverter = (config: TemporalConfig): DataConverter => ({
  payloadCodecs: [comityPayloadCodec(config)],
});

export async function connectTemporalClient(config: TemporalConfig): Promise<TemporalHandle> {
  const dataConverter = comityDataConverter(config);
  const connection = await Connection.connect({ address: config.address });
  return { connection, client: new Client({ connection, namespace: config.namespace, dataConverter }) };
}

/** Asks the frontend for the namespace; throws when the server or namespace is unreachable. */
export async function checkTemporal(handle: TemporalHandle, namespace: string): Promise<void> {
  await handle.connection.workflowService.describeNamespace({ namespace });
}
