import { z } from 'zod';
import type { AssetFigure } from './process-definition';

/**
 * The asset ledger of a confiscation (UNTOC arts 13–14): per currency, the total of each figure.
 * Amounts are decimal strings ("1250.00"), computed as integers of thousandths — never floats, so
 * that sums are exact and the same on every replay. Totals are written back with two decimals
 * at least (three where a currency needs them).
 */
export type Ledger = Readonly<Record<string, Partial<Readonly<Record<AssetFigure, string>>>>>;

const SCALE = 3;
const UNIT = BigInt(10 ** SCALE);

/** A non-negative amount with at most three decimals, as the payload of an amount-carrying action takes it. */
const AMOUNT = /^\d{1,15}(\.\d{1,3})?$/;
export const amount = z
  .string()
  .trim()
  .regex(AMOUNT, 'a decimal amount such as 1250.00 (at most 3 decimals)')
  // zod runs refinements after a failed pattern too: only a well-formed amount is converted.
  .refine((value) => !AMOUNT.test(value) || toUnits(value) > BigInt(0), 'must be more than zero');

/** An ISO 4217 currency code. */
export const currency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR');

export const amountPayload = z.object({ amount, currency });

/** Thousandths of the currency's unit. */
export function toUnits(value: string): bigint {
  const [whole = '0', fraction = ''] = value.split('.');
  return BigInt(whole) * UNIT + BigInt(fraction.padEnd(SCALE, '0').slice(0, SCALE));
}

export function fromUnits(units: bigint): string {
  const sign = units < BigInt(0) ? '-' : '';
  const abs = units < BigInt(0) ? -units : units;
  const fraction = (abs % UNIT).toString().padStart(SCALE, '0').replace(/0$/, '');
  return `${sign}${(abs / UNIT).toString()}.${fraction}`;
}

/** The total of a figure in a currency, in thousandths (zero when nothing was recorded). */
export function figureOf(ledger: Ledger | undefined, currencyCode: string, figure: AssetFigure): bigint {
  const total = ledger?.[currencyCode]?.[figure];
  return total === undefined ? BigInt(0) : toUnits(total);
}

/** The ledger with `value` added to a figure of a currency. */
export function addToLedger(
  ledger: Ledger | undefined,
  figure: AssetFigure,
  value: string,
  currencyCode: string,
): Ledger {
  const current = ledger ?? {};
  const total = figureOf(current, currencyCode, figure) + toUnits(value);
  return { ...current, [currencyCode]: { ...current[currencyCode], [figure]: fromUnits(total) } };
}

/** What is still frozen and may be released or confiscated: frozen − released − confiscated. */
export function stillFrozen(ledger: Ledger | undefined, currencyCode: string): bigint {
  return (
    figureOf(ledger, currencyCode, 'frozen') -
    figureOf(ledger, currencyCode, 'released') -
    figureOf(ledger, currencyCode, 'confiscated')
  );
}

/** What is confiscated and not yet spent, returned or shared: the assets under management. */
export function underManagement(ledger: Ledger | undefined, currencyCode: string): bigint {
  return (
    figureOf(ledger, currencyCode, 'confiscated') -
    figureOf(ledger, currencyCode, 'management-costs') -
    figureOf(ledger, currencyCode, 'returned-to-victims') -
    figureOf(ledger, currencyCode, 'shared')
  );
}

/**
 * Problems with a ledger, per currency (none when it reconciles): nothing released or confiscated
 * beyond what was frozen, nothing spent, returned or shared beyond what was confiscated.
 */
export function reconciliationProblems(ledger: Ledger | undefined): string[] {
  return Object.keys(ledger ?? {}).flatMap((code) => [
    ...(stillFrozen(ledger, code) < BigInt(0) ? [`${code}: released and confiscated exceed what was frozen`] : []),
    ...(underManagement(ledger, code) < BigInt(0)
      ? [`${code}: costs, returns and shares exceed what was confiscated`]
      : []),
  ]);
}
