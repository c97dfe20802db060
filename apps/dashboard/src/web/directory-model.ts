import type { DirectoryResource } from './api-types';

/**
 * What the directory page reads of GET /api/v1/directory (docs/directory.md). The contract types
 * the states loosely (the domain checks them when a version is imported); this is the part the page
 * shows, and nothing is checked beyond it.
 */
export interface DirectoryAuthority {
  readonly id: string;
  readonly name: string;
  readonly competences?: readonly {
    readonly processTypes?: readonly string[];
    readonly legalBases?: readonly string[];
    readonly measures?: readonly string[];
  }[];
  readonly languages?: readonly string[];
  readonly channels?: readonly { readonly kind: string; readonly address?: string }[];
  readonly contacts?: readonly {
    readonly name: string;
    readonly role?: string;
    readonly email?: string;
    readonly phone?: string;
  }[];
  readonly requirements?: readonly {
    readonly id: string;
    readonly kind: string;
    readonly documentKind?: string;
    readonly description: string;
  }[];
}

export interface DirectoryState {
  readonly code: string;
  readonly name: string;
  readonly authorities: readonly DirectoryAuthority[];
  /** The state's own Comity installation, when it runs one (docs/directory.md, "Partner installations"). */
  readonly installation?: {
    readonly id: string;
    readonly endpoint: string;
    readonly tlsCertificateSha256: string;
    readonly keys: readonly { readonly kid: string; readonly use: string }[];
  };
}

export type Directory = Omit<DirectoryResource, 'states'> & { readonly states: readonly DirectoryState[] };

export interface DirectoryFilter {
  /** A state's code, or '' for every state. */
  readonly state: string;
  /** Part of an authority's name or id, any case; '' for every authority. */
  readonly text: string;
}

/**
 * The states the filter keeps, each with the authorities it keeps, in the directory's order; a
 * state with none left is left out.
 */
export function filterDirectory(states: readonly DirectoryState[], filter: DirectoryFilter): DirectoryState[] {
  const needle = filter.text.trim().toLocaleLowerCase();
  return states
    .filter((s) => !filter.state || s.code === filter.state)
    .map((s) => ({
      ...s,
      authorities: needle
        ? s.authorities.filter((a) => `${a.name}\n${a.id}`.toLocaleLowerCase().includes(needle))
        : s.authorities,
    }))
    .filter((s) => s.authorities.length > 0);
}
