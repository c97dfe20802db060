import type { DeadlineRule, LegalBasis } from '../legal-basis/legal-basis';
import { ListedOffences, refusalGroundsTable } from '../legal-basis/refusal-grounds.table';
import type { ProcessDefinition, Permission } from './process-definition';

/** A Mermaid state diagram of a process definition: states, and each action as an edge. */
export function toMermaid(definition: ProcessDefinition): string {
  const id = (state: string) => state.replace(/[^A-Za-z0-9]/g, '_');
  const lines = ['stateDiagram-v2', `  [*] --> ${id(definition.initial)}`];
  for (const [name, state] of Object.entries(definition.states)) {
    lines.push(`  ${id(name)} : ${state.label}`);
  }
  for (const [name, action] of Object.entries(definition.actions)) {
    for (const from of action.from) lines.push(`  ${id(from)} --> ${id(action.to ?? from)} : ${name}`);
  }
  for (const [name, state] of Object.entries(definition.states)) {
    if (state.terminal) lines.push(`  ${id(name)} --> [*]`);
  }
  return lines.join('\n');
}

const who = (p: Permission) => ('party' in p ? `${p.party} party` : p.role);

/** The Markdown page of a process type in docs/processes/, generated from its definition. */
export function toMarkdown(definition: ProcessDefinition): string {
  const stages = Object.entries(definition.states).map(
    ([name, s]) => `| \`${name}\` | ${s.label} | ${s.terminal ? 'final' : (s.awaiting ?? '')} |`,
  );
  const actions = Object.entries(definition.actions).map(
    ([name, a]) =>
      `| \`${name}\` | ${a.label} | ${a.from.map((f) => `\`${f}\``).join(', ')} | ${a.to ? `\`${a.to}\`` : '(stays)'} | ${a.by.map(who).join(', ')} |`,
  );
  const deadlines = definition.deadlines.map(
    (d) =>
      `| \`${d.id}\` | ${d.label} | ${d.while.map((w) => `\`${w}\``).join(', ')} | \`${d.rule}\` | ${d.onExpiry.kind === 'escalate' ? `escalate (overdue; a task for \`${d.onExpiry.to}\`)` : `\`${d.onExpiry.action}\``} |`,
  );
  return [
    `# ${definition.title} (\`${definition.type}\`)`,
    '',
    `<!-- Generated from libs/domain by \`npm run docs:processes\`; a test fails when it is out of date. -->`,
    '',
    `Legal reference: ${definition.legalReference}. Parties: ${definition.parties.map((p) => `\`${p}\`${definition.groups?.includes(p) ? ' (a group: more members join)' : ''}`).join(', ')}${Object.entries(
      definition.optionalParties ?? {},
    )
      .map(([p, o]) => `, \`${p}\` (optional; \`${o.standIn}\` stands in until bound)`)
      .join('')}.`,
    '',
    '```mermaid',
    toMermaid(definition),
    '```',
    '',
    '## Stages',
    '',
    '| stage | label | awaiting |',
    '|---|---|---|',
    ...stages,
    '',
    '## Actions',
    '',
    '| action | label | from | to | who may take it |',
    '|---|---|---|---|---|',
    ...actions,
    '',
    '## Deadlines',
    '',
    'Each runs while the process is in its stages; its length comes from the legal basis (`rule`) and the priority.',
    '',
    '| deadline | label | runs while in | rule | on expiry |',
    '|---|---|---|---|---|',
    ...deadlines,
    '',
    ...caseRules(definition),
  ].join('\n');
}

/** The case-level rules a definition declares: processes it starts and obligations it opens. */
function caseRules(definition: ProcessDefinition): string[] {
  const spawns = Object.entries(definition.actions)
    .filter(([, a]) => a.spawns)
    .map(([name, a]) => `- \`${name}\` starts a \`${a.spawns?.type}\` process in the same case.`);
  const holds = Object.entries(definition.actions)
    .filter(([, a]) => a.holds)
    .map(
      ([name, a]) =>
        `- \`${name}\` with \`${a.holds?.field}\` holds back \`${a.holds?.action}\` in the named process of the case until this one reaches ${a.holds?.releasedAt.map((s) => `\`${s}\``).join(', ')}.`,
    );
  const obligations = Object.entries(definition.caseObligations ?? {}).map(
    ([id, o]) =>
      `- obligation \`${id}\` (${o.article}): ${o.label} — owed by the \`${o.owedBy}\` party, open while in ${o.openWhile.map((s) => `\`${s}\``).join(', ')}, discharged at ${o.dischargedAt.map((s) => `\`${s}\``).join(', ')}.`,
  );
  const amounts = Object.entries(definition.statistics.amounts ?? {}).map(
    ([action, figure]) => `- \`${action}\` adds its \`{ amount, currency }\` to \`${figure}\`.`,
  );
  return [
    ...(spawns.length || holds.length || obligations.length
      ? ['## Case rules', '', ...spawns, ...holds, ...obligations, '']
      : []),
    ...(amounts.length ? ['## Asset ledger', '', ...amounts, ''] : []),
  ];
}

