import type { Offence } from '../model/offence';
import { own } from '../model/own';

/** A statement some grounds require a refusal to carry besides its reasons (a payload field). */
export type RefusalStatement = 'nonCoerciveAssistance' | 'beyondFiscal';

/**
 * One ground on which a requested state may refuse, as an instrument words it for one kind of
 * request. The flags are the instrument's own rules about the ground:
 * - `consultFirst`: the requested state must have consulted the requesting one before refusing on
 *   it (UNTOC 18(26) for the grounds of 18(21)); the refusal waits for the answer or its deadline.
 * - `notForListedOffences`: not available when the offence is on the instrument's list (EIO art.
 *   11(2) with Annex D, Reg. 2018/1805 art. 3(1)): dual criminality is not verified for them.
 * - `opens`: refusing on it opens a case obligation of that id (UNTOC 16(10), ECE art. 6(2):
 *   prosecute the national instead); every action taking the ground must lead to that obligation.
 * - `requires`: a statement the refusal must carry besides its reasons (payload field -> what it says).
 */
export interface RefusalGround {
  readonly article: string;
  readonly meaning: string;
  readonly consultFirst?: true;
  readonly notForListedOffences?: true;
  readonly opens?: string;
  readonly requires?: Readonly<Partial<Record<RefusalStatement, string>>>;
}

/** The grounds an instrument permits for one process type, and the rules around refusing at all. */
export interface GroundsOfInstrument {
  /** The article that lists the grounds, e.g. "UNTOC art. 18(21)". */
  readonly article: string;
  readonly grounds: Readonly<Record<string, RefusalGround>>;
  /**
   * Where the instrument bars a refusal solely because the offence involves fiscal matters (UNTOC
   * 16(15), 18(22); EIO art. 11(3)). Reasons that invoke fiscal matters must then also say why the
   * refusal would stand without them (see fiscalOnlyProblem).
   */
  readonly fiscalBar?: string;
  /** Where the instrument asks for consultation before refusing, beyond the grounds marked `consultFirst`. */
  readonly consultation?: string;
}

/**
 * Offences for which EU mutual-recognition instruments do not verify dual criminality when the
 * issuing state punishes them by at least three years (EIO Annex D; Reg. 2018/1805 art. 3(1)):
 * facilitation of unauthorised entry and residence, trafficking in human beings, laundering,
 * forgery of administrative documents, participation in a criminal organisation, corruption.
 * The three-year threshold is not recorded in Comity: a listed offence is taken to meet it.
 */
export const ListedOffences: readonly Offence[] = [
  'migrant-smuggling',
  'trafficking-in-persons',
  'money-laundering',
  'document-fraud',
  'participation-in-organized-criminal-group',
  'corruption',
];

// UNTOC art. 18(21): the only grounds for refusing mutual legal assistance; 18(26): consult first.
const untoc1821: Readonly<Record<string, RefusalGround>> = {
  'not-in-conformity': {
    article: 'UNTOC art. 18(21)(a)',
    meaning: 'The request is not made in conformity with art. 18',
    consultFirst: true,
  },
  'essential-interests': {
    article: 'UNTOC art. 18(21)(b)',
    meaning: 'Execution is likely to prejudice sovereignty, security, ordre public or other essential interests',
    consultFirst: true,
  },
  'domestic-law-prohibits': {
    article: 'UNTOC art. 18(21)(c)',
    meaning: 'Domestic law would prohibit the action requested for a similar domestic offence',
    consultFirst: true,
  },
  'contrary-to-legal-system': {
    article: 'UNTOC art. 18(21)(d)',
    meaning: 'Granting the request would be contrary to the legal system of the requested state',
    consultFirst: true,
  },
};

const untocMla: GroundsOfInstrument = {
  article: 'UNTOC art. 18(9), 18(21)',
  grounds: {
    ...untoc1821,
    'no-dual-criminality': {
      article: 'UNTOC art. 18(9)',
      meaning: 'Absence of dual criminality (the state may still assist to the extent it decides)',
      requires: {
        nonCoerciveAssistance:
          'what assistance not involving coercive action was considered and why it is not given (18(9); cf. UNCAC 46(9)(b))',
      },
    },
  },
  fiscalBar: 'UNTOC art. 18(22)',
  consultation: 'UNTOC art. 18(26)',
};

