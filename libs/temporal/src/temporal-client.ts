import { Client, Connection } from '@temporalio/client';
import type { TemporalConfig } from '@comity/config';

export interface TemporalHandle {
  readonly connection: Connection;
  readonly client: Client;
}

export async function connectTemporalClient(config: TemporalConfig): Promise<TemporalHandle> {
  const connection = await Connection.connect({ address: config.address });
  return { connection, client: new Client({ connection, namespace: config.namespace }) };
}

/** Asks the frontend for the namespace; throws when the server or namespace is unreachable. */
export async function checkTemporal(handle: TemporalHandle, namespace: string): Promise<void> {
  await handle.connection.workflowService.describeNamespace({ namespace });
}
