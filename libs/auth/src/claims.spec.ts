import { ConfigError, loadConfig } from '@comity/config';
import { actorOf, AuthenticationError, claimAt, LOCAL_CLAIMS } from './claims';

const keycloak = { roles: 'realm_access.roles', agency: 'agency_id' };

describe('claimAt', () => {
  it('follows a dotted path through objects only', () => {
    const payload = { realm_access: { roles: ['agency'] }, list: [{ a: 1 }] };
    expect(claimAt(payload, 'realm_access.roles')).toEqual(['agency']);
    expect(claimAt(payload, 'realm_access.missing.deeper')).toBeUndefined();
    expect(claimAt(payload, 'list.0.a')).toBeUndefined();
    expect(claimAt(payload, 'realm_access.constructor')).toBeUndefined();
  });
});

describe('actorOf', () => {
  it("maps a Keycloak token's realm roles and agency attribute, ignoring roles that are not Comity's", () => {
    const payload = {
      sub: 'f3b0c1d2-uuid',
      realm_access: { roles: ['offline_access', 'default-roles-comity', 'agency'] },
      agency_id: 'gr-coastguard',
    };
    expect(actorOf(payload, keycloak)).toEqual({ userId: 'f3b0c1d2-uuid', role: 'agency', agencyId: 'gr-coastguard' });
  });

  it('reads the local tokens, whose role is a string', () => {
    expect(actorOf({ sub: 'officer-1', role: 'coordinator' }, LOCAL_CLAIMS)).toEqual({
      userId: 'officer-1',
      role: 'coordinator',
    });
  });

  it('refuses a token with no Comity role, or with several, naming the claim', () => {
    expect(() => actorOf({ sub: 'u', realm_access: { roles: ['offline_access'] } }, keycloak)).toThrow(
      new AuthenticationError('token realm_access.roles must name one of coordinator, agency, auditor, admin'),
    );
    expect(() => actorOf({ sub: 'u', realm_access: { roles: ['admin', 'auditor'] } }, keycloak)).toThrow(
      /several Comity roles \(admin, auditor\)/,
    );
    expect(() => actorOf({ sub: 'u', role: 'admin' }, keycloak)).toThrow(/realm_access\.roles must name/);
  });

  it('refuses an agency user without an agency, and an agency that is not an identifier', () => {
    expect(() => actorOf({ sub: 'u', realm_access: { roles: ['agency'] } }, keycloak)).toThrow(
      'an agency token must name its agency_id',
    );
    expect(() => actorOf({ sub: 'u', realm_access: { roles: ['agency'] }, agency_id: ['a', 'b'] }, keycloak)).toThrow(
      /agency_id must be 1 to 100/,
    );
  });
});

describe('the claim mapping in the configuration', () => {
  const oidc = { COMITY_AUTH_MODE: 'oidc', COMITY_AUTH_ISSUER: 'http://127.0.0.1:8280/realms/comity' };

  it("defaults to Keycloak's realm roles and an agency_id claim, and takes other dotted paths", () => {
    expect(loadConfig(oidc).auth).toMatchObject({ claims: keycloak });
    const custom = loadConfig({
      ...oidc,
      COMITY_AUTH_ROLES_CLAIM: 'resource_access.comity-api.roles',
      COMITY_AUTH_AGENCY_CLAIM: 'org.agency',
    });
    expect(custom.auth).toMatchObject({ claims: { roles: 'resource_access.comity-api.roles', agency: 'org.agency' } });
  });

  it('refuses, at start-up, a path that is not one and an OIDC mode without its issuer', () => {
    expect(() => loadConfig({ ...oidc, COMITY_AUTH_ROLES_CLAIM: 'realm_access..roles' })).toThrow(
      /COMITY_AUTH_ROLES_CLAIM: a dotted claim path/,
    );
    expect(() => loadConfig({ COMITY_AUTH_MODE: 'oidc' })).toThrow(ConfigError);
    expect(() => loadConfig({ COMITY_AUTH_MODE: 'oidc' })).toThrow(/COMITY_AUTH_ISSUER: required/);
  });
});