// UNTOC art. 16: the conditions of domestic law or treaties apply (16(7)); a national may be kept
// if prosecuted instead (16(10)); 16(14) protects against discriminatory prosecution.
const untocExtradition: GroundsOfInstrument = {
  article: 'UNTOC art. 16(7), 16(10), 16(14)',
  grounds: {
    nationality: {
      article: 'UNTOC art. 16(10)',
      meaning: 'The person is a national of the requested state: submit the case for prosecution instead',
      opens: 'prosecute-instead',
    },
    discrimination: {
      article: 'UNTOC art. 16(14)',
      meaning:
        'Substantial grounds to believe the request is made to prosecute or punish on account of sex, race, religion, nationality, ethnic origin or political opinions',
    },
    'political-offence': {
      article: 'UNTOC art. 16(7) (domestic law or treaty)',
      meaning: 'Political offence, where domestic law or the applicable treaty bars it',
    },
    'ne-bis-in-idem': {
      article: 'UNTOC art. 16(7) (domestic law or treaty)',
      meaning: 'Already tried for the same conduct, where domestic law or the applicable treaty bars it',
    },
    'death-penalty': {
      article: 'UNTOC art. 16(7) (domestic law or treaty)',
      meaning: 'Death penalty without sufficient assurances, where domestic law or the applicable treaty bars it',
    },
  },
  fiscalBar: 'UNTOC art. 16(15)',
  consultation: 'UNTOC art. 16(16) (where appropriate)',
};

// Art. 21 leaves the decision to the states ("shall consider the possibility"): the grounds are
// those a transfer of proceedings turns on, coded so the statistics can count them.
const untocTransferOfProceedings: GroundsOfInstrument = {
  article: 'UNTOC art. 21',
  grounds: {
    'not-in-interests-of-justice': {
      article: 'UNTOC art. 21',
      meaning: 'A transfer would not serve the proper administration of justice',
    },
    'no-jurisdiction': {
      article: 'UNTOC art. 21 with art. 15',
      meaning: 'The requested state has no jurisdiction over the offence',
    },
    'ne-bis-in-idem': { article: 'UNTOC art. 21', meaning: 'The person has already been tried for the same conduct' },
    'essential-interests': {
      article: 'UNTOC art. 21',
      meaning: 'Taking over the proceedings would prejudice essential interests of the requested state',
    },
  },
};

// Art. 27: cooperation "consistent with their respective domestic legal and administrative systems".
const untocLawEnforcement: GroundsOfInstrument = {
  article: 'UNTOC art. 27(1)',
  grounds: {
    'not-available': { article: 'UNTOC art. 27(1)', meaning: 'The information is not available to the agency' },
    'domestic-law-prohibits': {
      article: 'UNTOC art. 27(1)',
      meaning: 'Domestic law or administrative rules do not allow the information to be given',
    },
    'essential-interests': {
      article: 'UNTOC art. 27(1)',
      meaning: 'Giving the information would harm essential interests or an investigation',
    },
  },
};

// Art. 13(3): art. 18 applies mutatis mutandis; 13(7): not covered by the Convention.
// The consultation of 18(26) is not modelled for confiscation (docs/legal-review.md): no ground here waits for one.
const withoutConsultation = (grounds: Readonly<Record<string, RefusalGround>>) =>
  Object.fromEntries(Object.entries(grounds).map(([code, { consultFirst: _, ...rule }]) => [code, rule]));

const untocConfiscation: GroundsOfInstrument = {
  article: 'UNTOC art. 13(3), 13(7), 18(9), 18(21)',
  grounds: {
    ...withoutConsultation(untocMla.grounds),
    'not-covered': {
      article: 'UNTOC art. 13(7)',
      meaning: 'The offence to which the request relates is not covered by the Convention',
    },
  },
  fiscalBar: 'UNTOC art. 18(22) (via 13(3))',
};

