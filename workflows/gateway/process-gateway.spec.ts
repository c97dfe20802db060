import { randomBytes } from 'node:crypto';
import { actionPublicKey, refusalOfAssertion, signAction, type ActionClaims } from '@comity/domain';
import { signActionNatively } from './process-gateway';

describe('signActionNatively', () => {
  const keys = [
    { id: 'k1', secretKey: new Uint8Array(randomBytes(32)) },
    { id: 'k2', secretKey: new Uint8Array(randomBytes(32)) },
  ];
  const claims: ActionClaims = {
    processId: 'mla-1',
    updateId: 'u-1',
    issuedAt: new Date().toISOString(),
    action: 'return-partial',
    payload: { description: 'bank records', items: [1, { z: 'ä', a: null }] },
    actor: { userId: 'agency-system:tr-police', role: 'agency', agencyId: 'tr-police' },
    taskId: 'mla-1:4:task',
    evidence: { kid: 'k', jws: 'a.b.c' },
  };

  it('makes exactly the signatures of the pure-JS signer the process verifies with', () => {
    expect(signActionNatively(claims, keys)).toEqual(signAction(claims, keys));
  });

  it('is accepted by the process, and only for the claims it signed', () => {
    const assertion = signActionNatively(claims, keys);
    const known = { k1: actionPublicKey(keys[0]!) };
    const { issuedAt: _, ...signed } = claims;
    expect(refusalOfAssertion(assertion, signed, known, Date.now())).toBeUndefined();
    expect(refusalOfAssertion(assertion, { ...signed, action: 'complete-execution' }, known, Date.now())).toMatch(
      /no signature/,
    );
  });
});
