// The timeline chart: one row per other party, one bar per position from its start to its end,
// coloured by stance, drawn as plain SVG. Open positions run to the right edge with an arrow;
// a start the sources do not give is drawn faded from the left edge.
import {el, clear, parseDay, monthLabel, DAY_MS, niceDate, endReason} from './util.js';

const ROW = 28;
const BAR = 18;
const AXIS = 30;
const SECTION = 26;
const LABEL_W = 230;
const RIGHT_PAD = 24;

export function drawTimeline(container, actorName, positions, onSelect, selected = null) {
  clear(container);
  if (positions.length === 0) {
    container.append(el('p', {class: 'empty'}, `No positions on record for ${actorName}.`));
    return;
  }
  const width = Math.max(640, container.clientWidth || 900);
  const sections = groupRows(actorName, positions);
  const rowsCount = sections.reduce((n, s) => n + s.rows.length, 0);
  const height = AXIS + sections.length * SECTION + rowsCount * ROW + 8;
  const [lo, hi] = domain(positions);
  const x0 = LABEL_W;
  const x1 = width - RIGHT_PAD;
  const x = (ms) => x0 + ((ms - lo) / (hi - lo)) * (x1 - x0);

  const svg = el('svg', {width, height, viewBox: `0 0 ${width} ${height}`, class: 'timeline',
                         role: 'img', 'aria-label': `Positions of ${actorName} over time`});
  svg.append(patterns());

  // Axis: ticks on month boundaries, spaced to fit.
  const axis = el('g', {class: 'axis'});
  for (const [ms, label] of ticks(lo, hi, Math.floor((x1 - x0) / 70))) {
    axis.append(el('line', {x1: x(ms), x2: x(ms), y1: AXIS - 6, y2: height, class: 'grid'}),
                el('text', {x: x(ms), y: AXIS - 12, 'text-anchor': 'middle'}, label));
  }
  svg.append(axis);

  let y = AXIS;
  for (const section of sections) {
    svg.append(el('text', {x: 8, y: y + 18, class: 'section'}, section.title));
    y += SECTION;
    for (const row of section.rows) {
      const label = row.name.length > 32 ? row.name.slice(0, 31) + '…' : row.name;
      svg.append(el('line', {x1: 0, x2: width, y1: y + ROW, y2: y + ROW, class: 'rowline'}),
                 el('text', {x: 16, y: y + ROW / 2 + 4, class: 'rowlabel'}, el('title', {}, row.name), label));
      for (const p of row.positions) {
        const g = bar(p, x, lo, hi, y + (ROW - BAR) / 2, onSelect);
        if (p === selected) g.classList.add('selected');
        svg.append(g);
      }
      y += ROW;
    }
  }
  container.append(svg);
}

// Rows grouped as "the actor's own positions" (per target) and "positions toward the actor"
// (per holder); rows ordered by their first start date.
function groupRows(actorName, positions) {
  const own = new Map();
  const toward = new Map();
  for (const p of positions) {
    const mine = p.holder === actorName;
    const map = mine ? own : toward;
    const key = mine ? p.target : p.holder;
    if (!map.has(key)) map.set(key, {name: key, positions: []});
    map.get(key).positions.push(p);
  }
  const order = (map) => [...map.values()].sort((a, b) => first(a) - first(b) || a.name.localeCompare(b.name));
  const sections = [];
  if (own.size) sections.push({title: `${actorName}'s positions toward…`, rows: order(own)});
  if (toward.size) sections.push({title: `Positions toward ${actorName}, held by…`, rows: order(toward)});
  return sections;
}

function first(row) {
  return Math.min(...row.positions.map((p) => startOf(p) ?? Infinity));
}

function startOf(p) {
  return parseDay(p.from) ?? Math.min(...(p.sources || []).map((s) => parseDay(s.time) ?? parseDay(s.date) ?? Infinity));
}

