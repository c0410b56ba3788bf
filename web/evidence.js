// The evidence drawer: the sentences that state a position (or a conflict) and the articles
// they come from. Everything shown comes from the `sources` the API already returned; when a
// source carries a stance id, /api/stances/ID adds what it knows (the article's url, title).
import {getJson} from './api.js';
import {el, clear, niceDate, endReason} from './util.js';

const drawer = () => document.getElementById('evidence');
const body = () => document.getElementById('evidence-body');
let lastFocus = null;

export function initEvidence() {
  document.getElementById('evidence-close').addEventListener('click', closeEvidence);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !drawer().hidden) closeEvidence();
  });
}

export function closeEvidence() {
  drawer().hidden = true;
  document.body.classList.remove('drawer-open');
  document.querySelectorAll('.selected').forEach((n) => n.classList.remove('selected'));
  if (lastFocus && document.contains(lastFocus)) lastFocus.focus();
}

function open(trigger) {
  document.querySelectorAll('.selected').forEach((n) => n.classList.remove('selected'));
  if (trigger) trigger.classList.add('selected');
  lastFocus = trigger || null;
  clear(body());
  drawer().hidden = false;
  // On a wide screen the page makes room for the panel rather than hiding under it.
  document.body.classList.add('drawer-open');
}

function stanceTag(stance) {
  return el('span', {class: `tag stance-${stance}`}, stance);
}

// One position: holder, stance, target, its dates, and each source's sentence.
export function showPosition(position, trigger) {
  open(trigger);
  const p = position;
  body().append(
    el('p', {class: 'claim'},
       el('strong', {}, p.holder), ' ', stanceTag(p.stance), ' ', el('strong', {}, p.target)),
    el('dl', {class: 'facts'},
       el('dt', {}, 'In force'),
       el('dd', {}, `${niceDate(p.from, 'start unknown')} → `,
          p.until ? `${niceDate(p.until)} (${endReason(p.ended)})` : 'still open'),
       el('dt', {}, 'Status'), el('dd', {}, p.status || '—'),
       p.ended_by ? el('dt', {}, 'Ended by') : null,
       p.ended_by ? el('dd', {}, 'article ', el('code', {}, p.ended_by)) : null),
    el('h3', {}, (p.sources || []).length === 1 ? 'Source' : `Sources (${(p.sources || []).length})`),
    ...(p.sources || []).map((s) => sourceBlock(s)));
}

// A conflict: two sources about one holder and target that disagree.
export function showConflict(conflict, trigger) {
  open(trigger);
  body().append(
    el('p', {class: 'claim'}, 'Sources disagree about where ', el('strong', {}, conflict.holder),
       ' stands on ', el('strong', {}, conflict.target), '.'),
    ...[conflict.a, conflict.b].filter(Boolean).map((s) => sourceBlock(s, s.stance)));
}

function sourceBlock(source, stance) {
  const meta = el('dl', {class: 'facts small'},
    el('dt', {}, 'Article'), el('dd', {class: 'article-id'}, articleLink(source)),
    el('dt', {}, 'Published'), el('dd', {}, niceDate(source.date)),
    source.time ? el('dt', {}, 'Stance dated') : null,
    source.time ? el('dd', {}, niceDate(source.time)) : null,
    el('dt', {}, 'Status'), el('dd', {}, source.status || '—'),
    source.source ? el('dt', {}, 'Read from') : null,
    source.source ? el('dd', {class: 'path'}, source.source) : null);
  const block = el('div', {class: 'source'},
    stance ? el('p', {}, 'Says: ', stanceTag(stance)) : null,
    el('blockquote', {class: 'evidence-text'}, source.evidence || '(no sentence stored)'),
    meta);
  const id = stanceId(source);
  if (id !== null) enrich(id, meta);
  return block;
}

function articleLink(source) {
  const id = el('code', {}, source.article || '—');
  if (!source.url) return id;
  return el('span', {}, id, ' ', el('a', {href: source.url, target: '_blank', rel: 'noopener noreferrer'},
                                     source.title || 'open the article ↗'));
}

function stanceId(source) {
  for (const key of ['stance_id', 'id']) {
    if (Number.isInteger(source[key])) return source[key];
  }
  return null;
}

// Adds what /api/stances/ID knows beyond the source: the article's title and url, whether its
// date was inferred, who said the sentence, and where it sits in the article.
async function enrich(id, meta) {
  let stance;
  try {
    stance = await getJson(`stances/${encodeURIComponent(id)}`);
  } catch {
    return;  // the sentence and the article id are already shown; the rest is extra
  }
  if (!meta.isConnected) return;
  const add = (term, ...value) => meta.append(el('dt', {}, term), el('dd', {}, ...value));
  const articleCell = meta.querySelector('.article-id');
  if (stance.title) articleCell.append(el('div', {class: 'article-title'}, stance.title));
  if (stance.url && !articleCell.querySelector('a')) {
    articleCell.append(el('div', {}, el('a', {href: stance.url, target: '_blank', rel: 'noopener noreferrer'},
                                        'open the article ↗')));
  }
  if (stance.date_inferred) add('Date', 'inferred from the text (the article gave none)');
  if (stance.speaker) add('Said by', stance.speaker);
  if (Number.isInteger(stance.evidence_start) && Number.isInteger(stance.evidence_end)) {
    add('In the text', `characters ${stance.evidence_start}–${stance.evidence_end}`);
  }
  add('Record', `stance #${stance.id ?? id}`, stance.rule ? el('span', {class: 'muted'}, ` (rule: ${stance.rule})`) : null);
}
