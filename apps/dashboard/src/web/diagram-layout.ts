import type { ProcessType } from './api-types';

export interface PlacedStage {
  readonly stage: string;
  readonly label: string;
  readonly terminal: boolean;
  readonly column: number;
  readonly row: number;
}

export interface Edge {
  readonly from: string;
  readonly to: string;
  /** The actions that move the process along this edge. */
  readonly actions: string[];
}

export interface DiagramLayout {
  readonly stages: PlacedStage[];
  readonly edges: Edge[];
  readonly columns: number;
  readonly rows: number;
}

/**
 * Lays a process type out left to right: each open stage in the column of its shortest path from
 * the initial stage, the final stages together in the last column (that is where a reader looks for
 * outcomes), rows in declared order. Actions that stay in their stage draw no edge.
 */
export function layoutDiagram(definition: ProcessType): DiagramLayout {
  const edges = new Map<string, Edge>();
  for (const action of definition.actions) {
    for (const from of action.from) {
      if (!action.to || action.to === from) continue;
      const key = `${from}\u0000${action.to}`;
      const edge = edges.get(key) ?? { from, to: action.to, actions: [] };
      edge.actions.push(action.action);
      edges.set(key, edge);
    }
  }
  const depth = new Map<string, number>([[definition.initial, 0]]);
  const queue = [definition.initial];
  while (queue.length) {
    const from = queue.shift() as string;
    for (const edge of edges.values()) {
      if (edge.from === from && !depth.has(edge.to)) {
        depth.set(edge.to, (depth.get(from) ?? 0) + 1);
        queue.push(edge.to);
      }
    }
  }
  const open = definition.stages.filter((s) => !s.terminal);
  const lastOpen = Math.max(0, ...open.map((s) => depth.get(s.stage) ?? 0));
  const rowsUsed = new Map<number, number>();
  const stages = definition.stages.map((s) => {
    const column = s.terminal ? lastOpen + 1 : (depth.get(s.stage) ?? lastOpen);
    const row = rowsUsed.get(column) ?? 0;
    rowsUsed.set(column, row + 1);
    return { stage: s.stage, label: s.label, terminal: s.terminal, column, row };
  });
  return {
    stages,
    edges: [...edges.values()],
    columns: Math.max(...stages.map((s) => s.column)) + 1,
    rows: Math.max(...rowsUsed.values()),
  };
}

/** Splits a label into at most two lines of about `width` characters, at spaces. */
export function wrapLabel(label: string, width = 22): string[] {
  if (label.length <= width) return [label];
  const words = label.split(' ');
  let first = '';
  while (words.length && (first + ' ' + words[0]).trim().length <= width) first = `${first} ${words.shift()}`.trim();
  if (!first) first = words.shift() ?? '';
  const rest = words.join(' ');
  return [first, rest.length > width ? `${rest.slice(0, width - 1)}…` : rest].filter(Boolean);
}
