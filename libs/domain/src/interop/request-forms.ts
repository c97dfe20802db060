import type { Offence } from '../model/offence';
import type { PartyBinding } from '../model/process-definition';

/**
 * A Comity request in the shape of the forms other systems read (docs/federation.md,
 * "Interoperability"): the European Investigation Order's Annex A (Directive 2014/41/EU), which
 * e-CODEX carries between EU member states, and the UNODC Mutual Legal Assistance Request Writer
 * Tool's request. What Comity does not hold is listed as missing, each naming the form's field and
 * where Comity would take it from; nothing is invented.
 */
export const RequestForms = ['eio-annex-a', 'unodc-mla'] as const;
export type RequestForm = (typeof RequestForms)[number];

/** What a request form is filled from: the process, its start data, its documents and its authorities. */
export interface RequestFacts {
  readonly processId: string;
  readonly legalBasis: string;
  readonly priority: string;
  readonly parties: Readonly<Record<string, PartyBinding>>;
  readonly offence?: Offence;
  /** The start request's `data`: read are `summary`, `measures`, `persons`, `legalClassification`, `formalities`. */
  readonly data: Readonly<Record<string, unknown>>;
  /** The language the request was translated into (the translation recorded). */
  readonly translation?: string;
  readonly documents: readonly { readonly kind: string; readonly language?: string; readonly sha256: string }[];
  readonly deadlines: readonly { readonly label: string; readonly dueAt: string; readonly status: string }[];
  /** The parties' authorities as the directory names them, by slot. */
  readonly authorities: Readonly<Record<string, { readonly name: string; readonly contacts: readonly unknown[] }>>;
}

export interface FilledForm {
  readonly form: RequestForm;
  readonly processId: string;
  /** The form's sections (or fields), as filled. */
  readonly sections: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** What the form asks that the process does not hold: `<section>: <field> (<where Comity takes it from>)`. */
  readonly missing: readonly string[];
}

/**
 * The EIO's Annex D categories the offences correspond to (for which double criminality is not
 * checked, art. 11(1)(g)); `other` and obstruction of justice have none.
 */
