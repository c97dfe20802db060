import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '@comity/activities';
import type { ComityConfig } from '@comity/config';
import { AesGcmFieldCipher, codecKeysFromConfig } from '@comity/crypto';
import { connectProducer, createKafka, sendCloudEvent } from '@comity/kafka';
import { log } from '@comity/observability';
import { comityDataConverter, temporalConnectionOptions, untilConnected } from '@comity/temporal';
import { bundlerOptions, workflowsPath } from '@comity/workflows/bundler';
import { agencyTaskPublisher } from './task-channel';
import { installTemporalRuntime, tracingWorkerOptions } from './temporal-telemetry';

export interface RunningWorker {
  /** Resolves when the worker has stopped (after shutdown() or a fatal error). */
  readonly done: Promise<void>;
  shutdown(): Promise<void>;
}

/**
 * The release build (infra/deploy/build-release.sh) bundles the workflows beside the compiled
 * worker, so the image neither bundles at start nor ships the sources; run from its sources, the
 * worker bundles them as it starts.
 */
function workflowCode(): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> {
  const prebuilt = path.join(__dirname, 'workflow-bundle.js');
  if (!existsSync(prebuilt)) return { workflowsPath, bundlerOptions };
  log.info(`workflows from ${prebuilt}`);
  return { workflowBundle: { codePath: prebuilt } };
}

/** Starts a Temporal worker whose activities publish to Kafka. */
export async function startWorker(config: ComityConfig): Promise<RunningWorker> {
  await installTemporalRuntime(config);
  const dataConverter = comityDataConverter(config.temporal);
  const cipher = new AesGcmFieldCipher(codecKeysFromConfig(config.temporal.codec));
  const kafka = createKafka(config.kafka, 'worker');
  const producer = await connectProducer(kafka);
  const admin = kafka.admin();
  await admin.connect();
  const connectionOptions = temporalConnectionOptions(config.temporal);
  const connection = await untilConnected(config.temporal.address, () => NativeConnection.connect(connectionOptions));
  const activities = createActivities({
    cipher,
    events: {
      publishProcessEvent: (event) =>
        sendCloudEvent(producer, config.kafka.topics.processEvents, event.data.processId, event),
      publishAgencyTask: agencyTaskPublisher(config, producer, admin),
    },
  });
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataConverter,
    ...workflowCode(),
    activities,
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    ...tracingWorkerOptions(),
  });
  const done = worker.run().finally(async () => {
    await Promise.all([producer.disconnect(), admin.disconnect()]);
    await connection.close();
  });
  return {
    done,
    shutdown: async () => {
      worker.shutdown();
      await done;
    },
  };
}
