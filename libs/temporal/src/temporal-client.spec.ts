import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '@comity/config';
import { temporalConnectionOptions, untilConnected } from './temporal-client';

describe('Temporal connection options', () => {
  it('are plaintext to the local dev server', () => {
    expect(temporalConnectionOptions(loadConfig({}).temporal)).toEqual({ address: '127.0.0.1:7233' });
  });

  it('use the server CA, a client certificate (mTLS) and a server name for a Temporal cluster', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'comity-temporal-tls-'));
    for (const name of ['ca', 'client', 'client-key']) writeFileSync(path.join(dir, `${name}.pem`), `${name}-pem`);
    const config = loadConfig({
      COMITY_TEMPORAL_ADDRESS: 'temporal-frontend.temporal.svc:7233',
      COMITY_TEMPORAL_NAMESPACE: 'comity-prod',
      COMITY_TEMPORAL_TLS_CA_FILE: path.join(dir, 'ca.pem'),
      COMITY_TEMPORAL_TLS_CERT_FILE: path.join(dir, 'client.pem'),
      COMITY_TEMPORAL_TLS_KEY_FILE: path.join(dir, 'client-key.pem'),
      COMITY_TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    expect(config.temporal.namespace).toBe('comity-prod');
    const options = temporalConnectionOptions(config.temporal);
    expect(options.address).toBe('temporal-frontend.temporal.svc:7233');
    expect(options.apiKey).toBeUndefined();
    expect(String(options.tls?.serverRootCACertificate)).toBe('ca-pem');
    expect(String(options.tls?.clientCertPair?.crt)).toBe('client-pem');
    expect(String(options.tls?.clientCertPair?.key)).toBe('client-key-pem');
    expect(options.tls?.serverNameOverride).toBe('temporal.internal');
  });

  it('send a Temporal Cloud API key over TLS with the system roots', () => {
    const config = loadConfig({
      COMITY_TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.io:7233',
      COMITY_TEMPORAL_NAMESPACE: 'comity.a1b2c',
      COMITY_TEMPORAL_API_KEY: 'from-a-secret-store',
    });
    expect(temporalConnectionOptions(config.temporal)).toEqual({
      address: 'eu-west-1.aws.api.temporal.io:7233',
      tls: {},
      apiKey: 'from-a-secret-store',
    });
  });

  it('turn TLS on alone with COMITY_TEMPORAL_TLS=true', () => {
    expect(temporalConnectionOptions(loadConfig({ COMITY_TEMPORAL_TLS: 'true' }).temporal).tls).toEqual({});
  });

  it('name the variable whose file cannot be read', () => {
    const config = loadConfig({ COMITY_TEMPORAL_TLS_CA_FILE: '/nonexistent/ca.pem' });
    expect(() => temporalConnectionOptions(config.temporal)).toThrow(ConfigError);
    expect(() => temporalConnectionOptions(config.temporal)).toThrow(/COMITY_TEMPORAL_TLS_CA_FILE.*nonexistent/);
  });
});

describe('connecting to Temporal at start-up', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const connection = () => ({ close: jest.fn(async () => undefined) });

  /** A connect that fails `failures` times with `error`, then answers a connection. */
  const flaky = (failures: number, error: () => Error) => {
    let attempts = 0;
    return jest.fn(async () => {
      attempts++;
      if (attempts <= failures) throw error();
      return connection();
    });
  };

  it('retries an unreachable frontend, pausing 1 s and doubling, until it answers', async () => {
    const connect = flaky(3, () => new Error('Failed to connect before the deadline'));
    const connected = untilConnected('127.0.0.1:7233', connect);
    await jest.advanceTimersByTimeAsync(999);
    expect(connect).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1 + 2000 + 4000);
    await expect(connected).resolves.toHaveProperty('close');
    expect(connect).toHaveBeenCalledTimes(4);
  });

  it('gives up with the last error once the next pause would pass the deadline', async () => {
    const connect = flaky(Infinity, () => new Error('connection refused'));
    const connected = untilConnected('127.0.0.1:1', connect, 8000);
    const outcome = expect(connected).rejects.toThrow('connection refused');
    await jest.advanceTimersByTimeAsync(8000);
    await outcome;
    // At 0, 1, 3 and 7 s; the next pause (8 s) would end past the 8 s deadline.
    expect(connect).toHaveBeenCalledTimes(4);
  });

  it.each([
    [
      'the client refuses the credentials (a gRPC code in the cause)',
      () =>
        new Error('Failed to connect to Temporal server', { cause: Object.assign(new Error('bad key'), { code: 16 }) }),
    ],
    [
      'the native connection refuses them (its message only)',
      () => new Error('Failed to call GetSystemInfo: status: Unauthenticated, message: "invalid API key"'),
    ],
    ['the permission is denied', () => Object.assign(new Error('denied'), { code: 7 })],
    ['the address is malformed', () => new TypeError('Invalid URL')],
  ])('does not wait when %s: waiting will not heal it', async (_, error) => {
    const connect = flaky(Infinity, error);
    await expect(untilConnected('temporal.example:7233', connect)).rejects.toThrow();
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('bounds an attempt that never answers at 15 s, and closes the connection that arrives late', async () => {
    const late = connection();
    let arrive: (value: typeof late) => void = () => undefined;
    const connect = jest
      .fn<Promise<ReturnType<typeof connection>>, []>()
      .mockImplementationOnce(() => new Promise((resolve) => (arrive = resolve)))
      .mockImplementation(async () => connection());
    const connected = untilConnected('10.255.255.1:7233', connect);
    await jest.advanceTimersByTimeAsync(15_000);
    expect(connect).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1000);
    await expect(connected).resolves.not.toBe(late);
    arrive(late);
    await jest.advanceTimersByTimeAsync(0);
    expect(late.close).toHaveBeenCalledTimes(1);
  });
});
