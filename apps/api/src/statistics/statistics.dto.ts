import { z } from 'zod';
import { identifier, stateCode } from '../http/identifier';
import { Directions, Offences, StatisticsGroupings, legalBasisIds, processTypes } from '@comity/domain';

/** The longest period one request may span: keeps a by-month answer to a bounded size. */
export const MAX_PERIOD_DAYS = 366 * 20;
const DAY_MS = 86_400_000;

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-01-31')
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00.000Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }, 'not a calendar date');

export const statisticsQuery = z
  .object({
    /** First day of the period (UTC, included); default: 364 days before `to`. */
    from: day.optional(),
    /** Last day of the period (UTC, included); default: today. */
    to: day.optional(),
    /** Only the processes of this case. */
    caseId: identifier.optional(),
    type: z.enum(processTypes as [string, ...string[]]).optional(),
    direction: z.enum(Directions).optional(),
    counterpartState: stateCode.optional(),
    offence: z.enum(Offences).optional(),
    legalBasis: z.enum(legalBasisIds as [string, ...string[]]).optional(),
    groupBy: z.enum(StatisticsGroupings).default('type'),
    /** `csv` for a spreadsheet; `Accept: text/csv` does the same. */
    format: z.enum(['json', 'csv']).optional(),
  })
  .strict();
export type StatisticsQuery = z.infer<typeof statisticsQuery>;

/** The period a query asks for, with its defaults, or the problem with it (naming the field). */
export function periodOf(query: StatisticsQuery, now: number): { from: string; to: string } | { problem: string } {
  const to = query.to ?? new Date(now).toISOString().slice(0, 10);
  const from = query.from ?? new Date(Date.parse(`${to}T00:00:00.000Z`) - 364 * DAY_MS).toISOString().slice(0, 10);
  if (from > to) return { problem: `query.from: must not be after to (${to})` };
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days > MAX_PERIOD_DAYS) return { problem: `query.from: the period may span at most ${MAX_PERIOD_DAYS} days` };
  return { from, to };
}
