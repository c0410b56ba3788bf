// A search box with suggestions from /api/actors?q=. Picking a suggestion (click, or arrows
// and Enter) fills the box and calls onPick(name). Typing a full name and pressing Enter
// submits the form as usual, so the picker never stands in the way.
import {searchActors} from './api.js';
import {el, clear} from './util.js';

export function attachPicker(input, onPick, fallbackNames = () => []) {
  const list = el('ul', {class: 'suggest', role: 'listbox', hidden: true});
  input.after(list);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  let active = -1;
  let items = [];
  let timer = 0;
  let ticket = 0;

  const close = () => {
    // A lookup still pending must not reopen the list after a pick or a submit.
    clearTimeout(timer);
    ticket++;
    list.hidden = true;
    active = -1;
    input.setAttribute('aria-expanded', 'false');
  };
  const highlight = (i) => {
    active = i;
    [...list.children].forEach((li, j) => li.classList.toggle('active', j === i));
  };
  const pick = (name) => {
    input.value = name;
    close();
    onPick(name);
  };
  const show = (found) => {
    items = found.slice(0, 10);
    clear(list);
    for (const [i, a] of items.entries()) {
      list.append(el('li', {
        role: 'option',
        dataset: {name: a.name},
        // mousedown, not click: it fires before the input loses focus and closes the list.
        onmousedown: (e) => { e.preventDefault(); pick(a.name); },
        onmouseenter: () => highlight(i),
      }, el('span', {class: 'name'}, a.name), a.kind ? el('span', {class: 'kind'}, a.kind) : null));
    }
    list.hidden = items.length === 0;
    input.setAttribute('aria-expanded', String(!list.hidden));
    active = -1;
  };

  const lookup = async () => {
    const q = input.value.trim();
    if (q.length < 2) return close();
    const mine = ++ticket;
    let found;
    try {
      found = await searchActors(q);
    } catch {
      // Without the search endpoint, suggest from the names this page already knows.
      const lower = q.toLowerCase();
      found = fallbackNames().filter((n) => n.toLowerCase().includes(lower)).map((name) => ({name}));
    }
    if (mine === ticket && document.activeElement === input) show(found);
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(lookup, 150);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      highlight(Math.min(active + 1, items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      pick(items[active].name);
    } else if (e.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  return {close};
}
