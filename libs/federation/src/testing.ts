import {
  generateInstallationKeys,
  partnerFromJwks,
  publishedKeys,
  type InstallationKeys,
  type PartnerKeys,
} from './installation-keys';
import type { FederationMessage } from './message';

/**
 * Fakes for tests: installations with fresh keys, each knowing the others as partners through the
 * keys they publish (as the directory will carry them).
 */
export interface TestInstallation {
  readonly keys: InstallationKeys;
  readonly published: PartnerKeys;
}

export async function testInstallation(id: string): Promise<TestInstallation> {
  const keys = await generateInstallationKeys(id);
  const read = await partnerFromJwks(id, publishedKeys(keys));
  if (!read.ok) throw new Error(read.problem);
  return { keys, published: read.partner };
}

export const partnersOf = (...installations: TestInstallation[]): Map<string, PartnerKeys> =>
  new Map(installations.map((i) => [i.keys.installation, i.published]));

export const testMessage = (overrides: Partial<FederationMessage> = {}): FederationMessage => ({
  from: 'gr',
  to: 'it',
  messageId: 'msg-1',
  processId: 'mla-2026-0001',
  sequence: 1,
  kind: 'mla.transmitted',
  body: { stage: 'transmitted', deadline: '2026-03-01T00:00:00.000Z' },
  sentAt: '2026-01-10T09:00:00.000Z',
  ...overrides,
});
