/*
 * What the transfer-of-sentenced-person definition and its users (the agency simulator, the
 * recorded histories) share, apart from the definition itself: importing this does not build it.
 */

/**
 * The conditions of a transfer (UNTOC art. 17; CoE Convention on the Transfer of Sentenced Persons
 * 1983 art. 3(1)), each with the state that answers for it: the administering state for its own
 * national and its own law, the sentencing state for its judgment, the time left and the consent it
 * must verify (art. 7(1)). Each state records only its own findings.
 */
export const TransferConditions = {
  'national-of-administering-state': {
    meaning: 'the person is a national of the administering state (art. 3(1)(a))',
    by: 'administering',
  },
  'final-judgment': { meaning: 'the judgment is final (art. 3(1)(b))', by: 'sentencing' },
  'six-months-left': {
    meaning:
      'at least six months of the sentence remain to be served (art. 3(1)(c)), unless both states agree otherwise (art. 3(2))',
    by: 'sentencing',
  },
  consent: { meaning: 'the person (or a legal representative) consents (arts 3(1)(d), 7)', by: 'sentencing' },
  'dual-criminality': {
    meaning: 'the acts are an offence under the law of the administering state too (art. 3(1)(e))',
    by: 'administering',
  },
} as const;
export type TransferCondition = keyof typeof TransferConditions;

/** The fact a condition's finding is recorded under. */
export const conditionFact = (condition: string): string => `condition:${condition}`;
/** The fact a state's consent to a transfer with less than six months left is recorded under (art. 3(2)). */
export const exceptionFact = (party: string): string => `short-sentence-exception:${party}`;

/** The conditions a state answers for. */
export const conditionsOf = (party: string): TransferCondition[] =>
  (Object.keys(TransferConditions) as TransferCondition[]).filter((c) => TransferConditions[c].by === party);
