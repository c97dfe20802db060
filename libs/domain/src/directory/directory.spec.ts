import { createHash, generateKeyPairSync } from 'node:crypto';
import { ED25519_TORSION_SUBGROUP, ed25519, x25519 } from '@noble/curves/ed25519.js';
import { definitionOf } from '../processes/process-registry';
import {
  competentAuthorities,
  partnerInstallations,
  directoryContent,
  unmetOnSending,
  unmetRequirements,
  type DirectoryContent,
} from './directory';
import { jwkThumbprint, publicKeyProblem } from './installation-key';

/** A public key as an installation publishes it, named by its RFC 7638 thumbprint (computed by Node). */
function publishedKey(type: 'ed25519' | 'x25519', use: 'sig' | 'enc') {
  const { crv, x } = generateKeyPairSync(type as 'ed25519').publicKey.export({ format: 'jwk' });
  const kid = createHash('sha256').update(`{"crv":"${crv}","kty":"OKP","x":"${x}"}`).digest('base64url');
  return { kty: 'OKP', crv: crv as string, x: x as string, kid, use };
}

const directory: DirectoryContent = directoryContent.parse({
  states: [
    {
      code: 'LY',
      name: 'Libya',
      authorities: [
        {
          id: 'ly-attorney-general',
          name: 'Attorney General',
          competences: [{ processTypes: ['mla'], legalBases: ['UNTOC'] }],
          languages: ['ar'],
          channels: [{ kind: 'comity' }],
          requirements: [
            { id: 'arabic', kind: 'translation', description: 'into Arabic' },
            {
              id: 'copy',
              kind: 'document',
              documentKind: 'certified-copy',
              description: 'a certified copy',
              legalBases: ['EU-EIO'],
            },
          ],
        },
        {
          id: 'ly-police',
          name: 'Police',
          competences: [{ processTypes: ['law-enforcement-exchange'] }],
          languages: ['ar'],
          channels: [{ kind: 'email' }],
        },
      ],
    },
  ],
});
const [attorney] = directory.states[0]!.authorities;

