import { randomBytes } from 'node:crypto';
import {
  ASSERTION_MAX_SKEW_MS,
  actionPublicKey,
  refusalOfAssertion,
  signAction,
  type ActionClaims,
} from './action-assertion';

const key = { id: 'k1', secretKey: new Uint8Array(randomBytes(32)) };
const known = { k1: actionPublicKey(key) };
const now = Date.parse('2026-12-01T12:00:00.000Z');
const claims: ActionClaims = {
  processId: 'mla-1',
  updateId: 'u-1',
  issuedAt: new Date(now).toISOString(),
  action: 'acknowledge',
  payload: { note: 'received', nested: { b: 1, a: 2 } },
  actor: { userId: 'agency-system:es', role: 'agency', agencyId: 'es' },
  taskId: 'mla-1:3:task',
};
const { issuedAt: _, ...unsigned } = claims;

describe('action assertions', () => {
  it('vouch for exactly the claims signed, whatever the order of their keys', () => {
    const assertion = signAction(claims, [key]);
    expect(refusalOfAssertion(assertion, unsigned, known, now)).toBeUndefined();
    const reordered = { ...unsigned, payload: { nested: { a: 2, b: 1 }, note: 'received' } };
    expect(refusalOfAssertion(assertion, reordered, known, now)).toBeUndefined();
  });

  it('refuse any change to what was signed', () => {
    const assertion = signAction(claims, [key]);
    for (const changed of [
      { ...unsigned, processId: 'mla-2' },
      { ...unsigned, updateId: 'u-2' },
      { ...unsigned, action: 'refuse' },
      { ...unsigned, payload: { note: 'altered' } },
      { ...unsigned, actor: { userId: 'comity-deadline-timer', role: 'admin' as const } },
      { ...unsigned, taskId: 'mla-1:4:task' },
    ]) {
      expect(refusalOfAssertion(assertion, changed, known, now)).toMatch(/no signature/);
    }
  });

  it('refuse a missing or malformed assertion, an unknown key and a stale or future time', () => {
    expect(refusalOfAssertion(undefined, unsigned, known, now)).toMatch(/no assertion/);
    const assertion = signAction(claims, [key]);
    expect(
      refusalOfAssertion({ ...assertion, signatures: [{ keyId: 'k1', signature: 'zz' }] }, unsigned, known, now),
    ).toMatch(/no signature/);
    expect(refusalOfAssertion(assertion, unsigned, { k2: known.k1 }, now)).toMatch(/no signature/);
    expect(refusalOfAssertion(assertion, unsigned, known, now + ASSERTION_MAX_SKEW_MS + 1)).toMatch(/not issued now/);
    expect(refusalOfAssertion(assertion, unsigned, known, now - ASSERTION_MAX_SKEW_MS - 1)).toMatch(/not issued now/);
  });
});
