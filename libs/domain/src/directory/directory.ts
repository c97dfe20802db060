import { z } from 'zod';
import { DocumentKinds, DOCUMENTS_FACT, type AttachedDocument } from '../documents/documents';
import { legalBases } from '../legal-basis/legal-basis.table';
import { awaitedBinding } from '../model/parties';
import { jwkThumbprint, publicKeyProblem } from './installation-key';
import type { ProcessDefinition } from '../model/process-definition';
import type { ProcessSnapshot } from '../model/process-state';
import { processTypes } from '../processes/process-registry';

/**
 * The directory of competent authorities (docs/directory.md): per state, which authority is
 * competent for which process type under which instrument, the languages it accepts, how it is
 * reached, whom to contact, and what a request to it must carry. Modelled on the UNODC directory of
 * competent national authorities and the EJN Judicial Atlas. Pure data and pure functions: the API
 * keeps its versions, starting a process resolves an authority from it, and sending a request is
 * checked against the requirements of the authority it goes to.
 */

/** How an authority is reached: through Comity (its agency channel), or outside it. */
export const DirectoryChannels = ['comity', 'email', 'post', 'diplomatic'] as const;
export type DirectoryChannel = (typeof DirectoryChannels)[number];

/** What a requirement asks a request to carry before it is sent. */
export const RequirementKinds = ['translation', 'document'] as const;

/** An authority's id: the agency id it has in Comity when reached through it (it names topics). */
export const authorityId = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, 'lower-case letters, digits and hyphens, 1–64 characters');

const language = z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as fr');
const processType = z.enum(processTypes as [string, ...string[]]);
const legalBasis = z
  .string()
  .refine((id) => id in legalBases, 'a legal basis Comity knows (GET /api/v1/process-types)');
const text = (max: number) => z.string().trim().min(1).max(max);

/** Which processes a competence or a requirement concerns: these types, under these instruments (all when absent). */
const scope = {
  processTypes: z.array(processType).min(1).optional(),
  legalBases: z.array(legalBasis).min(1).optional(),
};

const requirement = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'lower-case letters, digits and hyphens'),
    kind: z.enum(RequirementKinds),
    /** For `document`: the kind of document the request must carry (e.g. a certified copy). */
    documentKind: z.enum(DocumentKinds).optional(),
    description: text(500),
    ...scope,
  })
  .strict()
  .refine((r) => r.kind !== 'document' || r.documentKind !== undefined, {
    message: 'a document requirement names its documentKind',
    path: ['documentKind'],
  });
export type DirectoryRequirement = z.infer<typeof requirement>;

const authority = z
  .object({
    id: authorityId,
    name: text(200),
    /** What it is competent for: process types (at least one), instruments, and measures in words. */
    competences: z.array(z.object({ ...scope, measures: z.array(text(120)).max(50).optional() }).strict()).min(1),
    /** The languages a request to it may be in (or translated into), in order of preference. */
    languages: z.array(language).min(1).max(20),
    channels: z
      .array(z.object({ kind: z.enum(DirectoryChannels), address: text(300).optional() }).strict())
      .min(1)
      .max(10),
    contacts: z
      .array(
        z
          .object({
            name: text(200),
            role: text(200).optional(),
            email: z.email().optional(),
            phone: z
              .string()
              .regex(/^\+?[0-9 ()-]{5,30}$/, 'a telephone number such as +33 1 23 45 67 89')
              .optional(),
          })
          .strict(),
      )
      .max(20)
      .default([]),
    requirements: z.array(requirement).max(50).default([]),
  })
  .strict();
export type DirectoryAuthority = z.infer<typeof authority>;

