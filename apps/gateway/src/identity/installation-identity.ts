import { execFile } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { JWK } from 'jose';
import {
  exportInstallationKeys,
  generateInstallationKeys,
  importInstallationKeys,
  publishedKeys,
  type InstallationKeys,
} from '@comity/federation';

/** What this installation is to its partners: its federation keys and the TLS certificate it presents. */
export interface InstallationIdentity {
  readonly id: string;
  readonly keys: InstallationKeys;
  readonly tls: { readonly key: string; readonly certificate: string; readonly certificateSha256: string };
}

/** What a partner needs for its directory entry of this installation (docs/directory.md). */
export interface PublishedInstallation {
  readonly id: string;
  readonly endpoint: string;
  readonly tlsCertificateSha256: string;
  readonly keys: JWK[];
}

export const publishedInstallation = (identity: InstallationIdentity, endpoint: string): PublishedInstallation => ({
  id: identity.id,
  endpoint,
  tlsCertificateSha256: identity.tls.certificateSha256,
  keys: publishedKeys(identity.keys).keys,
});

const KEYS_FILE = 'federation-keys.json';
const TLS_KEY = 'tls.key';
const TLS_CERTIFICATE = 'tls.crt';
/** About two years and three months: what browsers accepted of a certificate, kept for the local ones. */
const CERTIFICATE_DAYS = 825;

/** The SHA-256 (lower-case hex) of a certificate's DER bytes: what partners pin. */
export const certificateSha256 = (der: Buffer): string => createHash('sha256').update(der).digest('hex');

/**
 * This installation's identity from `secretsDir/<id>/`, made there at the first start: federation
 * keys (libs/federation) and a TLS key with a self-signed certificate (partners pin its SHA-256, so no
 * certificate authority is needed). Made in a folder of its own and renamed into place, so gateways
 * starting at once end up with one identity: the first rename wins, the others read it.
 */
export async function ensureIdentity(secretsDir: string, id: string, host: string): Promise<InstallationIdentity> {
  const folder = path.join(secretsDir, id);
  const existing = await readIdentity(folder, id);
  if (existing) return existing;
  await mkdir(secretsDir, { recursive: true, mode: 0o700 });
  const work = await mkdtemp(path.join(secretsDir, `.new-${id}-`));
  try {
    await makeIdentity(work, id, host);
    await rename(work, folder);
  } catch (err) {
    await rm(work, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
  }
  const made = await readIdentity(folder, id);
  if (!made) throw new Error(`the installation identity in ${folder} is incomplete`);
  return made;
}

async function makeIdentity(folder: string, id: string, host: string): Promise<void> {
  await chmod(folder, 0o700);
  const keys = await generateInstallationKeys(id);
  await writeFile(path.join(folder, KEYS_FILE), JSON.stringify(await exportInstallationKeys(keys), null, 2), {
    mode: 0o600,
  });
  // Node makes no X.509 certificates; openssl does (the local Kafka's certificates are made with it too).
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    path.join(folder, TLS_KEY),
    '-out',
    path.join(folder, TLS_CERTIFICATE),
    '-days',
    String(CERTIFICATE_DAYS),
    '-subj',
    `/CN=${id}`,
    '-addext',
    `subjectAltName=${isIP(host) ? 'IP' : 'DNS'}:${host}`,
    '-addext',
    'extendedKeyUsage=serverAuth,clientAuth',
  ]);
  await chmod(path.join(folder, TLS_KEY), 0o600);
}

async function readIdentity(folder: string, id: string): Promise<InstallationIdentity | undefined> {
  let files: [string, string, string];
  try {
    files = await Promise.all(
      [KEYS_FILE, TLS_KEY, TLS_CERTIFICATE].map((name) => readFile(path.join(folder, name), 'utf8')) as [
        Promise<string>,
        Promise<string>,
        Promise<string>,
      ],
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const [jwks, key, certificate] = files;
  const keys = await importInstallationKeys(id, JSON.parse(jwks) as JWK[]);
  const der = new X509Certificate(certificate).raw;
  return { id, keys, tls: { key, certificate, certificateSha256: certificateSha256(der) } };
}
