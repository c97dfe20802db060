import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { log } from '@comity/observability';
import { certificateSha256, type PublishedInstallation } from '../identity/installation-identity';
import type { PartnerDirectory } from '../partners/partner-directory';
import { receiveEnvelope, type EnvelopeContext, type GatewayAnswer } from './envelope.handler';

export const ENVELOPES_PATH = '/federation/v1/envelopes';
export const INSTALLATION_PATH = '/federation/v1/installation';
/** The media type of a compact JWS or JWE (RFC 7515, 7516). */
export const JOSE_MEDIA_TYPE = 'application/jose';

export interface FederationServerOptions {
  readonly tls: { readonly key: string; readonly certificate: string };
  readonly published: PublishedInstallation;
  readonly partners: PartnerDirectory;
  readonly envelope: Omit<EnvelopeContext, 'partners'>;
}

const plain = (status: number, code: string, message: string): GatewayAnswer => ({ status, body: { code, message } });

/**
 * The gateway's HTTPS server. Anyone may read what this installation publishes; an envelope is
 * taken only over a connection whose client certificate is pinned in the directory in force, and
 * only from the installation it is pinned for.
 */
export function createFederationServer(options: FederationServerOptions): Server {
  const server = createServer(
    {
      key: options.tls.key,
      cert: options.tls.certificate,
      // Asked for, then checked against the directory's pins (not a CA: partners' certificates are self-signed).
      requestCert: true,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
      requestTimeout: 30_000,
      headersTimeout: 10_000,
    },
    (req, res) => {
      route(req, options).then(
        (answer) => respond(res, answer),
        (err: unknown) => {
          // Ours, not the partner's (the database is away, say): it retries the same bytes later.
          log.error('an envelope could not be taken', { err });
          respond(res, plain(503, 'UNAVAILABLE', 'the gateway cannot take envelopes now; retry later'));
        },
      );
    },
  );
  server.on('tlsClientError', (err) => log.debug('a TLS handshake failed', { err: err.message }));
  return server;
}

async function route(req: IncomingMessage, options: FederationServerOptions): Promise<GatewayAnswer> {
  const url = new URL(req.url ?? '/', 'https://gateway');
  if (url.pathname === '/health') return req.method === 'GET' ? { status: 200, body: {} } : notAllowed('GET');
  if (url.pathname === INSTALLATION_PATH) {
    if (req.method !== 'GET') return notAllowed('GET');
    return { status: 200, body: options.published as unknown as GatewayAnswer['body'] };
  }
  if (url.pathname !== ENVELOPES_PATH) return plain(404, 'NOT_FOUND', `no ${url.pathname} here`);
  if (req.method !== 'POST') return notAllowed('POST');

  const raw = (req.socket as TLSSocket).getPeerCertificate().raw as Buffer | undefined;
  if (!raw)
    return plain(401, 'CLIENT_CERTIFICATE_REQUIRED', 'an envelope comes over mutual TLS: present a certificate');
  const partners = await options.partners.current();
  const peer = partners.byCertificate(certificateSha256(raw));
  if (!peer) {
    return plain(403, 'CERTIFICATE_NOT_PINNED', 'the client certificate is pinned for no partner in the directory');
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== JOSE_MEDIA_TYPE) {
    return plain(415, 'UNSUPPORTED_MEDIA_TYPE', `content-type: an envelope is ${JOSE_MEDIA_TYPE} (a compact JWE)`);
  }
  const context = { ...options.envelope, partners };
  return receiveEnvelope(await readCapped(req, options.envelope.maxEnvelopeBytes), peer.id, context);
}

const notAllowed = (allowed: string): GatewayAnswer =>
  plain(405, 'METHOD_NOT_ALLOWED', `method: only ${allowed} is allowed here`);

/** The body, or 'too-large' as soon as it is known to be over the cap (by its length, or while read). */
async function readCapped(req: IncomingMessage, max: number): Promise<Uint8Array | 'too-large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return 'too-large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return 'too-large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function respond(res: ServerResponse, answer: GatewayAnswer): void {
  if (res.headersSent) return;
  const body = JSON.stringify(answer.body);
  const unread = !res.req.complete;
  res.writeHead(answer.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    // A body left unread (over the cap, refused before reading) is not read: the connection ends.
    ...(unread ? { connection: 'close' } : {}),
  });
  res.end(body);
}
