import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults for the local system', () => {
    const config = loadConfig({});
    expect(config.temporal).toMatchObject({
      address: '127.0.0.1:7233',
      namespace: 'comity',
      taskQueue: 'comity-processes',
    });
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.database.type).toBe('sqlite');
    expect(config.ownState).toBe('XX');
  });

  it('reads the gateway: its address, public URL, secrets and timeouts, checked', () => {
    expect(loadConfig({ COMITY_RUNTIME: '/srv/comity' }).gateway).toEqual({
      installationId: undefined,
      host: '127.0.0.1',
      port: 8443,
      publicUrl: 'https://127.0.0.1:8443',
      secretsDir: '/srv/comity/gateway/secrets',
      taskQueue: 'comity-gateway',
      deliveryTimeoutMs: 86_400_000,
      retryMaxIntervalMs: 300_000,
      maxEnvelopeBytes: 1_048_576,
    });
    const set = loadConfig({
      COMITY_INSTALLATION_ID: 'comity-it',
      COMITY_GATEWAY_PUBLIC_URL: 'https://comity.giustizia.example.it:8443',
      COMITY_GATEWAY_DELIVERY_TIMEOUT_SECONDS: '60',
    }).gateway;
    expect(set).toMatchObject({ installationId: 'comity-it', deliveryTimeoutMs: 60_000 });
    expect(set.publicUrl).toBe('https://comity.giustizia.example.it:8443');
    expect(() => loadConfig({ COMITY_INSTALLATION_ID: 'Comity IT' })).toThrow(/COMITY_INSTALLATION_ID: lower-case/);
    expect(() => loadConfig({ COMITY_GATEWAY_PUBLIC_URL: 'http://gw.example' })).toThrow(
      /COMITY_GATEWAY_PUBLIC_URL: expected an https/,
    );
    expect(() => loadConfig({ COMITY_GATEWAY_DELIVERY_TIMEOUT_SECONDS: String(48 * 3600) })).toThrow(
      /COMITY_GATEWAY_DELIVERY_TIMEOUT_SECONDS: at most 47 hours/,
    );
  });

  it('traces only with an OTLP endpoint, and checks the OpenTelemetry variables', () => {
    expect(loadConfig({}).telemetry).toEqual({
      logLevel: 'info',
      tracing: { endpoint: undefined, serviceName: undefined, sampler: 'parentbased_always_on', samplerRatio: 1 },
    });
    const traced = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_SERVICE_NAME: 'comity-bridge-eu',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      COMITY_LOG_LEVEL: 'debug',
    }).telemetry;
    expect(traced).toEqual({
      logLevel: 'debug',
      tracing: {
        endpoint: 'http://127.0.0.1:4318',
        serviceName: 'comity-bridge-eu',
        sampler: 'parentbased_traceidratio',
        samplerRatio: 0.25,
      },
    });
    const disabled = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318', OTEL_SDK_DISABLED: 'true' };
    expect(loadConfig(disabled).telemetry.tracing.endpoint).toBeUndefined();
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'grpc://collector:4317' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT: expected the http\(s\):\/\/ base URL/,
    );
    expect(() => loadConfig({ OTEL_TRACES_SAMPLER: 'sometimes' })).toThrow(/OTEL_TRACES_SAMPLER: .*always_on/);
    expect(() => loadConfig({ OTEL_TRACES_SAMPLER_ARG: '2' })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
    expect(() => loadConfig({ COMITY_LOG_LEVEL: 'verbose' })).toThrow(/COMITY_LOG_LEVEL/);
  });

  it("sizes the worker's workflow cache from its memory budget, and refuses a budget that is no size", () => {
    expect(loadConfig({}).worker.maxCachedWorkflows).toBe(1706);
    expect(loadConfig({ COMITY_WORKER_CACHE_MIB: '3072' }).worker.maxCachedWorkflows).toBe(5120);
    expect(loadConfig({ COMITY_WORKER_CACHE_MIB: '16' }).worker.maxCachedWorkflows).toBe(26);
    expect(() => loadConfig({ COMITY_WORKER_CACHE_MIB: '1.5GB' })).toThrow(/COMITY_WORKER_CACHE_MIB/);
    expect(() => loadConfig({ COMITY_WORKER_CACHE_MIB: '8' })).toThrow(/COMITY_WORKER_CACHE_MIB/);
  });

  it('keeps dead letters 90 days unless told, and never less than the week the incidents view counts', () => {
    expect(loadConfig({}).deadLetterRetentionDays).toBe(90);
    expect(loadConfig({ COMITY_DEAD_LETTER_RETENTION_DAYS: '7' }).deadLetterRetentionDays).toBe(7);
    expect(() => loadConfig({ COMITY_DEAD_LETTER_RETENTION_DAYS: '3' })).toThrow(
      /COMITY_DEAD_LETTER_RETENTION_DAYS: at least 7/,
    );
    expect(() => loadConfig({ COMITY_DEAD_LETTER_RETENTION_DAYS: 'a year' })).toThrow(
      /COMITY_DEAD_LETTER_RETENTION_DAYS/,
    );
  });

  it('holds back the workflow revision new processes start at only when told, to a whole number', () => {
    expect(loadConfig({}).temporal.startWorkflowRevision).toBeUndefined();
    expect(loadConfig({ COMITY_START_WORKFLOW_REVISION: '0' }).temporal.startWorkflowRevision).toBe(0);
    expect(() => loadConfig({ COMITY_START_WORKFLOW_REVISION: '-1' })).toThrow(/COMITY_START_WORKFLOW_REVISION/);
    expect(() => loadConfig({ COMITY_START_WORKFLOW_REVISION: 'latest' })).toThrow(/COMITY_START_WORKFLOW_REVISION/);
  });

  it('takes the own state as an ISO alpha-2 code and rejects anything else', () => {
    expect(loadConfig({ COMITY_OWN_STATE: 'GR' }).ownState).toBe('GR');
    expect(() => loadConfig({ COMITY_OWN_STATE: 'Greece' })).toThrow(/COMITY_OWN_STATE: an ISO 3166-1 alpha-2 code/);
  });

  it('switches the read model to PostgreSQL by configuration alone', () => {
    const config = loadConfig({ COMITY_DB_TYPE: 'postgres', COMITY_DATABASE_URL: 'postgres://u:p@db:5432/comity' });
    expect(config.database).toEqual({ type: 'postgres', url: 'postgres://u:p@db:5432/comity' });
  });

  it('points the dashboard at the configured API unless told otherwise', () => {
    expect(loadConfig({ COMITY_API_PORT: '3100' }).dashboard).toEqual({
      host: '127.0.0.1',
      port: 8080,
      apiUrl: 'http://127.0.0.1:3100',
      oidcClientId: 'comity-dashboard',
      userPicker: true,
    });
    expect(loadConfig({ COMITY_DASHBOARD_USER_PICKER: 'false' }).dashboard.userPicker).toBe(false);
    expect(() => loadConfig({ COMITY_DASHBOARD_USER_PICKER: 'yes' })).toThrow(/COMITY_DASHBOARD_USER_PICKER/);
    expect(loadConfig({ COMITY_DASHBOARD_API_URL: 'https://api.example.org' }).dashboard.apiUrl).toBe(
      'https://api.example.org',
    );
    expect(() => loadConfig({ COMITY_DASHBOARD_API_URL: 'ftp://x' })).toThrow(/COMITY_DASHBOARD_API_URL/);
  });

  it('takes browser origins exactly: scheme, host and port, no path', () => {
    const config = loadConfig({ COMITY_CODEC_CORS_ORIGINS: 'http://127.0.0.1:8233, https://ui.example.org' });
    expect(config.api.codecCorsOrigins).toEqual(['http://127.0.0.1:8233', 'https://ui.example.org']);
    expect(() => loadConfig({ COMITY_CODEC_CORS_ORIGINS: 'http://127.0.0.1:8233/' })).toThrow(
      /COMITY_CODEC_CORS_ORIGINS: 'http:\/\/127.0.0.1:8233\/' is not an origin/,
    );
    expect(() => loadConfig({ COMITY_API_CORS_ORIGINS: '*' })).toThrow(/COMITY_API_CORS_ORIGINS/);
  });

  it('names every bad variable and the value it got', () => {
    expect(() => loadConfig({ COMITY_API_PORT: 'eighty', COMITY_DB_TYPE: 'oracle' })).toThrow(ConfigError);
    try {
      loadConfig({ COMITY_API_PORT: 'eighty', COMITY_DB_TYPE: 'oracle' });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('COMITY_API_PORT');
      expect(message).toContain("(got 'eighty')");
      expect(message).toContain('COMITY_DB_TYPE');
      expect(message).toContain("(got 'oracle')");
    }
  });

  it('never prints a secret’s value, only its length', () => {
    const secret = 'too-short-but-real';
    const url = 'mysql://comity:hunter2@db.example/comity';
    let message = '';
    try {
      loadConfig({ COMITY_AUTH_SECRET: secret, COMITY_DATABASE_URL: url, COMITY_DB_TYPE: 'postgres' });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/COMITY_AUTH_SECRET: .*\(got 18 characters\)/);
    expect(message).toContain(`(got ${url.length} characters)`);
    expect(message).not.toContain(secret);
    expect(message).not.toContain('hunter2');
  });

  it('refuses half a Temporal client certificate and a TLS flag that is not true or false', () => {
    expect(() => loadConfig({ COMITY_TEMPORAL_TLS_CERT_FILE: '/etc/comity/client.pem' })).toThrow(
      /COMITY_TEMPORAL_TLS_KEY_FILE: mTLS needs both/,
    );
    expect(() => loadConfig({ COMITY_TEMPORAL_TLS_KEY_FILE: '/etc/comity/client.key' })).toThrow(
      /COMITY_TEMPORAL_TLS_CERT_FILE: mTLS needs both/,
    );
    expect(() => loadConfig({ COMITY_TEMPORAL_TLS: 'yes' })).toThrow(/COMITY_TEMPORAL_TLS.*got 'yes'/s);
  });

  it('keeps Temporal plaintext unless a TLS setting or an API key is given', () => {
    expect(loadConfig({}).temporal.tls).toBeUndefined();
    expect(loadConfig({ COMITY_TEMPORAL_TLS: 'false' }).temporal.tls).toBeUndefined();
    expect(loadConfig({ COMITY_TEMPORAL_API_KEY: 'k' }).temporal).toMatchObject({ tls: {}, apiKey: 'k' });
  });
});