const eceExtradition: GroundsOfInstrument = {
  article: 'ECE arts 3–11',
  grounds: {
    'political-offence': { article: 'ECE art. 3(1)', meaning: 'Political offence or an offence connected with one' },
    discrimination: {
      article: 'ECE art. 3(2)',
      meaning: 'Request made to prosecute or punish on account of race, religion, nationality or political opinion',
    },
    'military-offence': { article: 'ECE art. 4', meaning: 'Offence under military law only' },
    nationality: {
      article: 'ECE art. 6(1)(a), 6(2)',
      meaning: 'The person is a national of the requested party: submit the case to its competent authorities',
      opens: 'prosecute-instead',
    },
    'pending-proceedings': {
      article: 'ECE art. 8',
      meaning: 'The requested party is proceeding against the person for the same offence',
    },
    'ne-bis-in-idem': { article: 'ECE art. 9', meaning: 'Final judgment in the requested party for the same offence' },
    'lapse-of-time': { article: 'ECE art. 10', meaning: 'Immunity from prosecution or punishment by lapse of time' },
    'death-penalty': {
      article: 'ECE art. 11',
      meaning: 'Death penalty without assurances that it will not be carried out',
    },
  },
};

const bilateralExtradition: GroundsOfInstrument = {
  article: 'the bilateral treaty',
  grounds: {
    'political-offence': { article: 'treaty (political offence)', meaning: 'Political offence' },
    nationality: {
      article: 'treaty (nationality), with UNTOC art. 16(10)',
      meaning: 'The person is a national of the requested state: submit the case for prosecution instead',
      opens: 'prosecute-instead',
    },
    'death-penalty': { article: 'treaty (capital punishment)', meaning: 'Death penalty without sufficient assurances' },
    'ne-bis-in-idem': { article: 'treaty (ne bis in idem)', meaning: 'Already tried for the same conduct' },
  },
  fiscalBar: 'UNTOC art. 16(15) (the treaty is read with the Convention)',
};

const eio: GroundsOfInstrument = {
  article: 'Directive 2014/41/EU art. 11',
  grounds: {
    immunity: { article: 'Dir. 2014/41 art. 11(1)(a)', meaning: 'Immunity or privilege, or rules on press freedom' },
    'national-security': {
      article: 'Dir. 2014/41 art. 11(1)(b)',
      meaning: 'Would harm essential national security interests or a source, or use classified information',
    },
    'not-authorised-domestically': {
      article: 'Dir. 2014/41 art. 11(1)(c)',
      meaning: 'The measure would not be authorised in a similar domestic case (non-criminal proceedings)',
    },
    'ne-bis-in-idem': { article: 'Dir. 2014/41 art. 11(1)(d)', meaning: 'Contrary to ne bis in idem' },
    territoriality: {
      article: 'Dir. 2014/41 art. 11(1)(e)',
      meaning: 'Committed outside the issuing state, wholly or partly in the executing state, and not an offence there',
    },
    'fundamental-rights': {
      article: 'Dir. 2014/41 art. 11(1)(f)',
      meaning: 'Substantial grounds that execution is incompatible with art. 6 TEU and the Charter',
    },
    'no-dual-criminality': {
      article: 'Dir. 2014/41 art. 11(1)(g)',
      meaning: 'The conduct is not an offence in the executing state',
      notForListedOffences: true,
    },
    'measure-restricted': {
      article: 'Dir. 2014/41 art. 11(1)(h)',
      meaning: 'The measure is restricted to a list or category of offences that does not include this one',
    },
  },
  fiscalBar: 'Dir. 2014/41 art. 11(3)',
};

