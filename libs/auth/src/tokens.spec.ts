import { SignJWT } from 'jose';
import { loadConfig } from '@comity/config';
import { AuthenticationError } from './claims';
import { createTokenVerifier, issueLocalToken } from './tokens';

const secret = 'k'.repeat(48);
const verify = createTokenVerifier(loadConfig({ COMITY_AUTH_SECRET: secret }).auth);
const key = new TextEncoder().encode(secret);

/** A token signed with the right key, issuer and audience, with the claims given. */
const signed = (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT = (jwt) => jwt) =>
  build(
    new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('comity-local').setAudience('comity-api'),
  ).sign(key);

describe('createTokenVerifier', () => {
  it('answers the actor and when the token expires', async () => {
    const before = Date.now();
    const verified = await verify(await issueLocalToken(secret, { userId: 'officer-1', role: 'coordinator' }));
    expect(verified.actor).toEqual({ userId: 'officer-1', role: 'coordinator' });
    expect(verified.expiresAt.getTime()).toBeGreaterThan(before + 7 * 3600_000);
  });

  it('refuses a token that never expires', async () => {
    const forever = await signed({ role: 'admin' }, (jwt) => jwt.setSubject('officer-1'));
    await expect(verify(forever)).rejects.toThrow(/"exp" claim/);
  });

  it('refuses subjects and agency ids that are not plain identifiers', async () => {
    const withExp = (jwt: SignJWT) => jwt.setExpirationTime('1h');
    for (const sub of ['', 'evil\u001b[31mred', 'two words', 'x'.repeat(256)]) {
      const token = await signed({ role: 'coordinator', sub }, withExp);
      await expect(verify(token)).rejects.toThrow(AuthenticationError);
    }
    const badAgency = await signed({ role: 'agency', sub: 'a-1', agency_id: 'gr/../x' }, withExp);
    await expect(verify(badAgency)).rejects.toThrow(/agency_id/);
    const good = await signed({ role: 'agency', sub: 'auth0|5f1c:9', agency_id: 'gr-police' }, withExp);
    expect((await verify(good)).actor).toEqual({ userId: 'auth0|5f1c:9', role: 'agency', agencyId: 'gr-police' });
  });
});