function domain(positions) {
  const days = [];
  for (const p of positions) {
    for (const d of [p.from, p.until]) if (parseDay(d) !== null) days.push(parseDay(d));
    for (const s of p.sources || []) {
      for (const d of [s.date, s.time]) if (parseDay(d) !== null) days.push(parseDay(d));
    }
  }
  if (days.length === 0) {
    const now = Date.UTC(new Date().getUTCFullYear(), 0, 1);
    return [now - 365 * DAY_MS, now];
  }
  let lo = Math.min(...days);
  let hi = Math.max(...days);
  const pad = Math.max(14 * DAY_MS, (hi - lo) * 0.05);
  return [lo - pad, hi + pad];
}

function ticks(lo, hi, maxTicks) {
  const spanMonths = (hi - lo) / (30.44 * DAY_MS);
  const step = [1, 2, 3, 6, 12, 24, 60, 120].find((m) => spanMonths / m <= Math.max(2, maxTicks)) || 120;
  const start = new Date(lo);
  let year = start.getUTCFullYear();
  let month = start.getUTCMonth() + 1;
  // Align to a multiple of the step (January for yearly steps).
  while ((year * 12 + month) % step !== 0) month++;
  const out = [];
  for (;;) {
    const ms = Date.UTC(year, month, 1);
    if (ms > hi) break;
    if (ms >= lo) {
      const d = new Date(ms);
      const label = step >= 12 ? String(d.getUTCFullYear()) : monthLabel(ms, d.getUTCMonth() === 0 || out.length === 0);
      out.push([ms, label]);
    }
    month += step;
  }
  return out;
}

function bar(p, x, lo, hi, y, onSelect) {
  const from = parseDay(p.from);
  const until = parseDay(p.until);
  const openEnd = !p.until;
  const start = from ?? lo;
  const end = until ?? hi;
  const left = x(start);
  const w = Math.max(5, x(end) - left);
  const fill = p.status === 'planned' ? `url(#hatch-${p.stance})` : null;
  const g = el('g', {
    class: `bar stance-${p.stance}${from === null ? ' start-unknown' : ''}`,
    tabindex: 0,
    role: 'button',
    dataset: {holder: p.holder, target: p.target, stance: p.stance, from: p.from || '', until: p.until || ''},
    onclick: (e) => onSelect(p, e.currentTarget),
    onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(p, e.currentTarget); } },
  });
  const tip = `${p.holder} — ${p.stance} — ${p.target}\n${niceDate(p.from, 'start unknown')} → ` +
              `${p.until ? niceDate(p.until) + ' (' + endReason(p.ended) + ')' : 'still open'}` +
              `\nstatus: ${p.status}; ${(p.sources || []).length} source(s). Click for the evidence.`;
  g.append(el('title', {}, tip),
           el('rect', {x: left, y, width: w, height: BAR, rx: 3, style: fill ? `fill:${fill}` : null}));
  if (openEnd) {
    const r = left + w;
    g.append(el('polygon', {points: `${r},${y} ${r + 8},${y + BAR / 2} ${r},${y + BAR}`, class: 'arrow'}));
  }
  const text = p.status === 'planned' ? `${p.stance} (planned)` : p.stance;
  if (w > text.length * 7 + 10) {
    g.append(el('text', {x: left + 6, y: y + BAR / 2 + 4, class: 'barlabel'}, text));
  }
  return g;
}

function patterns() {
  const defs = el('defs');
  for (const stance of ['support', 'oppose', 'neutral']) {
    defs.append(el('pattern', {id: `hatch-${stance}`, width: 7, height: 7, patternUnits: 'userSpaceOnUse',
                               patternTransform: 'rotate(45)'},
                   el('rect', {width: 7, height: 7, class: `hatch-bg stance-${stance}`}),
                   el('rect', {width: 3.5, height: 7, class: `hatch-fg stance-${stance}`})));
  }
  return defs;
}

export function legend(node) {
  clear(node);
  const swatch = (cls, style) => el('span', {class: `swatch ${cls}`, style});
  node.append(
    el('span', {}, swatch('stance-support'), 'support'),
    el('span', {}, swatch('stance-oppose'), 'oppose'),
    el('span', {}, swatch('stance-neutral'), 'neutral'),
    el('span', {}, swatch('planned'), 'planned (announced, not yet done)'),
    el('span', {}, el('span', {class: 'arrow-key'}, '▶'), 'still open'));
  node.hidden = false;
}

