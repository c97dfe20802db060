import { directoryContent, partnerInstallations, type DirectoryContent } from '@comity/domain';
import { partnerFromJwks, type PartnerKeys, type PartnerLookup } from '@comity/federation';
import { log } from '@comity/observability';
import type { DirectoryVersions } from '@comity/persistence';

/** A partner installation as the directory in force lists it, its keys read. */
export interface Partner {
  readonly id: string;
  readonly endpoint: string;
  readonly tlsCertificateSha256: string;
  readonly keys: PartnerKeys;
}

/** The partners of one directory version: by installation id (a PartnerLookup) and by pinned certificate. */
export class PartnerSet implements PartnerLookup {
  private readonly byId: ReadonlyMap<string, Partner>;
  private readonly byPin: ReadonlyMap<string, Partner>;

  constructor(
    readonly directoryVersion: number,
    partners: readonly Partner[],
  ) {
    this.byId = new Map(partners.map((p) => [p.id, p]));
    this.byPin = new Map(partners.map((p) => [p.tlsCertificateSha256, p]));
  }

  get(installation: string): PartnerKeys | undefined {
    return this.byId.get(installation)?.keys;
  }

  partner(installation: string): Partner | undefined {
    return this.byId.get(installation);
  }

  /** The partner whose gateway presents this certificate (SHA-256 of its DER bytes). */
  byCertificate(sha256: string): Partner | undefined {
    return this.byPin.get(sha256);
  }
}

/** How long a read of the directory is used before the gateway reads it again. */
const REFRESH_MS = 1_000;

/**
 * The partner installations of the directory in force (docs/directory.md, "Partner
 * installations"), read again after each import: who this gateway accepts envelopes from, whose
 * certificates it pins, where it sends. An entry whose keys do not read is left out, logged.
 */
export class PartnerDirectory {
  private cached: { at: number; set: PartnerSet } | undefined;

  constructor(
    private readonly versions: DirectoryVersions,
    private readonly self: string,
    private readonly clock: () => number = Date.now,
  ) {}

  async current(): Promise<PartnerSet> {
    const now = this.clock();
    if (this.cached && now - this.cached.at < REFRESH_MS) return this.cached.set;
    const set = await this.read();
    this.cached = { at: now, set };
    return set;
  }

  private async read(): Promise<PartnerSet> {
    const version = await this.versions.current();
    if (!version) return new PartnerSet(0, []);
    if (this.cached?.set.directoryVersion === version.version) return this.cached.set;
    const partners: Partner[] = [];
    for (const entry of partnerInstallations(readableStates(version.version, version.content))) {
      if (entry.id === this.self) continue;
      const keys = await partnerFromJwks(entry.id, { keys: entry.keys });
      if (!keys.ok) {
        log.warn('a partner installation is left out: its keys do not read', {
          partner: entry.id,
          problem: keys.problem,
        });
        continue;
      }
      partners.push({
        id: entry.id,
        endpoint: entry.endpoint,
        tlsCertificateSha256: entry.tlsCertificateSha256,
        keys: keys.partner,
      });
    }
    return new PartnerSet(version.version, partners);
  }
}

/**
 * The directory version as it reads today. A version imported before a stricter rule (a key the
 * import then allowed) is read state by state, each that no longer reads left out and logged, so
 * one bad entry does not cost every partner.
 */
function readableStates(version: number, stored: unknown): DirectoryContent {
  const whole = directoryContent.safeParse(stored);
  if (whole.success) return whole.data;
  const states = (stored as { states?: unknown } | null)?.states;
  const kept = (Array.isArray(states) ? states : []).flatMap((state: unknown) => {
    const one = directoryContent.safeParse({ states: [state] });
    if (one.success) return one.data.states;
    log.warn('a state of the directory in force does not read: its installation is left out', {
      version,
      state: (state as { code?: unknown } | null)?.code,
      problem: one.error.issues[0]?.message,
    });
    return [];
  });
  return { states: kept };
}
