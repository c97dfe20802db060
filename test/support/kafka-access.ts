import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel, type KafkaConfig as KafkaJsConfig } from 'kafkajs';

/**
 * The local brokers authenticate every client (SASL/SCRAM-SHA-512, infra/kafka): a test acts as the
 * broker's operator, comity-admin, unless it plays a principal on purpose; an app started by a test
 * runs as its own principal. Passwords are in the runtime folder of the services that made them: the
 * shared one, or a private one (test/support/private-services.ts registers its brokers here).
 */
const runtimes = new Map<string, string>();
const defaultRuntime = process.env['COMITY_RUNTIME'] ?? path.resolve(__dirname, '../../.runtime');

export function registerRuntime(brokers: readonly string[], runtime: string): void {
  runtimes.set(brokers.join(','), runtime);
}

/** The runtime folder whose passwords the brokers know. */
function runtimeOf(brokers?: readonly string[]): string {
  return (brokers && runtimes.get(brokers.join(','))) ?? defaultRuntime;
}

export function kafkaPassword(principal: string, runtime: string = defaultRuntime): string {
  return readFileSync(path.join(runtime, 'kafka/secrets', principal), 'utf8').trim();
}

/** The CA the runtime's broker certificate is signed by (infra/lib/common.sh ensure_kafka_tls). */
const caFile = (runtime: string) => path.join(runtime, 'kafka/tls/ca.crt');

/** The environment an app needs to trust the runtime's broker (COMITY_KAFKA_SSL_*): it speaks TLS. */
export function brokerTlsEnv(runtime: string = defaultRuntime): Record<string, string> {
  return existsSync(caFile(runtime)) ? { COMITY_KAFKA_SSL: 'true', COMITY_KAFKA_SSL_CA_FILE: caFile(runtime) } : {};
}

/** kafkajs's TLS options for these brokers: trust the CA of the runtime that made them. */
export function brokerTls(brokers?: readonly string[]): Pick<KafkaJsConfig, 'ssl'> {
  const file = caFile(runtimeOf(brokers));
  return existsSync(file) ? { ssl: { ca: [readFileSync(file, 'utf8')] } } : {};
}

/** The environment an app needs to authenticate as `principal` (COMITY_KAFKA_SASL_*), over TLS. */
export function principalEnv(principal: string, runtime: string = defaultRuntime): Record<string, string> {
  return {
    ...brokerTlsEnv(runtime),
    COMITY_KAFKA_SASL_MECHANISM: 'scram-sha-512',
    COMITY_KAFKA_SASL_USERNAME: principal,
    COMITY_KAFKA_SASL_PASSWORD: kafkaPassword(principal, runtime),
  };
}

/** A kafkajs client of these brokers, authenticated as `principal` (by default the operator). */
export function testKafka(
  clientId: string,
  brokers: string[],
  principal = 'comity-admin',
  options: Partial<KafkaJsConfig> = {},
): Kafka {
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    sasl: { mechanism: 'scram-sha-512', username: principal, password: kafkaPassword(principal, runtimeOf(brokers)) },
    ...brokerTls(brokers),
    ...options,
  });
}
