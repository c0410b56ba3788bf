// The whipcount dashboard: four views over the JSON API, with the state in the URL hash
// (#who=NAME&as_of=DATE, #timeline=NAME, #switches&since=DATE, #tally&as_of=DATE&weight=members)
// so any view can be bookmarked or shared.
import {getJson, ApiError} from './api.js';
import {attachPicker} from './picker.js';
import {initEvidence, showPosition, showConflict, closeEvidence} from './evidence.js';
import {drawTimeline, legend} from './timeline.js';
import {el, clear, fill, niceDate, plural, formatCount, endReason} from './util.js';

const $ = (id) => document.getElementById(id);
const VIEWS = ['who', 'timeline', 'switches', 'tally'];
const lastHash = {};       // the last state of each view, so the tabs return to it
let ticket = 0;            // a newer render makes an older one's late answers moot
let knownTargets = null;   // targets on record (from the tally), for chips and suggestions
let timelineData = null;   // kept to redraw the chart when the window is resized

// ---- URL hash ----------------------------------------------------------------------------

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  let view = [...params.keys()].find((k) => VIEWS.includes(k) || k === 'conflicts') || 'who';
  if (view === 'conflicts') view = 'switches';
  return {view, params};
}

// go('who', {who: 'Bernie Sanders', as_of: '2016-06-20'}) -> #who=Bernie%20Sanders&as_of=2016-06-20
function go(view, values = {}) {
  const hash = hashFor(view, values);
  if (location.hash === hash) render();
  else location.hash = hash;
}

function hashFor(view, values) {
  const parts = [values[view] ? `${view}=${encodeURIComponent(values[view])}` : view];
  for (const [key, value] of Object.entries(values)) {
    if (key !== view && value) parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  return '#' + parts.join('&');
}

// ---- status and errors --------------------------------------------------------------------

// data-state (loading, ready, error) and data-hash (the URL hash it belongs to) let a script
// or test wait for the page to show a given address: the hashchange that renders a new hash
// arrives after location.hash has changed, so the state alone may still describe the old one.
function setState(state, hash) {
  document.body.dataset.state = state;
  document.body.dataset.hash = hash;
}

function showError(err, hash) {
  const box = clear($('error'));
  const message = err instanceof Error ? err.message : String(err);
  box.append(el('strong', {}, err instanceof ApiError && err.status === 404 ? 'Not found. ' : 'Error. '),
             message.replace(/^whipcount: /, ''));
  const names = closestNames(err);
  if (names.length) {
    const {view, params} = readHash();
    const key = view === 'timeline' ? 'timeline' : 'who';
    box.append(el('div', {class: 'did-you-mean'}, 'Did you mean: ',
      ...names.flatMap((name, i) => [i ? ', ' : '',
        el('a', {href: hashFor(key, {[key]: name, as_of: key === 'who' ? params.get('as_of') : ''})}, name)])));
  }
  box.hidden = false;
  setState('error', hash);
}

// The API's message for an unknown name ends with "closest: A (kind), B (kind)"; the body may
// also list them as `closest`.
function closestNames(err) {
  if (!(err instanceof ApiError)) return [];
  const body = err.body || {};
  const list = body.closest || body.candidates || body.suggestions;
  if (Array.isArray(list)) return list.map((c) => (typeof c === 'string' ? c : c.name)).filter(Boolean);
  const m = /(?:closest|candidates|did you mean)[^:]*:\s*(.+)$/i.exec(err.message);
  if (!m) return [];
  return [...m[1].matchAll(/\s*(.+?) \([^()]*\)(?:,|$)/g)].map((x) => x[1].trim());
}

function clearError() {
  $('error').hidden = true;
}

// ---- shared pieces -----------------------------------------------------------------------

function stanceTag(stance) {
  return el('span', {class: `tag stance-${stance}`}, stance);
}

// A link to an actor's timeline; its own click must not also open the evidence of the row.
function actorLink(name, label = name) {
  return el('a', {href: hashFor('timeline', {timeline: name}), class: 'actor',
                  title: `${name}: every position over time`,
                  onclick: (e) => e.stopPropagation()}, label);
}

function clickable(node, action) {
  node.tabIndex = 0;
  node.classList.add('clickable');
  node.addEventListener('click', () => action(node));
  node.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      action(node);
    }
  });
  return node;
}

async function targets() {
  if (!knownTargets) {
    try {
      knownTargets = (await getJson('tally')).map((t) => ({name: t.target, supporters: t.supporters}));
    } catch {
      knownTargets = [];
    }
  }
  return knownTargets;
}
const targetNames = () => (knownTargets || []).map((t) => t.name);

