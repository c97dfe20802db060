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
  const connection = await untilConnected(config.address, () => connectOnce(options));
  const interceptors = activeTracing() ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : undefined;
  return {
    connection,
    client: new Client({ connection, namespace: config.namespace, dataConverter, interceptors }),
  };
}

/** How long an app waits for Temporal's frontend at start-up before it gives up and exits. */
export const TEMPORAL_CONNECT_WITHIN_MS = 120_000;
/** The longest one attempt may take: the worker's native connect sets no timeout of its own. */
const ATTEMPT_MS = 15_000;

/**
 * Errors that waiting does not heal: refused credentials — gRPC UNAUTHENTICATED (16) or
 * PERMISSION_DENIED (7), as a code (the client) or in the message (the worker's native
 * connection reports only text) — and a malformed address or option (a TypeError).
 */
export function waitingWillNotHelp(err: unknown): boolean {
  return causeChain(err).some((e) => {
    const code = (e as { code?: unknown }).code;
    return (
      e instanceof TypeError ||
      code === 16 ||
      code === 7 ||
      /\b(Unauthenticated|PermissionDenied|UNAUTHENTICATED|PERMISSION_DENIED)\b/.test(e.message)
    );
  });
}

/** The error and its causes, at most five deep (a cause may point back at its error). */
function causeChain(err: unknown): Error[] {
  const chain: Error[] = [];
  for (let e: unknown = err; e instanceof Error && chain.length < 5; e = e.cause) chain.push(e);
  return chain;
}

/** The error's message and its causes', for the log: grpc-js puts the TLS or DNS detail in the cause. */
function reasonOf(err: unknown): string {
  const chain = causeChain(err);
  return chain.length ? chain.map((e) => e.message).join(': ') : String(err);
}

/** One attempt, bounded by `ms`; a connection that arrives after that is closed. */
async function attempt<T extends { close(): Promise<void> }>(connect: () => Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const connecting = connect();
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([connecting, timedOut]);
  } catch (err) {
    connecting.then((late) => late.close()).catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Connects to Temporal's frontend, retrying while it is unreachable: an app started before
 * Temporal, while it restarts, or on a machine too busy for the SDK's 10 s connect timeout waits
 * for it (1 s, doubling to 10 s between attempts of at most 15 s, each failure logged) instead of
 * exiting. After `withinMs`, or at once when waiting will not help (refused credentials, a
 * malformed address), the error stops the app, so a wrong address or key is still reported. A
 * stop signal meanwhile ends the app (runMain).
 */
export async function untilConnected<T extends { close(): Promise<void> }>(
  address: string,
  connect: () => Promise<T>,
  withinMs = TEMPORAL_CONNECT_WITHIN_MS,
): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (let pauseMs = 1000; ; pauseMs = Math.min(pauseMs * 2, 10_000)) {
    try {
      return await attempt(connect, Math.max(1, Math.min(ATTEMPT_MS, deadline - Date.now())));
    } catch (err) {
      if (waitingWillNotHelp(err) || Date.now() + pauseMs > deadline) throw err;
      log.warn('Temporal is not reachable yet; retrying', { address, retryInMs: pauseMs, reason: reasonOf(err) });
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}

/** A client connection whose first check failed is closed, not left retrying in the background. */
async function connectOnce(options: TemporalConnectionOptions): Promise<Connection> {
  const connection = Connection.lazy(options);
  try {
    await connection.ensureConnected();
    return connection;
  } catch (err) {
    await connection.close().catch(() => undefined);
    throw err;
  }
}

/** Asks the frontend for the namespace; throws when the server or namespace is unreachable. */
export async function checkTemporal(handle: TemporalHandle, namespace: string): Promise<void> {
  await handle.connection.workflowService.describeNamespace({ namespace });
}
