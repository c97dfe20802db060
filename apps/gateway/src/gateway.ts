import { existsSync } from 'node:fs';
import type { Server } from 'node:https';
import * as path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { ConfigError, type ComityConfig } from '@comity/config';
import { codecKeysFromConfig } from '@comity/crypto';
import { log } from '@comity/observability';
import { DirectoryVersions, FederationInbox, FederationOutbox, openReadModel } from '@comity/persistence';
import { comityDataConverter, temporalConnectionOptions, untilConnected } from '@comity/temporal';
import { bundlerOptions, federationWorkflowsPath } from '@comity/workflows/bundler';
import { ensureIdentity, publishedInstallation, type InstallationIdentity } from './identity/installation-identity';
import { createFederationServer } from './inbound/federation.server';
import { createDeliveryActivities } from './outbound/delivery.activities';
import { PartnerDirectory } from './partners/partner-directory';

export interface RunningGateway {
  readonly identity: InstallationIdentity;
  /** The port the HTTPS server listens on (the configured one, or the one taken for 0). */
  readonly port: number;
  readonly done: Promise<void>;
  shutdown(): Promise<void>;
}

/** The release build bundles the workflows beside the compiled gateway; from sources, it bundles them at start. */
function workflowCode(): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> {
  const prebuilt = path.join(__dirname, 'federation-workflow-bundle.js');
  if (!existsSync(prebuilt)) return { workflowsPath: federationWorkflowsPath, bundlerOptions };
  return { workflowBundle: { codePath: prebuilt } };
}

/**
 * The gateway (docs/federation.md): this installation's identity (made at its first start), the
 * HTTPS server partners deliver envelopes to, and the worker of the delivery workflows that send
 * this installation's messages.
 */
export async function startGateway(config: ComityConfig): Promise<RunningGateway> {
  const settings = config.gateway;
  if (!settings.installationId) {
    throw new ConfigError('invalid configuration:\n  COMITY_INSTALLATION_ID: required by the gateway');
  }
  const identity = await ensureIdentity(settings.secretsDir, settings.installationId, settings.host);
  const dataSource = await openReadModel(config.database, codecKeysFromConfig(config.temporal.codec));
  const partners = new PartnerDirectory(new DirectoryVersions(dataSource), identity.id);
  const outbox = new FederationOutbox(dataSource);
  const now = () => new Date();

  const connection = await untilConnected(config.temporal.address, () =>
    NativeConnection.connect(temporalConnectionOptions(config.temporal)),
  );
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: settings.taskQueue,
    dataConverter: comityDataConverter(config.temporal),
    ...workflowCode(),
    activities: createDeliveryActivities({ identity, partners, outbox, now }),
  });

  const server = createFederationServer({
    tls: identity.tls,
    published: publishedInstallation(identity, settings.publicUrl),
    partners,
    envelope: { identity, inbox: new FederationInbox(dataSource), maxEnvelopeBytes: settings.maxEnvelopeBytes, now },
  });
  const port = await listen(server, settings.port, settings.host);
  const running = worker.run();
  const done = running.finally(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await connection.close();
    await dataSource.destroy();
  });
  log.info(`gateway ${identity.id} listening on https://${settings.host}:${port}`, {
    taskQueue: settings.taskQueue,
    tlsCertificateSha256: identity.tls.certificateSha256,
  });
  return {
    identity,
    port,
    done,
    shutdown: async () => {
      server.closeIdleConnections();
      worker.shutdown();
      await done;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
