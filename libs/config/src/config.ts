import * as path from 'node:path';
import { z } from 'zod';
import { DefaultTopics } from '@comity/events';
import { LogLevels, TraceSamplers } from '@comity/observability';

const port = z.coerce.number().int().min(1).max(65535);
const nonEmpty = z.string().trim().min(1);
const topicPrefix = z
  .string()
  .regex(/^[a-zA-Z0-9._-]{1,180}$/, 'a topic-name prefix: letters, digits, dot, underscore or hyphen');
/** A dotted path to a token claim: `realm_access.roles`, `resource_access.comity-api.roles`, `agency_id`. */
const claimPath = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)*$/, 'a dotted claim path such as realm_access.roles');
/** Comma-separated browser origins, each compared exactly with the Origin header a browser sends. */
const origins = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const list = value
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    for (const origin of list) {
      if (URL.parse(origin)?.origin !== origin) {
        ctx.addIssue({
          code: 'custom',
          message: `'${origin}' is not an origin such as http://127.0.0.1:8233 (scheme, host and port; no path)`,
        });
      }
    }
    return list;
  });
const workspaceRoot = path.resolve(__dirname, '../../..');

/** Every setting of every Comity app, read from the environment (see README, Configuration). */
const schema = z
  .object({
    COMITY_TEMPORAL_ADDRESS: nonEmpty.optional(),
    COMITY_TEMPORAL_PORT: port.default(7233),
    COMITY_TEMPORAL_NAMESPACE: nonEmpty.default('comity'),
    COMITY_TEMPORAL_TASK_QUEUE: nonEmpty.default('comity-processes'),
    // The workflow revision the API starts processes at; unset: the revision of its own code. Set
    // lower while workers of an older release still poll (docs/operations.md, Upgrading).
    COMITY_START_WORKFLOW_REVISION: z.coerce.number().int().min(0).optional(),
    // Real clusters: TLS (server CA, client certificate for mTLS, server name) and/or a Temporal
    // Cloud API key. Locally: plaintext.
    COMITY_TEMPORAL_TLS: z.enum(['true', 'false']).default('false'),
    COMITY_TEMPORAL_TLS_CA_FILE: nonEmpty.optional(),
    COMITY_TEMPORAL_TLS_CERT_FILE: nonEmpty.optional(),
    COMITY_TEMPORAL_TLS_KEY_FILE: nonEmpty.optional(),
    COMITY_TEMPORAL_TLS_SERVER_NAME: nonEmpty.optional(),
    COMITY_TEMPORAL_API_KEY: nonEmpty.optional(),
    /** Payload encryption keys, `id:base64(32 bytes)` comma-separated, and the id new payloads use. */
    COMITY_CODEC_KEYS: nonEmpty.optional(),
    COMITY_CODEC_ACTIVE_KEY: nonEmpty.optional(),
    /** Keys the API and the bridge sign actions with, `id:base64(32 bytes)` comma-separated (see libs/auth). */
    COMITY_ACTION_KEYS: nonEmpty.optional(),
    COMITY_KAFKA_BROKERS: nonEmpty.optional(),
    COMITY_KAFKA_PORT: port.default(9092),
    COMITY_KAFKA_CLIENT_ID: nonEmpty.default('comity'),
    // Real clusters: TLS (with a client certificate for mTLS) and/or SASL/SCRAM. Locally: plaintext.
    COMITY_KAFKA_SSL: z.enum(['true', 'false']).default('false'),
    COMITY_KAFKA_SSL_CA_FILE: nonEmpty.optional(),
    COMITY_KAFKA_SSL_CERT_FILE: nonEmpty.optional(),
    COMITY_KAFKA_SSL_KEY_FILE: nonEmpty.optional(),
    COMITY_KAFKA_SASL_MECHANISM: z.enum(['scram-sha-256', 'scram-sha-512', 'plain']).optional(),
    COMITY_KAFKA_SASL_USERNAME: nonEmpty.optional(),
    COMITY_KAFKA_SASL_PASSWORD: nonEmpty.optional(),
    COMITY_TOPIC_PROCESS_EVENTS: nonEmpty.default(DefaultTopics.processEvents),
    COMITY_TOPIC_AGENCY_TASKS_PREFIX: topicPrefix.default(DefaultTopics.agencyTasksPrefix),
    COMITY_TOPIC_AGENCY_ANSWERS_PREFIX: topicPrefix.default(DefaultTopics.agencyAnswersPrefix),
    /** An agency's broker principal is this prefix and its agency id (`agency-gr-police`). */
    COMITY_KAFKA_AGENCY_PRINCIPAL_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9._-]{1,60}$/, 'letters, digits, dot, underscore or hyphen')
      .default('agency-'),
    /**
     * The principal that provisions a registered agency on the broker (its topics, grants and SCRAM
     * credential): the API acts as it for the agency registry only. Unset: the registry cannot provision.
     */
    COMITY_KAFKA_REGISTRAR_USERNAME: nonEmpty.optional(),
    COMITY_KAFKA_REGISTRAR_PASSWORD: nonEmpty.optional(),
    COMITY_TOPIC_AGENCY_RESPONSES_RETRY: nonEmpty.default(DefaultTopics.agencyResponsesRetry),
    COMITY_TOPIC_DEAD_LETTER: nonEmpty.default(DefaultTopics.deadLetter),
    COMITY_PROJECTOR_GROUP: nonEmpty.default('comity-projector'),
    /**
     * How long the read model keeps a dead letter's record (days): the projector deletes older ones
     * every hour. At least the week the incidents view counts. The topic keeps its own retention
     * (retention.ms); a rebuild re-reads what it holds and keeps what is within this.
     */
    COMITY_DEAD_LETTER_RETENTION_DAYS: z.coerce
      .number()
      .int()
      .min(7, 'at least 7 (the week the incidents view counts)')
      .max(36_500)
      .default(90),
    COMITY_BRIDGE_GROUP: nonEmpty.default('comity-bridge'),
    /** How long the bridge waits for one answer's update before it counts as a failed attempt. */
    COMITY_BRIDGE_UPDATE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    /** Attempts of a parked answer (the first included) before it is dead-lettered. */
    COMITY_BRIDGE_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
    /** The pause before a parked answer's first retry; it doubles after each attempt, up to a minute. */
    COMITY_BRIDGE_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).max(600_000).default(2_000),
    /** How often the bridge looks for answer topics of newly registered agencies. */
    COMITY_BRIDGE_TOPIC_REFRESH_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
    /**
     * The memory the worker may give to processes it keeps cached between their steps (MiB): it
     * caches as many as fit at the measured cost of one (WORKER_MIB_PER_CACHED_PROCESS); one evicted
     * is replayed from its history at its next step.
     */
    COMITY_WORKER_CACHE_MIB: z.coerce.number().int().min(16).max(1_048_576).default(1024),
    /** How long the bridge and the worker trust what they read from the agency registry. */
    COMITY_REGISTRY_CACHE_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
    COMITY_DB_TYPE: z.enum(['sqlite', 'postgres']).default('sqlite'),
    /** The folder of local runtime state (the scripts' COMITY_RUNTIME); the SQLite file lives under it by default. */
    COMITY_RUNTIME: nonEmpty.default(path.join(workspaceRoot, '.runtime')),
    COMITY_SQLITE_PATH: nonEmpty.optional(),
    COMITY_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// URL' }).optional(),
    // Without a URL, the local server that infra/postgres starts, with the same variables.
    COMITY_PG_USER: nonEmpty.default('comity'),
    COMITY_PG_PASSWORD: nonEmpty.default('comity'),
    COMITY_PG_PORT: port.default(55432),
    COMITY_PG_DATABASE: nonEmpty.default('comity'),
    COMITY_AUTH_MODE: z.enum(['local', 'oidc']).default('local'),
    COMITY_AUTH_SECRET: z.string().min(32, 'at least 32 characters (HS256 signing key)').optional(),
    COMITY_AUTH_ISSUER: z.url().optional(),
    COMITY_AUTH_AUDIENCE: nonEmpty.default('comity-api'),
    COMITY_AUTH_JWKS_URL: z.url().optional(),
    /** Where an OIDC token names the caller's Comity role and agency: dotted paths (libs/auth claims.ts). */
    COMITY_AUTH_ROLES_CLAIM: claimPath.default('realm_access.roles'),
    COMITY_AUTH_AGENCY_CLAIM: claimPath.default('agency_id'),
    /**
     * The state this installation serves (ISO 3166-1 alpha-2): a process is "sent" when its requesting
     * party is of this state, else "received". XX (a user-assigned code) until configured.
     */
    COMITY_OWN_STATE: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as GR')
      .default('XX'),
    COMITY_API_HOST: nonEmpty.default('127.0.0.1'),
    COMITY_API_PORT: port.default(3000),
    /** Where Comity's own tools (the agency simulator) reach the API; by default the API configured above. */
    COMITY_API_URL: z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' }).optional(),
    /** Browser origins allowed to call the API (comma-separated); none by default. */
    COMITY_API_CORS_ORIGINS: origins,
    /** Browser origins allowed to call the codec endpoints only (Temporal's Web UI); none by default. */
    COMITY_CODEC_CORS_ORIGINS: origins,
    /** Requests per minute one client (token subject, else address) may make. */
    COMITY_API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
    /** How long the read model may lag behind a process before its missing audit records count as deleted. */
    COMITY_AUDIT_LAG_GRACE_MS: z.coerce.number().int().min(0).default(60_000),
    /** Server-sent-event streams one token subject may hold open at once. */
    COMITY_API_MAX_STREAMS: z.coerce.number().int().min(1).max(1000).default(5),
    /**
     * Where the worker, projector and bridge answer liveness probes (GET /health) and Prometheus
     * (GET /metrics); off when unset; 0 takes a free port, which the app logs.
     */
    COMITY_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    COMITY_HEALTH_HOST: nonEmpty.default('127.0.0.1'),
    COMITY_DASHBOARD_HOST: nonEmpty.default('127.0.0.1'),
    COMITY_DASHBOARD_PORT: port.default(8080),
    /** Where the dashboard's server forwards `/api/*` and `/health`; by default the API configured above. */
    COMITY_DASHBOARD_API_URL: z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' }).optional(),
    /**
     * The S3-compatible object store documents are kept in (docs/documents.md); documents are off
     * (their routes answer 503) while no endpoint is set.
     */
    COMITY_S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' }).optional(),
    COMITY_S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name (3-63 lowercase letters, digits, . and -)')
      .default('comity-documents'),
    COMITY_S3_REGION: nonEmpty.default('us-east-1'),
    COMITY_S3_ACCESS_KEY_ID: nonEmpty.optional(),
    COMITY_S3_SECRET_ACCESS_KEY: nonEmpty.optional(),
    /** ClamAV's clamd, which checks every document before anyone may download it. */
    COMITY_CLAMD_HOST: nonEmpty.default('127.0.0.1'),
    COMITY_CLAMD_PORT: port.default(3310),
    /** The size of an upload's parts, in MiB (the object store takes parts of 5 MiB and more). */
    COMITY_DOCUMENT_PART_MIB: z.coerce.number().int().min(5).max(64).default(8),
    /**
     * Whether every party's state must be in the directory of competent authorities (docs/directory.md);
     * otherwise a state it does not cover keeps the agency the request names.
     */
    COMITY_DIRECTORY_REQUIRED: z.enum(['true', 'false']).default('false'),
    /** How long the document links in an agency's task stay good, in hours. */
    COMITY_DOCUMENT_LINK_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(72),
    /**
     * How often the API deletes documents past their kind's retention (minutes; 0: never). Each API
     * process sweeps at start, then this long after each sweep ended.
     */
    COMITY_DOCUMENT_RETENTION_SWEEP_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
    /** The largest document accepted, in MiB (clamd scans a file of at most 2 GiB: MaxFileSize). */
    COMITY_DOCUMENT_MAX_MIB: z.coerce.number().int().min(1).max(2047).default(2047),
    /**
     * This installation's id among Comity installations (docs/federation.md): what partners list in
     * their directories. The gateway does not start without it.
     */
    COMITY_INSTALLATION_ID: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'lower-case letters, digits and hyphens, 1–40 characters')
      .optional(),
    /** Where the gateway listens for partner installations (HTTPS with mutual TLS). */
    COMITY_GATEWAY_HOST: nonEmpty.default('127.0.0.1'),
    COMITY_GATEWAY_PORT: port.default(8443),
    /** The base URL partners reach the gateway at (its directory entry's endpoint); by default its own address. */
    COMITY_GATEWAY_PUBLIC_URL: z.url({ protocol: /^https$/, error: 'expected an https:// URL' }).optional(),
    /** Where the gateway keeps its federation keys and TLS key (made once, at its first start). */
    COMITY_GATEWAY_SECRETS_DIR: nonEmpty.optional(),
    COMITY_GATEWAY_TASK_QUEUE: nonEmpty.default('comity-gateway'),
    /**
     * How long the gateway tries to deliver a message before it records a non-delivery (seconds):
     * below the 48 hours an envelope lives, or the partner would refuse the last attempts as expired.
     */
    COMITY_GATEWAY_DELIVERY_TIMEOUT_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(47 * 3600, 'at most 47 hours (an envelope older than 48 hours is refused as expired)')
      .default(24 * 3600),
    /** The longest pause between two delivery attempts while a partner is down (seconds); it doubles up to this. */
    COMITY_GATEWAY_RETRY_MAX_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
    /** The largest envelope the gateway reads (KiB). */
    COMITY_GATEWAY_MAX_ENVELOPE_KIB: z.coerce.number().int().min(16).max(1024).default(1024),
    /** The least severe log records written (JSON lines, see docs/operations.md). */
    COMITY_LOG_LEVEL: z.enum(LogLevels).default('info'),
    // OpenTelemetry's own variables (its SDK specification): tracing is off without an endpoint.
    OTEL_SDK_DISABLED: z.enum(['true', 'false']).default('false'),
    OTEL_EXPORTER_OTLP_ENDPOINT: z
      .url({ protocol: /^https?$/, error: 'expected the http(s):// base URL of an OTLP/HTTP receiver' })
      .optional(),
    OTEL_SERVICE_NAME: nonEmpty.optional(),
    OTEL_TRACES_SAMPLER: z.enum(TraceSamplers).default('parentbased_always_on'),
    OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
    /**
     * With COMITY_AUTH_MODE=local and the dashboard on a loopback address: its sign-in page offers
     * a user picker (any user, role and agency) besides a pasted token. `false` turns it off.
     */
    COMITY_DASHBOARD_USER_PICKER: z.enum(['true', 'false']).default('true'),
    /** The dashboard's OIDC client (authorization code + PKCE) when COMITY_AUTH_MODE=oidc. */
    COMITY_DASHBOARD_OIDC_CLIENT_ID: nonEmpty.default('comity-dashboard'),
    /**
     * The agency simulator's OIDC client (client credentials; a service account with the admin role)
     * when COMITY_AUTH_MODE=oidc: it onboards the agencies it plays through the API.
     */
    COMITY_SIMULATOR_OIDC_CLIENT_ID: nonEmpty.default('comity-agency-simulator'),
    COMITY_SIMULATOR_OIDC_CLIENT_SECRET: nonEmpty.optional(),
  })
  .transform((env) => ({
    temporal: {
      address: env.COMITY_TEMPORAL_ADDRESS ?? `127.0.0.1:${env.COMITY_TEMPORAL_PORT}`,
      namespace: env.COMITY_TEMPORAL_NAMESPACE,
      taskQueue: env.COMITY_TEMPORAL_TASK_QUEUE,
      startWorkflowRevision: env.COMITY_START_WORKFLOW_REVISION,
      // Any TLS setting, and an API key (which must never travel in clear), turns TLS on.
      tls:
        env.COMITY_TEMPORAL_TLS === 'true' ||
        env.COMITY_TEMPORAL_TLS_CA_FILE ||
        env.COMITY_TEMPORAL_TLS_CERT_FILE ||
        env.COMITY_TEMPORAL_TLS_KEY_FILE ||
        env.COMITY_TEMPORAL_TLS_SERVER_NAME ||
        env.COMITY_TEMPORAL_API_KEY
          ? {
              caFile: env.COMITY_TEMPORAL_TLS_CA_FILE,
              certFile: env.COMITY_TEMPORAL_TLS_CERT_FILE,
              keyFile: env.COMITY_TEMPORAL_TLS_KEY_FILE,
              serverName: env.COMITY_TEMPORAL_TLS_SERVER_NAME,
            }
          : undefined,
      apiKey: env.COMITY_TEMPORAL_API_KEY,
      codec: { keys: env.COMITY_CODEC_KEYS, activeKeyId: env.COMITY_CODEC_ACTIVE_KEY },
      actionKeys: env.COMITY_ACTION_KEYS,
    },
    kafka: {
      brokers: (env.COMITY_KAFKA_BROKERS ?? `127.0.0.1:${env.COMITY_KAFKA_PORT}`).split(',').map((b) => b.trim()),
      clientId: env.COMITY_KAFKA_CLIENT_ID,
      tls:
        env.COMITY_KAFKA_SSL === 'true'
          ? {
              caFile: env.COMITY_KAFKA_SSL_CA_FILE,
              certFile: env.COMITY_KAFKA_SSL_CERT_FILE,
              keyFile: env.COMITY_KAFKA_SSL_KEY_FILE,
            }
          : undefined,
      sasl: env.COMITY_KAFKA_SASL_MECHANISM
        ? {
            mechanism: env.COMITY_KAFKA_SASL_MECHANISM,
            username: env.COMITY_KAFKA_SASL_USERNAME ?? '',
            password: env.COMITY_KAFKA_SASL_PASSWORD ?? '',
          }
        : undefined,
      topics: {
        processEvents: env.COMITY_TOPIC_PROCESS_EVENTS,
        agencyTasksPrefix: env.COMITY_TOPIC_AGENCY_TASKS_PREFIX,
        agencyAnswersPrefix: env.COMITY_TOPIC_AGENCY_ANSWERS_PREFIX,
        agencyResponsesRetry: env.COMITY_TOPIC_AGENCY_RESPONSES_RETRY,
        deadLetter: env.COMITY_TOPIC_DEAD_LETTER,
      },
      projectorGroup: env.COMITY_PROJECTOR_GROUP,
      bridgeGroup: env.COMITY_BRIDGE_GROUP,
      agencyPrincipalPrefix: env.COMITY_KAFKA_AGENCY_PRINCIPAL_PREFIX,
      registrar:
        env.COMITY_KAFKA_REGISTRAR_USERNAME && env.COMITY_KAFKA_REGISTRAR_PASSWORD
          ? { username: env.COMITY_KAFKA_REGISTRAR_USERNAME, password: env.COMITY_KAFKA_REGISTRAR_PASSWORD }
          : undefined,
    },
    database:
      env.COMITY_DB_TYPE === 'sqlite'
        ? ({
            type: 'sqlite',
            path: env.COMITY_SQLITE_PATH ?? path.join(env.COMITY_RUNTIME, 'read-model/comity.sqlite'),
          } as const)
        : ({
            type: 'postgres',
            url:
              env.COMITY_DATABASE_URL ??
              `postgres://${encodeURIComponent(env.COMITY_PG_USER)}:${encodeURIComponent(env.COMITY_PG_PASSWORD)}` +
                `@127.0.0.1:${env.COMITY_PG_PORT}/${env.COMITY_PG_DATABASE}`,
          } as const),
    api: {
      host: env.COMITY_API_HOST,
      port: env.COMITY_API_PORT,
      corsOrigins: env.COMITY_API_CORS_ORIGINS,
      codecCorsOrigins: env.COMITY_CODEC_CORS_ORIGINS,
      rateLimitPerMinute: env.COMITY_API_RATE_LIMIT,
      maxStreamsPerSubject: env.COMITY_API_MAX_STREAMS,
      auditLagGraceMs: env.COMITY_AUDIT_LAG_GRACE_MS,
      url:
        env.COMITY_API_URL ??
        `http://${env.COMITY_API_HOST === '0.0.0.0' ? '127.0.0.1' : env.COMITY_API_HOST}:${env.COMITY_API_PORT}`,
    },
    bridge: {
      updateTimeoutMs: env.COMITY_BRIDGE_UPDATE_TIMEOUT_MS,
      retryAttempts: env.COMITY_BRIDGE_RETRY_ATTEMPTS,
      retryBackoffMs: env.COMITY_BRIDGE_RETRY_BACKOFF_MS,
      topicRefreshMs: env.COMITY_BRIDGE_TOPIC_REFRESH_MS,
    },
    registry: { cacheMs: env.COMITY_REGISTRY_CACHE_MS },
    worker: {
      maxCachedWorkflows: Math.max(10, Math.floor(env.COMITY_WORKER_CACHE_MIB / WORKER_MIB_PER_CACHED_PROCESS)),
    },
    health:
      env.COMITY_HEALTH_PORT !== undefined ? { port: env.COMITY_HEALTH_PORT, host: env.COMITY_HEALTH_HOST } : undefined,
    dashboard: {
      host: env.COMITY_DASHBOARD_HOST,
      port: env.COMITY_DASHBOARD_PORT,
      apiUrl: env.COMITY_DASHBOARD_API_URL ?? `http://${env.COMITY_API_HOST}:${env.COMITY_API_PORT}`,
      oidcClientId: env.COMITY_DASHBOARD_OIDC_CLIENT_ID,
      userPicker: env.COMITY_DASHBOARD_USER_PICKER === 'true',
    },
    simulator: {
      oidcClientId: env.COMITY_SIMULATOR_OIDC_CLIENT_ID,
      oidcClientSecret: env.COMITY_SIMULATOR_OIDC_CLIENT_SECRET,
    },
    documents: env.COMITY_S3_ENDPOINT
      ? {
          store: {
            endpoint: env.COMITY_S3_ENDPOINT,
            bucket: env.COMITY_S3_BUCKET,
            region: env.COMITY_S3_REGION,
            accessKeyId: env.COMITY_S3_ACCESS_KEY_ID,
            secretAccessKey: env.COMITY_S3_SECRET_ACCESS_KEY,
          },
          scanner: { host: env.COMITY_CLAMD_HOST, port: env.COMITY_CLAMD_PORT },
          partBytes: env.COMITY_DOCUMENT_PART_MIB * 1024 * 1024,
          maxBytes: env.COMITY_DOCUMENT_MAX_MIB * 1024 * 1024,
          retentionSweepMs: env.COMITY_DOCUMENT_RETENTION_SWEEP_MINUTES * 60_000,
        }
      : undefined,
    gateway: {
      installationId: env.COMITY_INSTALLATION_ID,
      host: env.COMITY_GATEWAY_HOST,
      port: env.COMITY_GATEWAY_PORT,
      publicUrl:
        env.COMITY_GATEWAY_PUBLIC_URL ??
        `https://${env.COMITY_GATEWAY_HOST === '0.0.0.0' ? '127.0.0.1' : env.COMITY_GATEWAY_HOST}:${env.COMITY_GATEWAY_PORT}`,
      secretsDir: env.COMITY_GATEWAY_SECRETS_DIR ?? path.join(env.COMITY_RUNTIME, 'gateway/secrets'),
      taskQueue: env.COMITY_GATEWAY_TASK_QUEUE,
      deliveryTimeoutMs: env.COMITY_GATEWAY_DELIVERY_TIMEOUT_SECONDS * 1000,
      retryMaxIntervalMs: env.COMITY_GATEWAY_RETRY_MAX_SECONDS * 1000,
      maxEnvelopeBytes: env.COMITY_GATEWAY_MAX_ENVELOPE_KIB * 1024,
    },
    directoryRequired: env.COMITY_DIRECTORY_REQUIRED === 'true',
    documentLinkTtlMs: env.COMITY_DOCUMENT_LINK_TTL_HOURS * 3600_000,
    ownState: env.COMITY_OWN_STATE,
    deadLetterRetentionDays: env.COMITY_DEAD_LETTER_RETENTION_DAYS,
    telemetry: {
      logLevel: env.COMITY_LOG_LEVEL,
      tracing: {
        endpoint: env.OTEL_SDK_DISABLED === 'true' ? undefined : env.OTEL_EXPORTER_OTLP_ENDPOINT,
        serviceName: env.OTEL_SERVICE_NAME,
        sampler: env.OTEL_TRACES_SAMPLER,
        samplerRatio: env.OTEL_TRACES_SAMPLER_ARG,
      },
    },
    auth:
      env.COMITY_AUTH_MODE === 'local'
        ? ({ mode: 'local', secret: env.COMITY_AUTH_SECRET, audience: env.COMITY_AUTH_AUDIENCE } as const)
        : ({
            mode: 'oidc',
            issuer: env.COMITY_AUTH_ISSUER,
            audience: env.COMITY_AUTH_AUDIENCE,
            jwksUrl: env.COMITY_AUTH_JWKS_URL,
            claims: { roles: env.COMITY_AUTH_ROLES_CLAIM, agency: env.COMITY_AUTH_AGENCY_CLAIM },
          } as const),
  }))
  .superRefine((config, ctx) => {
    if (config.auth.mode === 'oidc' && !config.auth.issuer) {
      ctx.addIssue({ code: 'custom', path: ['COMITY_AUTH_ISSUER'], message: 'required when COMITY_AUTH_MODE=oidc' });
    }
    const temporalTls = config.temporal.tls;
    if (temporalTls && Boolean(temporalTls.certFile) !== Boolean(temporalTls.keyFile)) {
      ctx.addIssue({
        code: 'custom',
        path: [temporalTls.certFile ? 'COMITY_TEMPORAL_TLS_KEY_FILE' : 'COMITY_TEMPORAL_TLS_CERT_FILE'],
        message: 'mTLS needs both a client certificate and its key file',
      });
    }
    const { tls, sasl } = config.kafka;
    if (sasl && (!sasl.username || !sasl.password)) {
      ctx.addIssue({
        code: 'custom',
        path: ['COMITY_KAFKA_SASL_USERNAME'],
        message: 'SASL needs a username and a password',
      });
    }
    if (tls && Boolean(tls.certFile) !== Boolean(tls.keyFile)) {
      ctx.addIssue({
        code: 'custom',
        path: ['COMITY_KAFKA_SSL_CERT_FILE'],
        message: 'mTLS needs both a certificate and a key file',
      });
    }
    const store = config.documents?.store;
    if (store && (!store.accessKeyId || !store.secretAccessKey)) {
      ctx.addIssue({
        code: 'custom',
        path: ['COMITY_S3_ACCESS_KEY_ID'],
        message: 'the object store needs COMITY_S3_ACCESS_KEY_ID and COMITY_S3_SECRET_ACCESS_KEY',
      });
    }
  });

