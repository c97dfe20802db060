import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { credentialsPath, decodeClaims, expiryOf, loadToken, removeToken, saveToken } from './credentials';
import { UsageError } from './exit-codes';

const jwt = (claims: object) =>
  `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.signature`;

describe('credentials file', () => {
  let home: string;
  beforeEach(() => (home = mkdtempSync(path.join(tmpdir(), 'comity-cli-'))));
  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('lives in COMITY_CLI_HOME, else XDG_CONFIG_HOME/comity, else ~/.config/comity', () => {
    expect(credentialsPath({ COMITY_CLI_HOME: '/a', XDG_CONFIG_HOME: '/b' })).toBe('/a/credentials.json');
    expect(credentialsPath({ XDG_CONFIG_HOME: '/b' })).toBe('/b/comity/credentials.json');
    expect(credentialsPath({})).toMatch(/\.config\/comity\/credentials\.json$/);
  });

  it('stores the token readable by its owner only, replaces it, and removes it', () => {
    const env = { COMITY_CLI_HOME: path.join(home, 'nested') };
    expect(loadToken(env)).toBeUndefined();
    const file = saveToken(env, 'first');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    saveToken(env, 'second');
    expect(loadToken(env)).toBe('second');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ token: 'second' });
    expect(removeToken(env)).toBe(true);
    expect(removeToken(env)).toBe(false);
    expect(loadToken(env)).toBeUndefined();
  });

  it('tightens the mode of a file that existed with a looser one', () => {
    const env = { COMITY_CLI_HOME: home };
    writeFileSync(credentialsPath(env), '{}', { mode: 0o644 });
    saveToken(env, 'tok');
    expect(statSync(credentialsPath(env)).mode & 0o777).toBe(0o600);
  });

  it('ignores a file that is not credentials', () => {
    const env = { COMITY_CLI_HOME: home };
    writeFileSync(credentialsPath(env), 'not json');
    expect(loadToken(env)).toBeUndefined();
  });
});

describe('decodeClaims', () => {
  it('reads the claims without verifying', () => {
    const claims = decodeClaims(jwt({ sub: 'it-clerk', role: 'agency', agency_id: 'it-moj', exp: 1767225600 }));
    expect(claims).toEqual({ sub: 'it-clerk', role: 'agency', agency_id: 'it-moj', exp: 1767225600 });
    expect(expiryOf(claims)).toBe('2026-01-01T00:00:00.000Z');
  });

  it.each([['not-a-jwt'], ['a.b'], ['a.!!!.c'], [`x.${Buffer.from('[1]').toString('base64url')}.y`]])(
    'refuses %s',
    (token) => expect(() => decodeClaims(token)).toThrow(UsageError),
  );
});
