// Small DOM and date helpers shared by the views.

// el('li', {class: 'x', onclick: f}, child, 'text', ...) builds an element. Children that are
// null, undefined or false are skipped; strings become text nodes (never parsed as HTML).
export function el(tag, attrs = {}, ...children) {
  const node = tag === 'svg' || SVG_TAGS.has(tag)
    ? document.createElementNS('http://www.w3.org/2000/svg', tag)
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const SVG_TAGS = new Set(['g', 'rect', 'line', 'text', 'title', 'path', 'defs', 'pattern',
                          'linearGradient', 'stop', 'polygon']);

export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

// Replaces node's children, skipping null/undefined/false as el() does.
export function fill(node, ...children) {
  clear(node);
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}

// Dates travel as YYYY-MM-DD text; the chart works in UTC days so no time zone shifts them.
export const DAY_MS = 86400000;
export function parseDay(text) {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const ms = Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10));
  return Number.isNaN(ms) ? null : ms;
}
export function dayText(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// "2016-06-15" -> "15 Jun 2016"; null -> the fallback (unknown dates are never invented).
export function niceDate(text, fallback = 'unknown') {
  const ms = parseDay(text);
  if (ms === null) return fallback;
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
export function monthLabel(ms, withYear) {
  const d = new Date(ms);
  return withYear ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()];
}

export function plural(n, one, many = one + 's') {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatCount(n) {
  return typeof n === 'number' ? n.toLocaleString('en-US') : '—';
}

// Why a position ended, in words ("superseded" is what the store writes).
export function endReason(reason) {
  switch (reason) {
    case 'superseded': return 'changed';
    case 'rival': return 'backed a rival';
    case 'ended': return 'reported over';
    default: return reason || '';
  }
}

export const STANCE_WORD = {support: 'supports', oppose: 'opposes', neutral: 'neutral toward'};