export type ComityConfig = z.infer<typeof schema>;
export type DatabaseConfig = ComityConfig['database'];
export type KafkaConfig = ComityConfig['kafka'];
export type TemporalConfig = ComityConfig['temporal'];
export type AuthConfig = ComityConfig['auth'];
export type DashboardConfig = ComityConfig['dashboard'];
export type DocumentsConfig = NonNullable<ComityConfig['documents']>;
export type GatewayConfig = ComityConfig['gateway'];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the configuration; a bad value names the variable and what it expects. */
/** Variables whose values are secrets. */
const SECRET = /SECRET|PASSWORD|_KEYS?$|TOKEN|DATABASE_URL/;

/**
 * Worker memory one cached process takes, measured with 10,000 open processes (`npm run bench`,
 * docs/benchmarks.md "The workflow cache"): a cache of 2,395 (the SDK's default for a 4,288 MiB
 * heap) took the worker's RSS up 3,693 MiB, one of 682 up 2,674 MiB: about 0.6 MiB for each
 * process cached beyond the smaller cache. The rest of the growth is not the cache.
 */
export const WORKER_MIB_PER_CACHED_PROCESS = 0.6;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ComityConfig {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const value = env[key];
    // A secret's value is never printed, not even a wrong one: it may be the right one misplaced.
    const got = value === undefined ? '' : SECRET.test(key) ? ` (got ${value.length} characters)` : ` (got '${value}')`;
    return `  ${key}: ${issue.message}${got}`;
  });
  throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
}
