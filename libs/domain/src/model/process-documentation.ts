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
      `| \`${d.id}\` | ${d.label} | ${d.while.map((w) => `\`${w}\``).join(', ')} | \`${d.rule}\` | ${d.onExpiry.kind === 'escalate' ? 'escalate (overdue)' : `\`${d.onExpiry.action}\``} |`,
  );
  return [
    `# ${definition.title} (\`${definition.type}\`)`,
    '',
    `<!-- Generated from libs/domain by \`npm run docs:processes\`; a test fails when it is out of date. -->`,
    '',
    `Legal reference: ${definition.legalReference}. Parties: ${definition.parties.map((p) => `\`${p}\``).join(', ')}.`,
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
  ].join('\n');
}
