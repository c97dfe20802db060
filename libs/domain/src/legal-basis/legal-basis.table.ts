import { DomainError, DomainErrorCode } from '../model/domain-error';
import { days, hours } from '../model/duration';
import { own } from '../model/own';
import type { DeadlineRule, LegalBasis } from './legal-basis';

/** The member states of the European Union, between which EU instruments apply. */
export const EU_MEMBER_STATES: readonly string[] = [
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
];

/**
 * The legal bases Comity knows, with the time limits each sets (refusal grounds: refusal-grounds.table.ts). Workflow code
 * never holds a deadline: it asks this table. Figures are the instruments' own where they fix one
 * (ECE art. 16(4): 18/40 days; EIO arts 12: 30 + 30 days to recognise, 90 to execute); where an
 * instrument leaves it to practice (UNTOC), the value is this system's configurable default.
 */
const untoc: LegalBasis = {
  id: 'UNTOC',
  name: 'UN Convention against Transnational Organized Crime (fallback basis)',
  kind: 'convention',
  appliesTo: ['*'],
  languages: ['en', 'fr', 'es', 'ar', 'ru', 'zh'],
  deadlines: {
    translation: { normal: days(14), urgent: days(2), remindBefore: [days(3)] },
    'mla-recognition': { normal: days(30), urgent: days(5), remindBefore: [days(7), days(1)] },
    'mla-execution': { normal: days(120), high: days(60), urgent: days(20), remindBefore: [days(14), days(3)] },
    // 18(26) sets no time to answer a consultation: this system's default.
    'mla-consultation': { normal: days(14), high: days(7), urgent: days(2), remindBefore: [days(3), hours(12)] },
    'provisional-arrest': { normal: days(60), remindBefore: [days(10), days(2)] },
    // The person is held without a title once the limit passes: release is due at once.
    'release-on-expiry': { normal: hours(24), urgent: hours(4), remindBefore: [hours(6)] },
    // 16(10): submit the case "without undue delay" (this system's default).
    'prosecute-instead': { normal: days(30), urgent: days(10), remindBefore: [days(7), days(2)] },
    // 18(19): consent to use evidence for other proceedings, and speciality waivers (this system's default).
    'use-consent': { normal: days(30), urgent: days(5), remindBefore: [days(5)] },
    // Transfer of proceedings (art. 21) and of sentenced persons (art. 17).
    'transfer-consultation': { normal: days(30), urgent: days(7), remindBefore: [days(5)] },
    'transfer-decision': { normal: days(90), high: days(60), urgent: days(30), remindBefore: [days(14), days(3)] },
    'sentenced-person-decision': { normal: days(120), urgent: days(30), remindBefore: [days(14), days(3)] },
    'sentenced-person-handover': { normal: days(30), urgent: days(10), remindBefore: [days(5)] },
    // Controlled delivery (art. 20): authorisations in hours when the consignment is already moving.
    'sit-authorisation': { normal: days(7), high: days(3), urgent: hours(24), remindBefore: [days(1), hours(6)] },
    'sit-operation': { normal: days(30), urgent: days(7), remindBefore: [days(3)] },
    // Police and FIU information (art. 27): 8 hours urgent, 7 days otherwise.
    'le-exchange-answer': { normal: days(7), urgent: hours(8), remindBefore: [days(1), hours(2)] },
    // Domestic task force: member information, FIU money traces, a financial institution's records.
    'taskforce-information': { normal: days(14), urgent: days(2), remindBefore: [days(3)] },
    'money-trace': { normal: days(30), high: days(14), urgent: days(3), remindBefore: [days(5), hours(12)] },
    'institution-records': { normal: days(10), urgent: hours(24), remindBefore: [days(2), hours(6)] },
    // Smuggling of Migrants Protocol arts 13, 16, 18 ("within a reasonable time", "without unreasonable delay").
    'document-verification': { normal: days(14), high: days(7), urgent: hours(48), remindBefore: [days(3), hours(12)] },
    'return-status-verification': { normal: days(30), urgent: days(7), remindBefore: [days(7), days(1)] },
    'return-travel-documents': { normal: days(14), urgent: days(3), remindBefore: [days(3)] },
    'protection-response': { normal: hours(72), urgent: hours(24), remindBefore: [hours(12)] },
    'protection-follow-up': { normal: days(30), remindBefore: [days(5)] },
    // Art. 13(1)-(2): freezing and seizure are provisional measures; urgent requests are counted in hours.
    'freezing-recognition': { normal: days(5), high: days(2), urgent: hours(24), remindBefore: [hours(6)] },
    'freezing-execution': { normal: days(5), high: days(2), urgent: hours(24), remindBefore: [hours(6)] },
    'confiscation-recognition': { normal: days(90), urgent: days(30), remindBefore: [days(14), days(3)] },
    // Art. 19: a joint investigation team is set up for a limited period (configurable default).
    'jit-term': { normal: days(365), remindBefore: [days(60), days(14)] },
  },
};