const base64url = (length: number) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${length}}$`), `${length} base64url characters`);

/**
 * A public key an installation publishes (JWK, RFC 7517): Ed25519 to verify what it signs, X25519
 * to encrypt to it. Never a private one (`d` is refused, as every unknown member is). The key must
 * be one the gateway can use (`publicKeyProblem`), named by its RFC 7638 thumbprint, so that a key
 * cannot be listed under another key's id.
 */
const installationKey = z
  .discriminatedUnion('crv', [
    z
      .object({
        kty: z.literal('OKP'),
        crv: z.literal('Ed25519'),
        x: base64url(43),
        kid: base64url(43),
        use: z.literal('sig'),
        alg: z.literal('EdDSA').optional(),
      })
      .strict(),
    z
      .object({
        kty: z.literal('OKP'),
        crv: z.literal('X25519'),
        x: base64url(43),
        kid: base64url(43),
        use: z.literal('enc'),
        alg: z.literal('ECDH-ES+A256KW').optional(),
      })
      .strict(),
  ])
  .superRefine((key, ctx) => {
    const problem = publicKeyProblem(key);
    if (problem) ctx.addIssue({ code: 'custom', path: ['x'], message: `x: ${problem}` });
    else if (key.kid !== jwkThumbprint(key))
      ctx.addIssue({
        code: 'custom',
        path: ['kid'],
        message: "kid: the key's RFC 7638 thumbprint (SHA-256, base64url)",
      });
  });
export type InstallationKey = z.infer<typeof installationKey>;

/**
 * The Comity installation that serves a state, when it runs its own (docs/federation.md): how this
 * installation's gateway reaches it (its HTTPS endpoint and the SHA-256 of the TLS certificate it
 * presents, pinned: mutual TLS without a shared CA) and the keys its envelopes are signed with and
 * encrypted to.
 */
const installation = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, 'lower-case letters, digits and hyphens, 1–40 characters'),
    endpoint: z
      .url({ protocol: /^https$/ })
      .max(300)
      .describe('the base URL of its gateway, https only'),
    tlsCertificateSha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the DER certificate, 64 lower-case hex digits'),
    keys: z
      .array(installationKey)
      .min(2)
      .max(10)
      .refine((keys) => keys.some((k) => k.use === 'sig') && keys.some((k) => k.use === 'enc'), {
        message: 'at least one signing (Ed25519, use sig) and one encryption key (X25519, use enc)',
      })
      .refine((keys) => new Set(keys.map((k) => k.kid)).size === keys.length, { message: 'each kid once' }),
  })
  .strict();
export type DirectoryInstallation = z.infer<typeof installation>;

const stateEntry = z
  .object({
    code: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code such as LY'),
    name: text(120),
    authorities: z.array(authority).max(200),
    /** The state's own Comity installation, when it runs one and exchanges with this one. */
    installation: installation.optional(),
  })
  .strict();

/** A directory as imported and exported (JSON): the states and their authorities. */
export const directoryContent = z
  .object({ states: z.array(stateEntry).max(300) })
  .strict()
  .superRefine(({ states }, ctx) => {
    const seenStates = new Set<string>();
    const seenAuthorities = new Set<string>();
    const installations = new Map<string, string>();
    states.forEach((state, s) => {
      if (state.installation) {
        const { id } = state.installation;
        const same = JSON.stringify(state.installation);
        if (installations.has(id) && installations.get(id) !== same) {
          ctx.addIssue({
            code: 'custom',
            path: ['states', s, 'installation'],
            message: `installation ${id} is listed otherwise for another state: one installation, one entry`,
          });
        }
        installations.set(id, same);
      }
      if (seenStates.has(state.code)) {
        ctx.addIssue({ code: 'custom', path: ['states', s, 'code'], message: `state ${state.code} is listed twice` });
      }
      seenStates.add(state.code);
      state.authorities.forEach((a, i) => {
        if (seenAuthorities.has(a.id)) {
          ctx.addIssue({
            code: 'custom',
            path: ['states', s, 'authorities', i, 'id'],
            message: `authority ${a.id} is listed twice`,
          });
        }
        seenAuthorities.add(a.id);
        const ids = a.requirements.map((r) => r.id);
        ids.forEach((id, r) => {
          if (ids.indexOf(id) !== r) {
            ctx.addIssue({
              code: 'custom',
              path: ['states', s, 'authorities', i, 'requirements', r, 'id'],
              message: `requirement ${id} is listed twice`,
            });
          }
        });
      });
    });
  });
export type DirectoryContent = z.infer<typeof directoryContent>;

const inScope = (
  s: { processTypes?: readonly string[]; legalBases?: readonly string[] },
  type: string,
  basis: string,
) => (!s.processTypes || s.processTypes.includes(type)) && (!s.legalBases || s.legalBases.includes(basis));

/** The partner installations the directory lists: each with the states it serves. */
export function partnerInstallations(
  directory: DirectoryContent,
): (DirectoryInstallation & { readonly states: readonly string[] })[] {
  const byId = new Map<string, DirectoryInstallation & { states: string[] }>();
  for (const state of directory.states) {
    if (!state.installation) continue;
    const known = byId.get(state.installation.id);
    if (known) known.states.push(state.code);
    else byId.set(state.installation.id, { ...state.installation, states: [state.code] });
  }
  return [...byId.values()];
}

/** The state's entry, or undefined when the directory does not cover it. */
export const stateOf = (directory: DirectoryContent, code: string) => directory.states.find((s) => s.code === code);

/** The authority with this id, and its state's code. */
export function findAuthority(
  directory: DirectoryContent,
  id: string,
): { readonly state: string; readonly authority: DirectoryAuthority } | undefined {
  for (const state of directory.states) {
    const authority = state.authorities.find((a) => a.id === id);
    if (authority) return { state: state.code, authority };
  }
  return undefined;
}

/** The authorities of a state competent for a process type under an instrument, in the directory's order. */
export function competentAuthorities(
  directory: DirectoryContent,
  state: string,
  type: string,
  basis: string,
): DirectoryAuthority[] {
  return (stateOf(directory, state)?.authorities ?? []).filter((a) =>
    a.competences.some((c) => inScope(c, type, basis)),
  );
}

/** What a request of this type, under this instrument, must carry to go to the authority. */
export const requirementsFor = (authority: DirectoryAuthority, type: string, basis: string): DirectoryRequirement[] =>
  authority.requirements.filter((r) => inScope(r, type, basis));

/** A document the process carries, as the requirements read it. */
export type CarriedDocument = Pick<AttachedDocument, 'kind'> & { readonly language?: string };

/**
 * The requirements the documents a process carries do not meet: a translation into one of the
 * authority's languages, a document of the kind named.
 */
export function unmetRequirements(
  authority: DirectoryAuthority,
  requirements: readonly DirectoryRequirement[],
  documents: readonly CarriedDocument[],
): DirectoryRequirement[] {
  return requirements.filter((r) =>
    r.kind === 'translation'
      ? !documents.some(
          (d) => d.kind === 'translation' && d.language !== undefined && authority.languages.includes(d.language),
        )
      : !documents.some((d) => d.kind === r.documentKind),
  );
}

/** A requirement a request does not meet, and the authority that sets it. */
export interface UnmetRequirement {
  readonly authority: string;
  readonly requirement: DirectoryRequirement;
}

/**
 * The requirements an action would leave unmet by sending the request: an action sends when it
 * moves the process into a stage that awaits a party the stage it leaves does not await; the
 * authority bound to that party sets what the request must carry (a party not in the directory
 * sets nothing).
 */
export function unmetOnSending(
  definition: ProcessDefinition,
  process: Pick<ProcessSnapshot, 'stage' | 'parties' | 'legalBasis' | 'type' | 'facts'>,
  action: string,
  directory: DirectoryContent,
): UnmetRequirement[] {
  const target = definition.actions[action]?.to;
  const awaited = target ? definition.states[target]?.awaiting : undefined;
  if (!awaited || definition.states[process.stage]?.awaiting === awaited) return [];
  const binding = awaitedBinding(definition, process.parties, awaited);
  const found = binding ? findAuthority(directory, binding.agencyId) : undefined;
  if (!found) return [];
  const documents = (process.facts[DOCUMENTS_FACT] as readonly CarriedDocument[] | undefined) ?? [];
  const requirements = requirementsFor(found.authority, process.type, process.legalBasis);
  return unmetRequirements(found.authority, requirements, documents).map((requirement) => ({
    authority: found.authority.id,
    requirement,
  }));
}