export const ANNEX_D_CATEGORY: Readonly<Partial<Record<Offence, string>>> = {
  'migrant-smuggling': 'facilitation of unauthorised entry and residence',
  'trafficking-in-persons': 'trafficking in human beings',
  'money-laundering': 'laundering of the proceeds of crime',
  'document-fraud': 'forgery of administrative documents and trafficking therein',
  'participation-in-organized-criminal-group': 'participation in a criminal organisation',
  corruption: 'corruption',
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;
const list = (value: unknown): readonly unknown[] | undefined =>
  Array.isArray(value) && value.length ? value : typeof value === 'string' && value.trim() ? [value.trim()] : undefined;

/** Fills a section's fields, listing each one the process does not hold as missing. */
function section(
  name: string,
  fields: Readonly<Record<string, { readonly value: unknown; readonly from: string }>>,
  missing: string[],
): Record<string, unknown> {
  const filled: Record<string, unknown> = {};
  for (const [field, { value, from }] of Object.entries(fields)) {
    if (value === undefined) missing.push(`${name}: ${field} (${from})`);
    else filled[field] = value;
  }
  return filled;
}

const urgent = (facts: RequestFacts) => facts.priority === 'urgent' || facts.priority === 'high';
const running = (facts: RequestFacts) =>
  facts.deadlines.filter((d) => d.status === 'running').map(({ label, dueAt }) => ({ label, dueAt }));

/** The EIO form (Annex A of Directive 2014/41/EU), sections A to K, for a process's request. */
export function eioAnnexA(facts: RequestFacts): FilledForm {
  const missing: string[] = [];
  const { requesting, requested } = facts.parties;
  const issuer = facts.authorities['requesting'];
  const offence = facts.offence;
  const sections = {
    A: section(
      'A',
      {
        issuingState: { value: requesting?.state, from: 'parties.requesting.state' },
        executingState: { value: requested?.state, from: 'parties.requested.state' },
      },
      missing,
    ),
    B: {
      urgent: urgent(facts),
      ...(urgent(facts) ? { deadlines: running(facts) } : {}),
    },
    C: section('C', { investigativeMeasures: { value: list(facts.data['measures']), from: 'data.measures' } }, missing),
    E: section('E', { personsConcerned: { value: list(facts.data['persons']), from: 'data.persons' } }, missing),
    F: { proceedings: 'criminal proceedings brought by a judicial authority (art. 4(a))' },
    G: section(
      'G',
      {
        summaryOfFacts: { value: text(facts.data['summary']), from: 'data.summary' },
        natureAndLegalClassification: {
          value: text(facts.data['legalClassification']),
          from: 'data.legalClassification',
        },
        annexDCategory: {
          value: offence ? (ANNEX_D_CATEGORY[offence] ?? 'none (double criminality may be checked)') : undefined,
          from: 'offence',
        },
      },
      missing,
    ),
    I: { formalities: text(facts.data['formalities']) ?? 'none requested' },
    K: section(
      'K',
      {
        issuingAuthority: {
          value: requesting ? { agencyId: requesting.agencyId, ...(issuer ? { name: issuer.name } : {}) } : undefined,
          from: 'parties.requesting',
        },
        contacts: { value: issuer?.contacts.length ? issuer.contacts : undefined, from: 'the directory: its contacts' },
      },
      missing,
    ),
    annexes: {
      translation: facts.translation ?? null,
      documents: facts.documents.map(({ kind, language, sha256 }) => ({
        kind,
        sha256,
        ...(language ? { language } : {}),
      })),
    },
  };
  return { form: 'eio-annex-a', processId: facts.processId, sections, missing };
}

/** The UNODC MLA Request Writer Tool's request, its main headings, for a process's request. */
export function unodcMla(facts: RequestFacts): FilledForm {
  const missing: string[] = [];
  const { requesting, requested } = facts.parties;
  const sections = {
    parties: section(
      'parties',
      {
        requestingState: { value: requesting?.state, from: 'parties.requesting.state' },
        requestingAuthority: {
          value: facts.authorities['requesting']?.name ?? requesting?.agencyId,
          from: 'parties.requesting',
        },
        requestedState: { value: requested?.state, from: 'parties.requested.state' },
        requestedCentralAuthority: {
          value: facts.authorities['requested']?.name ?? requested?.agencyId,
          from: 'parties.requested',
        },
      },
      missing,
    ),
    legalBasis: { instrument: facts.legalBasis },
    urgency: { urgent: urgent(facts), ...(urgent(facts) ? { timeLimits: running(facts) } : {}) },
    facts: section(
      'facts',
      {
        summary: { value: text(facts.data['summary']), from: 'data.summary' },
        offences: { value: facts.offence, from: 'offence' },
        legalClassification: { value: text(facts.data['legalClassification']), from: 'data.legalClassification' },
      },
      missing,
    ),
    assistanceRequested: section(
      'assistanceRequested',
      { measures: { value: list(facts.data['measures']), from: 'data.measures' } },
      missing,
    ),
    persons: section('persons', { concerned: { value: list(facts.data['persons']), from: 'data.persons' } }, missing),
    procedures: { toBeFollowed: text(facts.data['formalities']) ?? 'none requested' },
    language: { translation: facts.translation ?? null },
    attachments: {
      documents: facts.documents.map(({ kind, language }) => ({ kind, ...(language ? { language } : {}) })),
    },
  };
  return { form: 'unodc-mla', processId: facts.processId, sections, missing };
}

export const fillRequestForm = (form: RequestForm, facts: RequestFacts): FilledForm =>
  form === 'eio-annex-a' ? eioAnnexA(facts) : unodcMla(facts);
