import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import {
  ANSWER_JWS_TYPE,
  TASK_JWS_TYPE,
  answerEncryptionKeys,
  decryptAnswer,
  encryptAnswer,
  registrySealingKeys,
  sealHolds,
  sealKey,
  signAnswer,
  signTask,
  taskSigningKeys,
  verifySigned,
} from './agency-channel';

const actionKeys = [{ id: 'k1', secretKey: new Uint8Array(randomBytes(32)) }];
const agency = generateKeyPairSync('ed25519');
const agencyKey = {
  kid: 'agency-1',
  algorithm: 'EdDSA',
  publicJwk: agency.publicKey.export({ format: 'jwk' }) as JWK,
};
const answer = { type: 'comity.agency-response.submitted.v1', data: { processId: 'mla-1', action: 'acknowledge' } };

describe('task signatures', () => {
  it('verify with the installation key of the same action key, and with no other', async () => {
    const [key] = taskSigningKeys(actionKeys);
    const jws = await signTask({ id: 't1' }, key!);
    const trusted = taskSigningKeys(actionKeys).map((k) => ({
      kid: k.kid,
      algorithm: 'EdDSA',
      publicJwk: k.publicJwk,
    }));
    await expect(verifySigned(jws, TASK_JWS_TYPE, trusted)).resolves.toMatchObject({ ok: true, json: { id: 't1' } });
    const other = taskSigningKeys([{ id: 'k1', secretKey: new Uint8Array(randomBytes(32)) }]).map((k) => ({
      kid: k.kid,
      algorithm: 'EdDSA',
      publicJwk: k.publicJwk,
    }));
    await expect(verifySigned(jws, TASK_JWS_TYPE, other)).resolves.toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
  });

  it('are not answers: a task signature does not pass as an answer', async () => {
    const [key] = taskSigningKeys(actionKeys);
    const jws = await signTask(answer, key!);
    const trusted = [{ kid: key!.kid, algorithm: 'EdDSA', publicJwk: key!.publicJwk }];
    await expect(verifySigned(jws, ANSWER_JWS_TYPE, trusted)).resolves.toMatchObject({ ok: false, code: 'NOT_SIGNED' });
  });

  it('are made with keys derived per purpose: the task key is not the registry key', () => {
    expect(taskSigningKeys(actionKeys)[0]?.publicJwk.x).not.toBe(registrySealingKeys(actionKeys)[0]?.publicJwk.x);
    expect(taskSigningKeys(actionKeys)[0]?.publicJwk.x).toBe(taskSigningKeys(actionKeys)[0]?.publicJwk.x);
  });
});

describe('answer signatures', () => {
  it('verify with the key named, and refuse unknown keys, other content and other algorithms', async () => {
    const jws = await signAnswer(answer, 'agency-1', agency.privateKey);
    await expect(verifySigned(jws, ANSWER_JWS_TYPE, [agencyKey])).resolves.toMatchObject({ ok: true, kid: 'agency-1' });
    await expect(verifySigned(jws, ANSWER_JWS_TYPE, [])).resolves.toMatchObject({ ok: false, code: 'KEY_UNKNOWN' });
    const [header, , signature] = jws.split('.');
    const swapped = `${header}.${Buffer.from('{"data":{}}').toString('base64url')}.${signature}`;
    await expect(verifySigned(swapped, ANSWER_JWS_TYPE, [agencyKey])).resolves.toMatchObject({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
    // The key is registered for EdDSA: a header claiming another algorithm does not verify with it.
    const forged = `${Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'agency-1', typ: ANSWER_JWS_TYPE })).toString('base64url')}.${jws.split('.')[1]}.${signature}`;
    await expect(verifySigned(forged, ANSWER_JWS_TYPE, [agencyKey])).resolves.toMatchObject({ ok: false });
  });

  it('refuse what is not a compact JWS, without throwing', async () => {
    for (const value of ['', 'not a jws', '{"data":{}}', 'a.b', '....', `${'a'.repeat(10)}.b.c`]) {
      await expect(verifySigned(value, ANSWER_JWS_TYPE, [agencyKey])).resolves.toMatchObject({
        ok: false,
        code: 'NOT_SIGNED',
      });
    }
  });
});

describe('answer encryption', () => {
  const keys = answerEncryptionKeys(actionKeys);
  const recipient = keys[0]!.publicJwk;

  it('opens with the installation key, and with no other', async () => {
    const jwe = await encryptAnswer('a.signed.answer', recipient);
    expect(jwe.split('.')).toHaveLength(5);
    expect(jwe).not.toContain('signed');
    await expect(decryptAnswer(jwe, keys)).resolves.toEqual({ ok: true, content: 'a.signed.answer' });
    const others = answerEncryptionKeys([{ id: 'k1', secretKey: new Uint8Array(randomBytes(32)) }]);
    await expect(decryptAnswer(jwe, others)).resolves.toMatchObject({ ok: false, code: 'NOT_DECRYPTED' });
    await expect(decryptAnswer(jwe, [])).resolves.toMatchObject({ ok: false, code: 'NOT_FOR_US' });
  });

  it('refuses a tampered ciphertext, and what is not encrypted', async () => {
    const parts = (await encryptAnswer('a.signed.answer', recipient)).split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    await expect(decryptAnswer(parts.join('.'), keys)).resolves.toMatchObject({ ok: false, code: 'NOT_DECRYPTED' });
    await expect(decryptAnswer('a.signed.answer', keys)).resolves.toMatchObject({ ok: false, code: 'NOT_ENCRYPTED' });
  });
});

describe('registry seals', () => {
  const [sealing] = registrySealingKeys(actionKeys);
  const row = {
    agencyId: 'gr-police',
    kid: 'k',
    algorithm: 'EdDSA',
    publicJwk: JSON.stringify(agencyKey.publicJwk),
    status: 'active',
    revokedAt: null,
  };

  it('hold over the row sealed, and break when any field changes', async () => {
    const seal = await sealKey(row, sealing!);
    await expect(sealHolds({ ...row, seal }, [sealing!])).resolves.toBe(true);
    await expect(sealHolds({ ...row, status: 'revoked', seal }, [sealing!])).resolves.toBe(false);
    const other = JSON.stringify(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }));
    await expect(sealHolds({ ...row, publicJwk: other, seal }, [sealing!])).resolves.toBe(false);
    await expect(sealHolds({ ...row, seal: 'garbage' }, [sealing!])).resolves.toBe(false);
    const [otherInstallation] = registrySealingKeys([{ id: 'k1', secretKey: new Uint8Array(randomBytes(32)) }]);
    await expect(sealHolds({ ...row, seal }, [otherInstallation!])).resolves.toBe(false);
  });
});