const duration = (ms: number) => (ms % 86_400_000 === 0 ? `${ms / 86_400_000} d` : `${ms / 3_600_000} h`);

/** docs/legal-bases.md: every legal basis with its scope, deadlines, languages and, per process type, refusal grounds. */
export function legalBasesMarkdown(bases: readonly LegalBasis[]): string {
  const lines = [
    '# Legal bases',
    '',
    '<!-- Generated from libs/domain by `npm run docs:processes`; a test fails when it is out of date. -->',
    '',
    'Deadlines come from this table, never from workflow code. A deadline a basis does not set falls back to',
    "UNTOC's (the fallback basis). Durations by priority: normal / high / urgent (a missing one uses normal).",
    '',
    'Refusal grounds are per instrument *and* process type (libs/domain/src/legal-basis/refusal-grounds.table.ts):',
    'a ground not listed for the pair is refused with `NOT_PERMITTED_BY_LEGAL_BASIS`. Columns: **consult first**',
    '— the requested state must have consulted the requesting one (answered, or the time to answer ran out);',
    "**not for listed offences** — unavailable when the offence is on the instrument's list",
    `(${ListedOffences.map((o) => `\`${o}\``).join(', ')}); **opens** — the case obligation a refusal on it opens,`,
    'on every path that takes it; **also requires** — a statement the refusal must carry. Every refusal carries',
    'reasons of at least 30 characters and five words, shown to the other state; where the instrument bars',
    'refusals solely on fiscal grounds, reasons that invoke fiscal matters need `beyondFiscal` too.',
    'A process between states runs between two different states; a basis with a list of states binds only them.',
  ];
  const yes = (flag: unknown) => (flag ? 'yes' : '');
  for (const basis of bases) {
    lines.push('', `## ${basis.id}: ${basis.name}`, '');
    lines.push(
      `Kind: ${basis.kind}. Applies to: ${basis.appliesTo.map((t) => (t === '*' ? 'every process type' : `\`${t}\``)).join(', ')}.`,
    );
    lines.push(
      `Territorial scope: ${basis.states ? `between ${basis.states.join(', ')} only` : 'any state'}.`,
      `Languages accepted: ${basis.languages.join(', ')}.`,
      '',
    );
    lines.push('| deadline | normal | high | urgent | reminders before it falls due |', '|---|---|---|---|---|');
    const cell = (ms: number | undefined) => (ms === undefined ? '' : duration(ms));
    const row = (name: string, rule: Omit<DeadlineRule, 'variants'>) =>
      `| ${name} | ${cell(rule.normal)} | ${cell(rule.high)} | ${cell(rule.urgent)} | ${(rule.remindBefore ?? []).map(duration).join(', ')} |`;
    for (const [key, rule] of Object.entries(basis.deadlines)) {
      lines.push(
        row(`\`${key}\`${rule.variants ? ' (not declared: runs started before it was asked for)' : ''}`, rule),
      );
      // A rule with variants runs by what the request declares (e.g. the information's accessibility).
      for (const [declared, variant] of Object.entries(rule.variants ?? {})) {
        lines.push(row(`\`${key}\`, request declares \`${declared}\``, variant));
      }
    }
    for (const [type, instrument] of Object.entries(refusalGroundsTable[basis.id] ?? {})) {
      lines.push('', `### Refusal grounds for \`${type}\` (${instrument.article})`, '');
      const rules = [
        instrument.consultation ? `Consultation before refusing: ${instrument.consultation}.` : '',
        instrument.fiscalBar ? `No refusal solely on fiscal grounds: ${instrument.fiscalBar}.` : '',
      ].filter(Boolean);
      if (rules.length) lines.push(rules.join(' '), '');
      lines.push(
        '| ground | article | meaning | consult first | not for listed offences | opens | also requires |',
        '|---|---|---|---|---|---|---|',
      );
      for (const [code, g] of Object.entries(instrument.grounds)) {
        const requires = Object.entries(g.requires ?? {})
          .map(([field, says]) => `\`${field}\`: ${says}`)
          .join('; ');
        lines.push(
          `| \`${code}\` | ${g.article} | ${g.meaning} | ${yes(g.consultFirst)} | ${yes(g.notForListedOffences)} | ${g.opens ? `\`${g.opens}\`` : ''} | ${requires} |`,
        );
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
