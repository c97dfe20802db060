import { DomainError, DomainErrorCode } from '../model/domain-error';
import { own } from '../model/own';
import type { ProcessDefinition } from '../model/process-definition';
import { withCommonActions } from './common';
import { assetConfiscationDefinition } from './asset-confiscation.definition';
import { documentVerificationDefinition } from './document-verification.definition';
import { domesticTaskforceDefinition } from './domestic-taskforce.definition';
import { extraditionDefinition } from './extradition.definition';
import { jointInvestigationDefinition } from './joint-investigation.definition';
import { lawEnforcementExchangeDefinition } from './law-enforcement-exchange.definition';
import { migrantReturnDefinition } from './migrant-return.definition';
import { mlaDefinition } from './mla.definition';
import { protectionReferralDefinition } from './protection-referral.definition';
import { specialInvestigativeTechniqueDefinition } from './special-investigative-technique.definition';
import { transferOfProceedingsDefinition } from './transfer-of-proceedings.definition';
import { transferOfSentencedPersonDefinition } from './transfer-of-sentenced-person.definition';
import { useConsentDefinition } from './use-consent.definition';

const definitions: Readonly<Record<string, ProcessDefinition>> = Object.fromEntries(
  [
    mlaDefinition,
    extraditionDefinition,
    transferOfProceedingsDefinition,
    transferOfSentencedPersonDefinition,
    specialInvestigativeTechniqueDefinition,
    lawEnforcementExchangeDefinition,
    domesticTaskforceDefinition,
    documentVerificationDefinition,
    migrantReturnDefinition,
    protectionReferralDefinition,
    jointInvestigationDefinition,
    assetConfiscationDefinition,
    useConsentDefinition,
  ].map((d) => [d.type, withCommonActions<string, string>(d)]),
);

export const processTypes: readonly string[] = Object.keys(definitions);

/** The definition of a process type, with the actions common to every type. */
export function definitionOf(type: string): ProcessDefinition {
  const definition = own(definitions, type);
  if (!definition) {
    throw new DomainError(
      DomainErrorCode.ProcessTypeUnknown,
      `unknown process type '${type}' (known: ${processTypes.join(', ')})`,
    );
  }
  return definition;
}

/** Every named figure (`statistics.counts`) any process type declares, sorted: the statistics show each. */
export const statisticsCountNames: readonly string[] = [
  ...new Set(Object.values(definitions).flatMap((d) => Object.keys(d.statistics.counts ?? {}))),
].sort();
