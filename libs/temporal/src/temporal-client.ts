import { readFileSync } from 'node:fs';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
// The client part alone: the package's index also loads the worker's (native) side.
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import { ConfigError, type TemporalConfig } from '@comity/config';
import { codecKeysFromConfig } from '@comity/crypto';
import { activeTracing, log } from '@comity/observability';
import { AesGcmPayloadCodec } from './encryption-codec';

export interface TemporalHandle {
  readonly connection: Connection;
  readonly client: Client;
}

/**
 * The codec every Temporal client and worker of Comity uses: payloads are encrypted, so the
 * configuration must name the keys (a bad key stops the app at start-up).
 */
export function comityPayloadCodec(config: TemporalConfig): PayloadCodec {
  return new AesGcmPayloadCodec(codecKeysFromConfig(config.codec));
}

export const comityDataConverter = (config: TemporalConfig): DataConverter => ({
  payloadCodecs: [comityPayloadCodec(config)],
});

/** What both connections (the client's and the worker's native one) need to reach the frontend. */
export interface TemporalConnectionOptions {
  readonly address: string;
  readonly tls?: TLSConfig;
  readonly apiKey?: string;
}

/**
 * Connection options from the configuration: plaintext locally; for a Temporal cluster or Temporal
 * Cloud, TLS with the server's CA (else the system's roots), a client certificate for mTLS, a server
 * name override, and an API key. Certificate files are read here, so a missing one stops the app at
 * start-up with the variable's name.
 */
export function temporalConnectionOptions(config: TemporalConfig): TemporalConnectionOptions {
  const { tls, apiKey } = config;
  if (!tls) return { address: config.address };
  const read = (file: string | undefined, variable: string): Buffer | undefined => {
    if (!file) return undefined;
    try {
      return readFileSync(file);
    } catch (err) {
      throw new ConfigError(`invalid configuration:\n  ${variable}: cannot read '${file}' (${(err as Error).message})`);
    }
  };
  const ca = read(tls.caFile, 'COMITY_TEMPORAL_TLS_CA_FILE');
  const crt = read(tls.certFile, 'COMITY_TEMPORAL_TLS_CERT_FILE');
  const key = read(tls.keyFile, 'COMITY_TEMPORAL_TLS_KEY_FILE');
  return {
    address: config.address,
    tls: {
      ...(ca ? { serverRootCACertificate: ca } : {}),
      ...(crt && key ? { clientCertPair: { crt, key } } : {}),
      ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
    },
    ...(apiKey ? { apiKey } : {}),
  };
}

/**
 * A client of the Comity namespace. When the process traces, starting a workflow, sending it an
 * update or a signal gets a span, and its context travels in the Temporal headers to the workflow.
 */
export async function connectTemporalClient(config: TemporalConfig): Promise<TemporalHandle> {
  const dataConverter = comityDataConverter(config);
  const options = temporalConnectionOptions(config);
  const connection = await untilConnected(config.address, () => Connection.connect(options));
  const interceptors = activeTracing() ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined;
  return {
    connection,
    client: new Client({ connection, namespace: config.namespace, dataConverter, interceptors }),
  };
}

/** How long an app waits for Temporal's frontend at start-up before it gives up and exits. */
export const TEMPORAL_CONNECT_WITHIN_MS = 120_000;

/** gRPC's UNAUTHENTICATED and PERMISSION_DENIED: a wrong API key or certificate does not heal by waiting. */
const REFUSED_CODES = new Set([16, 7]);

function refusedCredentials(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number' && REFUSED_CODES.has(code)) return true;
  }
  return false;
}

/**
 * Connects to Temporal's frontend, retrying while it is unreachable: an app started before
 * Temporal, while it restarts, or on a machine too busy for the SDK's 10 s connect timeout waits
 * for it (1 s, doubling to 10 s between attempts, each failure logged) instead of exiting. After
 * `withinMs`, or at once when the credentials are refused, the error stops the app, so a wrong
 * address or key is still reported.
 */
export async function untilConnected<T>(
  address: string,
  connect: () => Promise<T>,
  withinMs = TEMPORAL_CONNECT_WITHIN_MS,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (let pauseMs = 1000; ; pauseMs = Math.min(pauseMs * 2, 10_000)) {
    try {
      return await connect();
    } catch (err) {
      if (refusedCredentials(err) || Date.now() + pauseMs > deadline) throw err;
      log.warn('Temporal is not reachable yet; retrying', { address, retryInMs: pauseMs, reason: String(err) });
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}

/** Asks the frontend for the namespace; throws when the server or namespace is unreachable. */
export async function checkTemporal(handle: TemporalHandle, namespace: string): Promise<void> {
  await handle.connection.workflowService.describeNamespace({ namespace });
}