export const legalBases: Readonly<Record<string, LegalBasis>> = {
  UNTOC: untoc,
  ECE: {
    id: 'ECE',
    name: 'European Convention on Extradition (1957)',
    kind: 'convention',
    appliesTo: ['extradition', 'use-consent'],
    languages: ['en', 'fr'],
    deadlines: {
      // Art. 16(4): release may follow after 18 days and must after 40 without a formal request.
      'provisional-arrest': { normal: days(40), remindBefore: [days(22), days(3)] },
      // Art. 14(1)(a) as amended by the Fourth Additional Protocol: decide on speciality within 90 days.
      'use-consent': { normal: days(90), remindBefore: [days(14)] },
    },
  },
  'BILATERAL-60': {
    id: 'BILATERAL-60',
    name: 'Generic bilateral extradition treaty (60 days provisional arrest)',
    kind: 'treaty',
    appliesTo: ['extradition', 'use-consent'],
    languages: ['en'],
    deadlines: {
      'provisional-arrest': { normal: days(60), remindBefore: [days(10)] },
    },
  },
  'EU-EIO': {
    id: 'EU-EIO',
    name: 'European Investigation Order (Directive 2014/41/EU)',
    kind: 'eu-instrument',
    states: EU_MEMBER_STATES,
    appliesTo: ['mla'],
    languages: ['en', 'fr', 'de', 'es', 'it'],
    deadlines: {
      // Art. 12(3)-(5): recognise within 30 days (extendable by 30), execute within 90 after recognition;
      // art. 12(2): shorter where urgency is shown (here: 24 hours to recognise, as for freezing).
      'mla-recognition': { normal: days(30), urgent: hours(24), remindBefore: [days(5), hours(6)] },
      'mla-execution': { normal: days(90), urgent: days(10), remindBefore: [days(14), days(2)] },
    },
  },
  'EU-2023-977': {
    id: 'EU-2023-977',
    name: 'Information exchange between law enforcement authorities (Directive (EU) 2023/977)',
    kind: 'eu-instrument',
    states: EU_MEMBER_STATES,
    appliesTo: ['law-enforcement-exchange'],
    languages: ['en', 'fr', 'de', 'es', 'it'],
    deadlines: {
      // Art. 5(1): 8 hours for urgent requests for directly accessible information, 3 days for
      // urgent requests for indirectly accessible information, 7 days for all others. The request
      // declares which (start data `accessibility`); urgency is its priority. The base rule serves
      // only the requests started before the declaration was asked for.
      'le-exchange-answer': {
        normal: days(7),
        urgent: hours(8),
        remindBefore: [days(1), hours(2)],
        variants: {
          'directly-accessible': { normal: days(7), urgent: hours(8), remindBefore: [days(1), hours(2)] },
          'indirectly-accessible': { normal: days(7), urgent: days(3), remindBefore: [days(1), hours(2)] },
        },
      },
    },
  },
  'EU-2018-1805': {
    id: 'EU-2018-1805',
    name: 'Mutual recognition of freezing and confiscation orders (Regulation (EU) 2018/1805)',
    kind: 'eu-instrument',
    states: EU_MEMBER_STATES,
    appliesTo: ['asset-confiscation'],
    languages: ['en', 'fr', 'de', 'es', 'it'],
    deadlines: {
      // Art. 9(3)-(4): where immediate freezing is needed, recognition within 48 hours of receipt and
      // concrete measures within 48 hours of that decision; otherwise "without delay" (default here).
      'freezing-recognition': { normal: days(4), urgent: hours(48), remindBefore: [hours(12)] },
      'freezing-execution': { normal: days(4), urgent: hours(48), remindBefore: [hours(12)] },
      // Art. 20(1): decide on recognition of a confiscation order within 45 days.
      'confiscation-recognition': { normal: days(45), remindBefore: [days(7)] },
    },
  },
  'EU-JIT': {
    id: 'EU-JIT',
    name: 'Joint investigation teams (Framework Decision 2002/465/JHA)',
    kind: 'eu-instrument',
    states: EU_MEMBER_STATES,
    appliesTo: ['joint-investigation'],
    languages: ['en', 'fr', 'de', 'es', 'it'],
    deadlines: {
      // Art. 1(1): set up for a limited period, which may be extended by mutual consent.
      'jit-term': { normal: days(540), remindBefore: [days(60), days(14)] },
    },
  },
};

export const legalBasisIds: readonly string[] = Object.keys(legalBases);

export function legalBasisOf(id: string): LegalBasis {
  const basis = own(legalBases, id);
  if (!basis) {
    throw new DomainError(
      DomainErrorCode.LegalBasisUnknown,
      `unknown legal basis '${id}' (known: ${legalBasisIds.join(', ')})`,
      [`legalBasis: unknown '${id}'`],
    );
  }
  return basis;
}

/** The legal bases that can ground a process type, in the table's order (UNTOC, the fallback, first). */
export function legalBasesFor(processType: string): readonly LegalBasis[] {
  return Object.values(legalBases).filter((b) => b.appliesTo.includes('*') || b.appliesTo.includes(processType));
}

/** Checks a legal basis can ground a process type. */
export function checkLegalBasisApplies(basis: LegalBasis, processType: string): void {
  if (basis.appliesTo.includes('*') || basis.appliesTo.includes(processType)) return;
  throw new DomainError(
    DomainErrorCode.LegalBasisNotApplicable,
    `${basis.id} does not apply to ${processType} processes (it applies to: ${basis.appliesTo.join(', ')})`,
    [`legalBasis: ${basis.id} does not apply to ${processType}`],
  );
}

/** The rule for a deadline key: the basis's own, else UNTOC's. */
export function deadlineRuleOf(basis: LegalBasis, key: string): DeadlineRule | undefined {
  return own(basis.deadlines, key) ?? own(untoc.deadlines, key);
}