// Arts 8(1) (freezing) and 19(1) (confiscation) list the same grounds in the same order.
const regulation20181805: GroundsOfInstrument = {
  article: 'Regulation (EU) 2018/1805 arts 8(1), 19(1)',
  grounds: {
    'ne-bis-in-idem': { article: 'Reg. 2018/1805 arts 8(1)(a), 19(1)(a)', meaning: 'Contrary to ne bis in idem' },
    immunity: {
      article: 'Reg. 2018/1805 arts 8(1)(b), 19(1)(b)',
      meaning: 'Privilege or immunity, or rules on freedom of the press',
    },
    'certificate-incomplete': {
      article: 'Reg. 2018/1805 arts 8(1)(c), 19(1)(c)',
      meaning: 'The certificate is incomplete or manifestly incorrect and was not completed after consultation',
    },
    'no-dual-criminality': {
      article: 'Reg. 2018/1805 arts 8(1)(d), 19(1)(d)',
      meaning: 'The conduct is not an offence in the executing state',
      notForListedOffences: true,
    },
    territoriality: {
      article: 'Reg. 2018/1805 arts 8(1)(e), 19(1)(g)',
      meaning: 'Committed outside the issuing state, wholly or partly in the executing state, and not an offence there',
    },
    'fundamental-rights': {
      article: 'Reg. 2018/1805 arts 8(1)(f), 19(1)(h)',
      meaning: 'Execution would entail a manifest breach of a fundamental right of the Charter',
    },
  },
  fiscalBar: 'Reg. 2018/1805 art. 8(1)(d), second subparagraph',
};

// Art. 6 of Directive (EU) 2023/977.
const directive2023977: GroundsOfInstrument = {
  article: 'Directive (EU) 2023/977 art. 6(1)',
  grounds: {
    'not-available': { article: 'Dir. 2023/977 art. 6(1)(a)', meaning: 'The information is not available' },
    'not-necessary': {
      article: 'Dir. 2023/977 art. 6(1)(c)',
      meaning: 'Not necessary and proportionate for the purpose stated',
    },
    'minor-offence': {
      article: 'Dir. 2023/977 art. 6(1)(d)',
      meaning: 'The offence is punishable by one year or less',
    },
    'essential-interests': {
      article: 'Dir. 2023/977 art. 6(1)(e)',
      meaning: 'Would harm essential national security interests, an investigation or a person’s safety',
    },
    'judicial-authorisation-refused': {
      article: 'Dir. 2023/977 art. 6(1)(b)',
      meaning: 'A judicial authorisation required by national law was refused',
    },
  },
};

/** Grounds by legal basis and process type: a pair absent here has no coded refusal. */
export const refusalGroundsTable: Readonly<Record<string, Readonly<Record<string, GroundsOfInstrument>>>> = {
  UNTOC: {
    mla: untocMla,
    extradition: untocExtradition,
    'transfer-of-proceedings': untocTransferOfProceedings,
    'law-enforcement-exchange': untocLawEnforcement,
    'asset-confiscation': untocConfiscation,
  },
  ECE: { extradition: eceExtradition },
  'BILATERAL-60': { extradition: bilateralExtradition },
  'EU-EIO': { mla: eio },
  'EU-2018-1805': { 'asset-confiscation': regulation20181805 },
  'EU-2023-977': { 'law-enforcement-exchange': directive2023977 },
};

const NO_GROUNDS: GroundsOfInstrument = { article: 'none', grounds: {} };

/** The grounds a legal basis permits for a process type (none when the pair is not in the table). */
export function refusalGroundsOf(basisId: string, processType: string): GroundsOfInstrument {
  return own(refusalGroundsTable[basisId] ?? {}, processType) ?? NO_GROUNDS;
}

/** Words by which reasons invoke fiscal matters (taxes, customs, duties, excise, revenue). */
const FISCAL = /\b(fiscal|tax(es|ation)?|customs|dut(y|ies)|excise|revenue|vat)\b/i;

/**
 * UNTOC 16(15), 18(22) (and EIO 11(3)): a request may not be refused *solely* because the offence
 * involves fiscal matters, whatever code the refusal uses. Comity cannot tell "solely" from the
 * words, so the rule is: reasons that invoke fiscal matters are accepted only with a separate
 * statement (`beyondFiscal`) of why the refusal would stand if the offence involved none; the
 * statement is recorded, audited and shown to the other state like the reasons.
 */
export function fiscalOnlyProblem(
  grounds: GroundsOfInstrument,
  reasons: string,
  beyondFiscal: string | undefined,
): string | undefined {
  if (!grounds.fiscalBar || !FISCAL.test(reasons) || beyondFiscal !== undefined) return undefined;
  return `a refusal may not rest solely on fiscal matters (${grounds.fiscalBar}): the reasons invoke them, so payload.beyondFiscal must say why the refusal would stand without them`;
}