// ---- view: standings ---------------------------------------------------------------------

async function renderWho(params, mine) {
  const target = params.get('who') || '';
  const asOf = params.get('as_of') || '';
  $('who-target').value = target;
  $('who-date').value = asOf;
  const chips = await targets();
  if (mine !== ticket) return;
  renderChips(chips, target, asOf);
  if (!target) {
    fill($('who-title'), el('span', {class: 'prompt'},
      'Type a candidate, ballot measure or bill above, or pick one of the most backed, to see who ' +
      'supports, opposes or stays neutral toward it, and the sentence that says so.'));
    $('who-columns').hidden = true;
    return;
  }
  const stances = ['support', 'oppose', 'neutral'];
  const answers = await Promise.all(stances.map((stance) =>
    getJson('who', {target, as_of: asOf, stance})));
  if (mine !== ticket) return;
  const t = answers[0].target || {name: target};
  fill($('who-title'), 
    el('span', {}, t.name), t.kind ? el('span', {class: 'kind'}, t.kind) : null,
    el('span', {class: 'sub'}, asOf ? `as of ${niceDate(asOf)}` : 'positions in force now'),
    el('a', {class: 'sub link', href: hashFor('timeline', {timeline: t.name})}, 'timeline →'));
  stances.forEach((stance, i) => {
    const holders = answers[i].holders || [];
    $(`who-${stance}-count`).textContent = String(holders.length);
    const list = clear($(`who-${stance}`));
    if (holders.length === 0) list.append(el('li', {class: 'empty'}, 'none on record'));
    for (const p of holders) list.append(standingItem(p));
  });
  $('who-columns').hidden = false;
}

function renderChips(chips, current, asOf) {
  const box = clear($('who-chips'));
  if (!chips.length) return;
  const top = [...chips].sort((a, b) => b.supporters - a.supporters).slice(0, 10);
  box.append(el('span', {class: 'chips-label'}, 'Most backed:'),
    ...top.map((c) => el('a', {class: `chip${c.name === current ? ' on' : ''}`,
                               href: hashFor('who', {who: c.name, as_of: asOf})},
                         c.name, el('span', {class: 'n'}, String(c.supporters)))));
}

function standingItem(p) {
  const sources = p.sources || [];
  const first = sources.find((s) => s.evidence) || {};
  const li = el('li', {class: 'item', dataset: {holder: p.holder}},
    el('div', {class: 'line1'}, el('span', {class: 'name'}, p.holder),
       p.holder_kind ? el('span', {class: 'kind'}, p.holder_kind) : null,
       p.status !== 'current' ? el('span', {class: `tag status-${p.status}`}, p.status) : null),
    el('div', {class: 'line2'},
       el('span', {}, `since ${niceDate(p.from, 'unknown')}`,
          p.until ? ` · until ${niceDate(p.until)}` : '',
          ` · ${plural(sources.length, 'source')}`),
       actorLink(p.holder, 'timeline →')),
    first.evidence ? el('div', {class: 'snippet'}, first.evidence) : null);
  li.title = 'Click for the evidence';
  return clickable(li, (node) => showPosition(p, node));
}

// ---- view: timeline ----------------------------------------------------------------------

async function renderTimeline(params, mine) {
  const actor = params.get('timeline') || '';
  $('tl-actor').value = actor;
  if (!actor) {
    fill($('tl-title'), el('span', {class: 'prompt'},
      'Type an actor above (a union, federation, politician, newspaper…) to follow its positions ' +
      'over time, and the positions others hold toward it.'));
    clear($('tl-chart'));
    $('tl-legend').hidden = true;
    $('tl-list').hidden = true;
    timelineData = null;
    return;
  }
  const data = await getJson('timeline', {actor});
  if (mine !== ticket) return;
  const a = data.actor || {name: actor};
  const positions = data.positions || [];
  fill($('tl-title'), 
    el('span', {}, a.name), a.kind ? el('span', {class: 'kind'}, a.kind) : null,
    a.members ? el('span', {class: 'sub'}, `${formatCount(a.members)} members`) : null,
    el('span', {class: 'sub'}, plural(positions.length, 'position')),
    el('a', {class: 'sub link', href: hashFor('who', {who: a.name})}, 'who stands where on it →'));
  legend($('tl-legend'));
  timelineData = {name: a.name, positions};
  drawChart();
  const body = clear($('tl-list').tBodies[0]);
  for (const p of positions) {
    const tr = el('tr', {dataset: {holder: p.holder, target: p.target, stance: p.stance, from: p.from || ''}},
      el('td', {class: 'date'}, niceDate(p.from, 'unknown')),
      el('td', {class: 'date'}, p.until ? `${niceDate(p.until)} (${endReason(p.ended)})` : 'open'),
      el('td', {}, p.holder === a.name ? p.holder : actorLink(p.holder)),
      el('td', {}, stanceTag(p.stance)),
      el('td', {}, p.target === a.name ? p.target : actorLink(p.target)),
      el('td', {}, p.status),
      el('td', {class: 'num'}, String((p.sources || []).length)));
    body.append(clickable(tr, (node) => showPosition(p, node)));
  }
  $('tl-list').hidden = positions.length === 0;
}

