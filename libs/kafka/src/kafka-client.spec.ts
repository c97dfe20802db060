import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '@comity/config';
import { kafkaClientOptions } from './kafka-client';

describe('Kafka connection options', () => {
  it('are plaintext locally', () => {
    const options = kafkaClientOptions(loadConfig({}).kafka, 'api');
    expect(options).toMatchObject({ clientId: 'comity-api', brokers: ['127.0.0.1:9092'] });
    expect(options.ssl).toBeUndefined();
    expect(options.sasl).toBeUndefined();
  });

  it('use mTLS files and SASL/SCRAM from configuration for real clusters', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'comity-tls-'));
    for (const name of ['ca', 'cert', 'key']) writeFileSync(path.join(dir, `${name}.pem`), `${name}-pem`);
    const config = loadConfig({
      COMITY_KAFKA_BROKERS: 'kafka-1:9093,kafka-2:9093',
      COMITY_KAFKA_SSL: 'true',
      COMITY_KAFKA_SSL_CA_FILE: path.join(dir, 'ca.pem'),
      COMITY_KAFKA_SSL_CERT_FILE: path.join(dir, 'cert.pem'),
      COMITY_KAFKA_SSL_KEY_FILE: path.join(dir, 'key.pem'),
      COMITY_KAFKA_SASL_MECHANISM: 'scram-sha-512',
      COMITY_KAFKA_SASL_USERNAME: 'comity-worker',
      COMITY_KAFKA_SASL_PASSWORD: 'from-a-secret-store',
    });
    expect(kafkaClientOptions(config.kafka, 'worker')).toMatchObject({
      brokers: ['kafka-1:9093', 'kafka-2:9093'],
      ssl: { ca: ['ca-pem'], cert: 'cert-pem', key: 'key-pem' },
      sasl: { mechanism: 'scram-sha-512', username: 'comity-worker', password: 'from-a-secret-store' },
    });
  });

  it('refuse half a credential', () => {
    expect(() => loadConfig({ COMITY_KAFKA_SASL_MECHANISM: 'scram-sha-256', COMITY_KAFKA_SASL_USERNAME: 'u' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ COMITY_KAFKA_SSL: 'true', COMITY_KAFKA_SSL_CERT_FILE: '/x.pem' })).toThrow(
      /certificate and a key/,
    );
  });
});
