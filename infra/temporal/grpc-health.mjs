// Asks a Temporal server process for its gRPC health (grpc.health.v1.Health/Check) over mutual TLS,
// so the cluster scripts' readiness comes from the service itself, not from an open port.
//   node infra/temporal/grpc-health.mjs <host:port> <service name> <tls folder>
// The folder holds ca.crt and the client certificate (client.crt, client.key). Exits 0 when the
// service answers SERVING, 1 otherwise (printing what it got).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

// grpc-js is the Temporal client's own transport (no dependency of ours to add).
const require = createRequire(path.join(process.cwd(), 'package.json'));
const grpc = require(require.resolve('@grpc/grpc-js', { paths: [require.resolve('@temporalio/client')] }));

const [address, service, tlsDir] = process.argv.slice(2);
if (!address || !service || !tlsDir) {
  console.error('usage: grpc-health.mjs <host:port> <service name> <tls folder>');
  process.exit(2);
}
const read = (name) => readFileSync(path.join(tlsDir, name));
const credentials = grpc.credentials.createSsl(read('ca.crt'), read('client.key'), read('client.crt'));
const client = new grpc.Client(address, credentials, { 'grpc.ssl_target_name_override': 'localhost' });

// HealthCheckRequest { string service = 1 } and HealthCheckResponse { ServingStatus status = 1 },
// encoded by hand: two one-field messages do not need a proto loader.
const serviceBytes = Buffer.from(service, 'utf8');
const request = Buffer.concat([Buffer.from([0x0a, serviceBytes.length]), serviceBytes]);
const statusNames = ['UNKNOWN', 'SERVING', 'NOT_SERVING', 'SERVICE_UNKNOWN'];

client.makeUnaryRequest(
  '/grpc.health.v1.Health/Check',
  (buffer) => buffer,
  (buffer) => buffer,
  request,
  { deadline: Date.now() + 3000 },
  (err, response) => {
    client.close();
    if (err) {
      console.error(`${address} ${service}: ${err.message}`);
      process.exit(1);
    }
    const status = response.length >= 2 && response[0] === 0x08 ? response[1] : 0;
    if (status !== 1) {
      console.error(`${address} ${service}: ${statusNames[status] ?? status}`);
      process.exit(1);
    }
  },
);
