import type { core } from 'zod';

const quoted = (values: readonly unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

/** The values a choice allows, when the issue is a choice (an enum, literals, a tagged union). */
function allowedValues(issue: core.$ZodIssue): readonly unknown[] | undefined {
  if (issue.code === 'invalid_value') return issue.values;
  if (issue.code !== 'invalid_union') return undefined;
  if ('options' in issue && Array.isArray(issue.options)) return issue.options as unknown[];
  const nested = issue.errors.map((branch) => (branch.length === 1 ? allowedValues(branch[0]!) : undefined));
  return nested.every((values) => values !== undefined) ? nested.flatMap((values) => [...(values ?? [])]) : undefined;
}

/**
 * A field-level problem that names the field and, for a choice, the values allowed
 * (`payload.intended: expected one of "refusal", "postponement"`), whatever locale zod runs with
 * (inside Temporal's sandbox its messages may be the bare "Invalid input").
 */
export function issueDetail(prefix: string, issue: core.$ZodIssue): string {
  const field = `${prefix}.${issue.path.map(String).join('.') || '(root)'}`;
  const values = allowedValues(issue);
  if (values && values.length > 1) return `${field}: expected one of ${quoted(values)}`;
  if (values && values.length === 1) return `${field}: expected ${quoted(values)}`;
  return `${field}: ${issue.message}`;
}

export function issueDetails(prefix: string, issues: readonly core.$ZodIssue[]): string[] {
  return issues.map((issue) => issueDetail(prefix, issue));
}
