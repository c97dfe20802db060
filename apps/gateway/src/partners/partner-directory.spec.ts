import { generateInstallationKeys, publishedKeys } from '@comity/federation';
import type { DirectoryVersions } from '@comity/persistence';
import { PartnerDirectory } from './partner-directory';

/** Each state's pinned certificate hash (64 hex digits). */
const pins: Record<string, string> = { TR: 'a1'.repeat(32), IT: 'b2'.repeat(32), CY: 'c3'.repeat(32) };

const state = async (code: string, id: string, tamper?: (key: Record<string, unknown>) => Record<string, unknown>) => {
  const keys = publishedKeys(await generateInstallationKeys(id)).keys as Record<string, unknown>[];
  return {
    code,
    name: code,
    authorities: [],
    installation: {
      id,
      endpoint: `https://${id}.example:8443`,
      tlsCertificateSha256: pins[code]!,
      keys: tamper ? keys.map(tamper) : keys,
    },
  };
};

const versionsOf = (content: unknown) =>
  ({ current: () => Promise.resolve({ version: 3, content }) }) as unknown as DirectoryVersions;

describe('the partners of the directory in force', () => {
  it('are every installation but this one, found by id and by pinned certificate', async () => {
    const partners = await new PartnerDirectory(
      versionsOf({ states: [await state('TR', 'comity-tr'), await state('IT', 'comity-it')] }),
      'comity-it',
    ).current();
    expect(partners.partner('comity-tr')?.endpoint).toBe('https://comity-tr.example:8443');
    expect(partners.byCertificate('a1'.repeat(32))?.id).toBe('comity-tr');
    expect(partners.partner('comity-it')).toBeUndefined();
  });

  it('leave out only the state of a version stored before a stricter rule, not every partner', async () => {
    const stale = await state('CY', 'comity-cy', (key) => ({ ...key, kid: 'not-a-thumbprint' }));
    const partners = await new PartnerDirectory(
      versionsOf({ states: [await state('TR', 'comity-tr'), stale] }),
      'comity-it',
    ).current();
    expect(partners.directoryVersion).toBe(3);
    expect(partners.partner('comity-tr')).toBeDefined();
    expect(partners.partner('comity-cy')).toBeUndefined();
  });
});
