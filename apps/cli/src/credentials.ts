import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { UsageError } from './exit-codes';

type Env = Readonly<Record<string, string | undefined>>;

export interface StoredCredentials {
  readonly token: string;
  readonly savedAt: string;
  /** Where a device-flow sign-in came from, and how to refresh it (absent for a pasted token). */
  readonly oidc?: { readonly issuer: string; readonly clientId: string; readonly refreshToken: string };
}

/** `${COMITY_CLI_HOME:-$XDG_CONFIG_HOME/comity or ~/.config/comity}/credentials.json` */
export function credentialsPath(env: Env): string {
  const home = env['COMITY_CLI_HOME'] || path.join(env['XDG_CONFIG_HOME'] || path.join(homedir(), '.config'), 'comity');
  return path.join(home, 'credentials.json');
}

/**
 * Writes the token (and a refresh token) readable by the owner only (0600, its folder 0700), replacing
 * any earlier one.
 */
export function saveToken(env: Env, token: string, now = new Date(), oidc?: StoredCredentials['oidc']): string {
  const file = credentialsPath(env);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  const content: StoredCredentials = { token, savedAt: now.toISOString(), ...(oidc ? { oidc } : {}) };
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
  return file;
}

/** The stored credentials, or undefined when there are none (or the file is unreadable as credentials). */
export function loadCredentials(env: Env): StoredCredentials | undefined {
  let text: string;
  try {
    text = readFileSync(credentialsPath(env), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<StoredCredentials>;
    if (typeof parsed.token !== 'string' || !parsed.token) return undefined;
    const { issuer, clientId, refreshToken } = (parsed.oidc ?? {}) as Partial<NonNullable<StoredCredentials['oidc']>>;
    const oidc =
      typeof issuer === 'string' && typeof clientId === 'string' && typeof refreshToken === 'string'
        ? { issuer, clientId, refreshToken }
        : undefined;
    return { token: parsed.token, savedAt: String(parsed.savedAt), ...(oidc ? { oidc } : {}) };
  } catch {
    return undefined;
  }
}

/** The stored token, or undefined when there is none. */
export const loadToken = (env: Env): string | undefined => loadCredentials(env)?.token;

/** Removes the stored token; true when there was one. */
export function removeToken(env: Env): boolean {
  const file = credentialsPath(env);
  if (!existsSync(file)) return false;
  rmSync(file, { force: true });
  return true;
}

export interface TokenClaims {
  readonly sub?: string;
  readonly role?: string;
  readonly agency_id?: string;
  readonly iss?: string;
  readonly aud?: string | string[];
  readonly exp?: number;
  readonly iat?: number;
}

/** The claims of a JWT, decoded without verifying its signature (the API verifies it). */
export function decodeClaims(token: string): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) throw new UsageError('the token is not a JWT (header.payload.signature)');
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) throw new Error('not an object');
    return claims as TokenClaims;
  } catch {
    throw new UsageError('the token is not a JWT: its payload is not a JSON object');
  }
}

/** When the token expires, as an ISO timestamp; undefined when it names no expiry. */
export const expiryOf = (claims: TokenClaims): string | undefined =>
  typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toISOString() : undefined;
