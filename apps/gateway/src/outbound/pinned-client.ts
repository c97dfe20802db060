import { request } from 'node:http';
import { isIP } from 'node:net';
import { connect, type TLSSocket } from 'node:tls';
import { certificateSha256 } from '../identity/installation-identity';

/** An attempt that did not reach the partner, or reached something that is not it: retried. */
export class DeliveryAttemptError extends Error {
  override readonly name = 'DeliveryAttemptError';
  readonly retriable = true;
}

export interface PinnedTarget {
  readonly url: URL;
  /** The SHA-256 of the certificate the partner's gateway presents (the directory's pin). */
  readonly certificateSha256: string;
}

export interface ClientCertificate {
  readonly key: string;
  readonly certificate: string;
}

/**
 * A TLS connection to the partner whose certificate is the pinned one, presenting ours. The pin is
 * checked once the handshake is done and before any byte of the request is written. (Node calls
 * `checkServerIdentity` only for a certificate that chains to a trusted CA, which a self-signed
 * certificate never does; so the check is made here.)
 */
function pinnedConnection(target: PinnedTarget, client: ClientCertificate, timeoutMs: number): Promise<TLSSocket> {
  const { hostname, port } = target.url;
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: hostname,
      port: Number(port || 443),
      ...(isIP(hostname) ? {} : { servername: hostname }),
      key: client.key,
      cert: client.certificate,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.2',
      ALPNProtocols: ['http/1.1'],
    });
    const fail = (err: Error) => {
      socket.destroy();
      reject(new DeliveryAttemptError(`${target.url.origin}: ${err.message}`));
    };
    socket.setTimeout(timeoutMs, () => fail(new Error('no TLS connection in time')));
    socket.once('error', fail);
    socket.once('secureConnect', () => {
      const raw = socket.getPeerCertificate().raw as Buffer | undefined;
      const presented = raw ? certificateSha256(raw) : 'none';
      if (presented !== target.certificateSha256) {
        fail(new Error(`presented certificate ${presented}, not the one pinned in the directory`));
        return;
      }
      socket.off('error', fail);
      socket.setTimeout(0);
      resolve(socket);
    });
  });
}

/** POSTs `body` to the pinned partner over mutual TLS; answers the status and the body as text. */
export async function postPinned(
  target: PinnedTarget,
  client: ClientCertificate,
  body: string,
  contentType: string,
  timeoutMs = 30_000,
): Promise<{ status: number; body: string }> {
  const socket = await pinnedConnection(target, client, timeoutMs);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.url.hostname,
        port: target.url.port,
        path: target.url.pathname,
        method: 'POST',
        headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(body), connection: 'close' },
        createConnection: () => socket,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          // An answer is an evidence and a few words: anything far larger is not from a gateway.
          if (size > 64 * 1024) res.destroy(new Error('the answer is over 64 KiB'));
          else chunks.push(chunk);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => reject(new DeliveryAttemptError(`${target.url.origin}: ${err.message}`)));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in time')));
    req.on('error', (err) => reject(new DeliveryAttemptError(`${target.url.origin}: ${err.message}`)));
    req.end(body);
  });
}