// The bar whose evidence is open stays marked when the chart is redrawn.
let selectedPosition = null;
function drawChart() {
  if (!timelineData) return;
  const selected = $('evidence').hidden ? null : selectedPosition;
  drawTimeline($('tl-chart'), timelineData.name, timelineData.positions, (p, node) => {
    selectedPosition = p;
    showPosition(p, node);
  }, selected);
}

// ---- view: switches and conflicts --------------------------------------------------------

async function renderSwitches(params, mine) {
  const since = params.get('since') || '';
  $('sw-since').value = since;
  const [switches, conflicts] = await Promise.all([getJson('switches', {since}), getJson('conflicts')]);
  if (mine !== ticket) return;
  const swBody = clear($('sw-list').tBodies[0]);
  for (const s of switches) {
    const side = (p) => {
      const td = el('td', {class: 'pos'}, stanceTag(p.stance), ' ', p.target,
                    p.status && p.status !== 'current' ? el('span', {class: 'muted'}, ` (${p.status})`) : null);
      td.title = 'Click for the evidence';
      return clickable(td, (node) => showPosition(p, node));
    };
    swBody.append(el('tr', {dataset: {holder: s.holder}},
      el('td', {class: 'date'}, niceDate(s.date)), el('td', {}, actorLink(s.holder)),
      side(s.from), side(s.to)));
  }
  if (!switches.length) swBody.append(el('tr', {}, el('td', {colspan: 4, class: 'empty'}, 'No switches on record.')));
  $('sw-count').textContent = String(switches.length);

  const cfBody = clear($('cf-list').tBodies[0]);
  for (const c of conflicts) {
    const said = (s) => el('td', {}, stanceTag(s.stance), el('span', {class: 'muted'}, ` ${niceDate(s.date)}`));
    const tr = el('tr', {dataset: {holder: c.holder}},
      el('td', {}, actorLink(c.holder)), el('td', {}, actorLink(c.target)), said(c.a), said(c.b));
    tr.title = 'Click for both sentences';
    cfBody.append(clickable(tr, (node) => showConflict(c, node)));
  }
  if (!conflicts.length) cfBody.append(el('tr', {}, el('td', {colspan: 4, class: 'empty'}, 'No conflicting sources.')));
  $('cf-count').textContent = String(conflicts.length);
  applyFilter();
}

function applyFilter() {
  const q = $('sw-filter').value.trim().toLowerCase();
  for (const tr of document.querySelectorAll('#sw-list tbody tr, #cf-list tbody tr')) {
    tr.hidden = q !== '' && !tr.textContent.toLowerCase().includes(q);
  }
}

// ---- view: tally -------------------------------------------------------------------------

const KIND_ORDER = ['federation', 'union', 'person', 'party', 'group', 'pac', 'newspaper'];
const TALLY_PAGE = 30;
let tallyShown = TALLY_PAGE;