describe('the directory of competent authorities', () => {
  it('names the authorities competent for a type under an instrument, and no other', () => {
    expect(competentAuthorities(directory, 'LY', 'mla', 'UNTOC').map((a) => a.id)).toEqual(['ly-attorney-general']);
    expect(competentAuthorities(directory, 'LY', 'mla', 'ECE')).toEqual([]);
    expect(competentAuthorities(directory, 'TN', 'mla', 'UNTOC')).toEqual([]);
  });

  it('refuses what would make it ambiguous or unreadable, naming the place', () => {
    const twice = directoryContent.safeParse({ states: [directory.states[0], directory.states[0]] });
    expect(twice.success).toBe(false);
    expect(twice.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual(
      expect.arrayContaining([
        'states.1.code: state LY is listed twice',
        'states.1.authorities.0.id: authority ly-attorney-general is listed twice',
      ]),
    );
    const unknownType = directoryContent.safeParse({
      states: [{ code: 'LY', name: 'Libya', authorities: [{ ...attorney, competences: [{ processTypes: ['tea'] }] }] }],
    });
    expect(unknownType.error?.issues[0]?.path.join('.')).toBe('states.0.authorities.0.competences.0.processTypes.0');
  });

  it('meets a translation requirement only with a translation into a language the authority accepts', () => {
    const required = attorney!.requirements.filter((r) => r.id === 'arabic');
    expect(unmetRequirements(attorney!, required, [])).toHaveLength(1);
    expect(unmetRequirements(attorney!, required, [{ kind: 'translation', language: 'fr' }])).toHaveLength(1);
    expect(unmetRequirements(attorney!, required, [{ kind: 'evidence', language: 'ar' }])).toHaveLength(1);
    expect(unmetRequirements(attorney!, required, [{ kind: 'translation', language: 'ar' }])).toEqual([]);
  });

  it('checks only the action that sends the request to the authority, under the instruments its requirements name', () => {
    const mla = definitionOf('mla');
    const process = {
      stage: 'ca-review',
      type: 'mla',
      legalBasis: 'UNTOC',
      parties: {
        requesting: { agencyId: 'it-ministry-of-justice', state: 'IT' },
        requested: { agencyId: 'ly-attorney-general', state: 'LY' },
      },
      facts: {},
    };
    expect(unmetOnSending(mla, process, 'transmit', directory).map((u) => u.requirement.id)).toEqual(['arabic']);
    expect(unmetOnSending(mla, process, 'record-translation', directory)).toEqual([]);
    expect(unmetOnSending(mla, { ...process, stage: 'transmitted' }, 'acknowledge', directory)).toEqual([]);
    const elsewhere = {
      ...process,
      parties: { ...process.parties, requested: { agencyId: 'eg-prosecution', state: 'EG' } },
    };
    expect(unmetOnSending(mla, elsewhere, 'transmit', directory)).toEqual([]);
  });
});

describe('a partner installation in the directory', () => {
  const sig = publishedKey('ed25519', 'sig');
  const enc = publishedKey('x25519', 'enc');
  const turkey = {
    id: 'comity-tr',
    endpoint: 'https://comity.adalet.example.tr:8443',
    tlsCertificateSha256: 'c'.repeat(64),
    keys: [sig, enc],
  };
  const state = (code: string, installation: unknown) => ({ code, name: code, authorities: [], installation });
  const issues = (content: unknown) =>
    directoryContent.safeParse(content).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('lists each installation once, with the states it serves', () => {
    const parsed = directoryContent.parse({
      states: [state('TR', turkey), state('CY', turkey), state('GR', undefined)],
    });
    expect(partnerInstallations(parsed)).toEqual([{ ...turkey, states: ['TR', 'CY'] }]);
  });

  it.each([
    ['a private key', { ...turkey, keys: [{ ...sig, d: 'C'.repeat(43) }, enc] }, /states\.0\.installation\.keys\.0/],
    ['an endpoint that is not https', { ...turkey, endpoint: 'http://comity.example.tr' }, /installation\.endpoint/],
    ['no encryption key', { ...turkey, keys: [sig, publishedKey('ed25519', 'sig')] }, /one encryption key/],
    ['a key twice', { ...turkey, keys: [sig, enc, sig] }, /each kid once/],
    ['a kid that is a name', { ...turkey, keys: [{ ...sig, kid: 'tr-sig-1' }, enc] }, /keys\.0\.kid: .*43 base64url/],
    [
      'a key under the id of another',
      { ...turkey, keys: [sig, { ...enc, kid: sig.kid }] },
      /keys\.1\.kid: kid: .*RFC 7638/,
    ],
    ['a P-256 key used to sign', { ...turkey, keys: [{ ...sig, kty: 'EC', crv: 'P-256' }, enc] }, /keys\.0/],
    ['a certificate hash in capitals', { ...turkey, tlsCertificateSha256: 'C'.repeat(64) }, /tlsCertificateSha256/],
  ])('refuses %s, naming the place', (_, installation, place) => {
    expect(issues({ states: [state('TR', installation)] }).join('\n')).toMatch(place);
  });

  it('refuses one installation listed otherwise for two states', () => {
    const other = { ...turkey, endpoint: 'https://elsewhere.example.cy' };
    expect(issues({ states: [state('TR', turkey), state('CY', other)] })).toEqual([
      'states.1.installation: installation comity-tr is listed otherwise for another state: one installation, one entry',
    ]);
  });
});

describe('an installation key the gateway can use', () => {
  const P = 2n ** 255n - 19n;
  const bytes = (n: bigint) => Uint8Array.from({ length: 32 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
  const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');
  const named = (crv: 'Ed25519' | 'X25519', x: string, use: 'sig' | 'enc') => ({
    kty: 'OKP',
    crv,
    x,
    kid: jwkThumbprint({ crv, x }),
    use,
  });
  const keyIssues = (key: object) =>
    directoryContent
      .safeParse({
        states: [
          {
            code: 'TR',
            name: 'TR',
            authorities: [],
            installation: {
              id: 'comity-tr',
              endpoint: 'https://comity.example.tr',
              tlsCertificateSha256: 'c'.repeat(64),
              keys: [publishedKey('ed25519', 'sig'), publishedKey('x25519', 'enc'), key],
            },
          },
        ],
      })
      .error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

  it('names a key by the thumbprint Node computes', () => {
    for (const type of ['ed25519', 'x25519'] as const) {
      const key = publishedKey(type, type === 'ed25519' ? 'sig' : 'enc');
      expect(jwkThumbprint(key as { crv: 'Ed25519' | 'X25519'; x: string })).toBe(key.kid);
      expect(keyIssues(key)).toEqual([]);
    }
  });

  // The eight points of small order (the identity among them), and a real key plus one of order 8.
  const smallOrder = ED25519_TORSION_SUBGROUP.map((hex) => ed25519.Point.fromHex(hex));
  const order8 = smallOrder.find((p) => !p.double().double().is0()) as (typeof smallOrder)[number];
  const real = ed25519.Point.fromBytes(Buffer.from(publishedKey('ed25519', 'sig').x, 'base64url'), false);
  it.each<[string, Uint8Array, string]>([
    ...smallOrder.map((p, i): [string, Uint8Array, string] => [
      `the point of small order #${i}`,
      p.toBytes(),
      'not an Ed25519 point of full order',
    ]),
    ['a real key plus a point of order 8', real.add(order8).toBytes(), 'not an Ed25519 point of full order'],
    ['y = p, a second encoding of y = 0', bytes(P), 'not an Ed25519 point'],
  ])('refuses an Ed25519 key that is %s', (_, x, problem) => {
    expect(keyIssues(named('Ed25519', b64(x), 'sig'))).toEqual([`states.0.installation.keys.2.x: x: ${problem}`]);
  });

  const uOfOrder8 = [
    325606250916557431795983626356110631294008115727848805560023387167927233504n,
    39382357235489614581723060781553021112529911719440698176882885853963445705823n,
  ];
  it.each<[string, bigint]>([
    ['u = 0', 0n],
    ['u = 1', 1n],
    ['u = p - 1', P - 1n],
    ['u of order 8 (first)', uOfOrder8[0] as bigint],
    ['u of order 8 (second)', uOfOrder8[1] as bigint],
    ['u = p, which stands for 0', P],
    ['u = p + 1, which stands for 1', P + 1n],
    ['u = 0 with the top bit set, which RFC 7748 ignores', 2n ** 255n],
  ])('refuses an X25519 key of low order: %s', (_, u) => {
    // What makes these low order: the key agreement with any private key comes out all zero.
    expect(() => x25519.getSharedSecret(x25519.utils.randomSecretKey(), bytes(u))).toThrow();
    expect(keyIssues(named('X25519', b64(bytes(u)), 'enc'))).toEqual([
      'states.0.installation.keys.2.x: x: an X25519 u-coordinate of low order',
    ]);
  });

  it('accepts an X25519 key of the curve or its twist that is not of low order', () => {
    expect(publicKeyProblem({ crv: 'X25519', x: b64(bytes(9n)) })).toBeUndefined();
    expect(publicKeyProblem({ crv: 'X25519', x: b64(bytes(2n)) })).toBeUndefined();
  });

  it('refuses a second spelling of the same 32 bytes', () => {
    const { x } = publishedKey('x25519', 'enc');
    const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(x.slice(-1));
    const other = x.slice(0, -1) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[last ^ 1];
    expect(Buffer.from(other, 'base64url')).toEqual(Buffer.from(x, 'base64url'));
    expect(publicKeyProblem({ crv: 'X25519', x: other })).toMatch(/43 base64url/);
  });
});
