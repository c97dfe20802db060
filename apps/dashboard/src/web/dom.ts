import { t } from './i18n';

/** A few lines instead of a framework: build elements with attributes and children. */

type Child = Node | string | number | null | undefined | false;

/**
 * What is shown where text goes: plain text, or a node with parts of it marked (text that stays
 * English on a page that is not, i18n `english`).
 */
export type Shown = string | Node;

/** A message's parts (i18n `tParts`) as one thing to show: plain text when they all are, else a fragment of them. */
export function joined(parts: readonly Shown[]): Shown {
  if (parts.every((part): part is string => typeof part === 'string')) return parts.join('');
  const fragment = document.createDocumentFragment();
  fragment.append(...parts);
  return fragment;
}

/** The text of what is shown, as the page reads it. */
export const textOf = (shown: Shown): string => (typeof shown === 'string' ? shown : (shown.textContent ?? ''));
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

function apply(el: Element, attrs: Attrs, children: Child[]): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.replace(/^on/, ''), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(typeof child === 'object' ? child : String(child));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  apply(el, attrs, children);
  return el;
}

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  apply(el, attrs, children);
  return el;
}

/**
 * A table in a region that scrolls sideways on a narrow screen and by keyboard (it takes the focus),
 * named for screen readers; `body` is the caller's, so it may redraw or append lines in place.
 */
export function scrollingTable(
  label: string,
  columns: readonly string[],
  body: HTMLTableSectionElement,
  attrs: Attrs = {},
): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll', role: 'region', tabindex: 0, 'aria-label': t('common.scrollable', { label }) },
    h(
      'table',
      { class: 'inbox', 'aria-label': label, ...attrs },
      h('thead', {}, h('tr', {}, ...columns.map((t) => h('th', { scope: 'col' }, t)))),
      body,
    ),
  );
}