async function renderTally(params, mine) {
  const asOf = params.get('as_of') || '';
  const weight = params.get('weight') || '';
  $('ta-date').value = asOf;
  $('ta-members').checked = weight === 'members';
  const rows = await getJson('tally', {as_of: asOf, weight});
  if (mine !== ticket) return;
  fill($('ta-title'), el('span', {}, plural(rows.length, 'target')),
    el('span', {class: 'sub'}, asOf ? `supporters in force on ${niceDate(asOf)}` : 'supporters in force now'),
    el('span', {class: 'sub'}, weight === 'members' ? 'ordered by members represented' : 'ordered by supporters'));
  const kinds = [...new Set(rows.flatMap((r) => Object.keys(r.by_kind || {})))]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const colour = (k) => `kind-${Math.max(0, kinds.indexOf(k)) % 8}`;
  fill($('ta-legend'), ...kinds.map((k) => el('span', {}, el('span', {class: `swatch ${colour(k)}`}), k)));
  const max = Math.max(1, ...rows.map((r) => r.supporters));
  const body = clear($('ta-list').tBodies[0]);
  rows.forEach((r, i) => {
    const bar = el('div', {class: 'stack', style: `width:${(100 * r.supporters) / max}%`},
      ...kinds.filter((k) => r.by_kind && r.by_kind[k]).map((k) =>
        el('span', {class: colour(k), style: `flex:${r.by_kind[k]}`, title: `${k}: ${r.by_kind[k]}`})));
    const tr = el('tr', {dataset: {target: r.target}},
      el('td', {}, el('a', {href: hashFor('who', {who: r.target, as_of: asOf}), class: 'actor'}, r.target),
         r.target_kind ? el('span', {class: 'kind'}, r.target_kind) : null),
      el('td', {class: 'num'}, String(r.supporters)),
      el('td', {class: 'barcell'}, bar),
      el('td', {class: 'num'}, r.members ? formatCount(r.members) : '—',
         r.members && r.supporters_with_members < r.supporters
           ? el('span', {class: 'muted', title: 'supporters whose membership the knowledge base gives'},
                   ` (known for ${r.supporters_with_members} of ${r.supporters})`) : null));
    tr.hidden = i >= tallyShown;
    body.append(tr);
  });
  if (!rows.length) body.append(el('tr', {}, el('td', {colspan: 4, class: 'empty'}, 'No supporters on record for that date.')));
  const more = $('ta-more');
  more.hidden = rows.length <= tallyShown;
  more.textContent = `Show all ${rows.length} targets`;
}

function rank(kind) {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

// ---- router ------------------------------------------------------------------------------

const RENDER = {who: renderWho, timeline: renderTimeline, switches: renderSwitches, tally: renderTally};

async function render() {
  const {view, params} = readHash();
  const hash = location.hash;
  const mine = ++ticket;
  lastHash[view] = location.hash || '#who';
  for (const v of VIEWS) $(`view-${v}`).hidden = v !== view;
  for (const a of document.querySelectorAll('nav a')) {
    a.classList.toggle('active', a.dataset.view === view);
    a.href = lastHash[a.dataset.view] || `#${a.dataset.view}`;
  }
  closeEvidence();
  clearError();
  setState('loading', hash);
  try {
    await RENDER[view](params, mine);
    if (mine === ticket) setState('ready', hash);
  } catch (err) {
    if (mine !== ticket) return;
    if (view === 'who') $('who-columns').hidden = true;
    if (view === 'timeline') {
      clear($('tl-chart'));
      $('tl-list').hidden = true;
      $('tl-legend').hidden = true;
      $('tl-title').textContent = '';
      timelineData = null;
    }
    if (view === 'who') $('who-title').textContent = '';
    showError(err, hash);
  }
}

function init() {
  initEvidence();
  const whoPicker = attachPicker($('who-target'), () => $('who-form').requestSubmit(), targetNames);
  const tlPicker = attachPicker($('tl-actor'), () => $('tl-form').requestSubmit(), targetNames);
  $('who-form').addEventListener('submit', (e) => {
    e.preventDefault();
    whoPicker.close();
    go('who', {who: $('who-target').value.trim(), as_of: $('who-date').value});
  });
  // A new date shows at once when a target is already chosen.
  $('who-date').addEventListener('change', () => {
    if ($('who-target').value.trim()) $('who-form').requestSubmit();
  });
  $('tl-form').addEventListener('submit', (e) => {
    e.preventDefault();
    tlPicker.close();
    go('timeline', {timeline: $('tl-actor').value.trim()});
  });
  $('sw-form').addEventListener('submit', (e) => {
    e.preventDefault();
    go('switches', {since: $('sw-since').value});
  });
  $('sw-since').addEventListener('change', () => $('sw-form').requestSubmit());
  $('sw-filter').addEventListener('input', applyFilter);
  $('ta-form').addEventListener('submit', (e) => {
    e.preventDefault();
    tallyShown = TALLY_PAGE;
    go('tally', {as_of: $('ta-date').value, weight: $('ta-members').checked ? 'members' : ''});
  });
  $('ta-date').addEventListener('change', () => $('ta-form').requestSubmit());
  $('ta-members').addEventListener('change', () => $('ta-form').requestSubmit());
  $('ta-more').addEventListener('click', () => {
    tallyShown = Infinity;
    for (const tr of $('ta-list').tBodies[0].rows) tr.hidden = false;
    $('ta-more').hidden = true;
  });
  // The chart is drawn to its container's width: redraw when that changes (window resized,
  // evidence panel opened or closed).
  let resizeTimer = 0;
  let chartWidth = 0;
  new ResizeObserver(([entry]) => {
    const width = Math.round(entry.contentRect.width);
    if (width === chartWidth) return;
    chartWidth = width;
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(drawChart, 80);
  }).observe($('tl-chart'));
  window.addEventListener('hashchange', render);
  render();
}

init();
