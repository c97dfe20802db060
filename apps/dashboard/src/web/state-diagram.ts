import type { ProcessType } from './api-types';
import { layoutDiagram, wrapLabel } from './diagram-layout';
import { svg } from './dom';
import { t } from './i18n';

const NODE_W = 160;
const NODE_H = 46;
const COL_W = 210;
const ROW_H = 64;
const PAD = 12;

/**
 * The process type's state diagram with the current stage marked (and the stages it has passed
 * through), drawn as SVG from the declaration the API serves.
 */
export function stateDiagram(definition: ProcessType, current: string, visited: ReadonlySet<string>): SVGSVGElement {
  const layout = layoutDiagram(definition);
  const at = new Map(layout.stages.map((s) => [s.stage, s]));
  const x = (column: number) => PAD + column * COL_W;
  const y = (row: number) => PAD + row * ROW_H;
  const currentLabel = at.get(current)?.label ?? current;
  const diagram = svg('svg', {
    class: 'state-diagram',
    viewBox: `0 0 ${PAD * 2 + (layout.columns - 1) * COL_W + NODE_W} ${PAD * 2 + (layout.rows - 1) * ROW_H + NODE_H}`,
    role: 'img',
    'aria-label': t('diagram.label', { title: definition.title, stage: currentLabel }),
  });
  diagram.append(
    svg(
      'defs',
      {},
      svg(
        'marker',
        {
          id: 'arrow',
          viewBox: '0 0 10 10',
          refX: 9,
          refY: 5,
          markerWidth: 7,
          markerHeight: 7,
          orient: 'auto-start-reverse',
        },
        svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head' }),
      ),
    ),
  );
  for (const edge of layout.edges) {
    const from = at.get(edge.from);
    const to = at.get(edge.to);
    if (!from || !to) continue;
    const forward = to.column > from.column;
    const x1 = forward ? x(from.column) + NODE_W : x(from.column) + NODE_W / 2;
    const y1 = forward ? y(from.row) + NODE_H / 2 : y(from.row) + NODE_H;
    const x2 = forward ? x(to.column) : x(to.column) + NODE_W / 2;
    const y2 = forward ? y(to.row) + NODE_H / 2 : y(to.row) + NODE_H;
    // Backward and same-column edges bow below the nodes so they do not cross them.
    const d = forward
      ? `M ${x1} ${y1} C ${x1 + 30} ${y1}, ${x2 - 30} ${y2}, ${x2} ${y2}`
      : `M ${x1} ${y1} C ${x1} ${y1 + 30}, ${x2} ${y2 + 30}, ${x2} ${y2}`;
    const taken = visited.has(edge.from) && visited.has(edge.to);
    diagram.append(
      svg(
        'path',
        { d, class: `edge${taken ? ' taken' : ''}`, 'marker-end': 'url(#arrow)' },
        svg('title', {}, edge.actions.join(', ')),
      ),
    );
  }
  for (const stage of layout.stages) {
    const isCurrent = stage.stage === current;
    const lines = wrapLabel(stage.label);
    const cls = [
      'stage',
      stage.terminal ? 'final' : '',
      visited.has(stage.stage) ? 'visited' : '',
      isCurrent ? 'current' : '',
    ]
      .filter(Boolean)
      .join(' ');
    diagram.append(
      svg(
        'g',
        { class: cls, 'data-stage': stage.stage, 'aria-current': isCurrent ? 'step' : null },
        svg('rect', {
          x: x(stage.column),
          y: y(stage.row),
          width: NODE_W,
          height: NODE_H,
          rx: stage.terminal ? 22 : 6,
        }),
        svg(
          'text',
          {
            x: x(stage.column) + NODE_W / 2,
            y: y(stage.row) + NODE_H / 2 + 4 - (lines.length - 1) * 7,
            'text-anchor': 'middle',
          },
          ...lines.map((line, i) => svg('tspan', { x: x(stage.column) + NODE_W / 2, dy: i === 0 ? 0 : 14 }, line)),
        ),
        svg('title', {}, isCurrent ? t('diagram.currentStage', { stage: stage.label }) : stage.label),
      ),
    );
  }
  return diagram;
}
