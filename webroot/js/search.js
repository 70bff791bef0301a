// As-you-type search on the search API (typos, 초성 and wrong keyboard mode are the server's job);
// the query lives in the URL so a reload shows the same results.
import { h, errorBox, plantImage, toxicityBadge, plantHref } from './ui.js';
import { get, withQuery } from './api.js';

const DEBOUNCE_MS = 200;

export function renderSearch(main, { params, signal }) {
  const input = h('input', {
    id: 'search-input', type: 'search', name: 'q', autocomplete: 'off', enterkeyhint: 'search',
    value: params.get('q') || '', 'aria-describedby': 'search-hint', 'aria-controls': 'search-results',
  });
  const status = h('p', { class: 'list-status', role: 'status', 'aria-live': 'polite' });
  const results = h('ul', { id: 'search-results', class: 'results', 'aria-label': '검색 결과' });
  main.append(
    h('h1', {}, '식물 검색'),
    h('form', { role: 'search', onsubmit: e => { e.preventDefault(); run(); } },
      h('label', { for: input.id }, '식물 이름'),
      input,
      h('p', { id: 'search-hint', class: 'lead' }, '오타, 초성(ㅈㄷㄹ), 한/영 전환을 잊고 친 글자(wlsekffo)도 찾아요.')),
    status, results);

  let timer = null;
  let inFlight = null;
  const run = async () => {
    const q = input.value.trim();
    history.replaceState(null, '', withQuery('#/search', { q }));
    inFlight?.abort();
    if (!q) {
      results.replaceChildren();
      status.textContent = '';
      return;
    }
    inFlight = new AbortController();
    try {
      const page = await get(withQuery('/api/v1/plants/search', { q, limit: 20 }), { signal: inFlight.signal });
      results.replaceChildren(...page.items.map(item => resultRow(item, q)));
      status.textContent = page.items.length ? `${page.items.length}개를 찾았어요.` : `'${q}'와 비슷한 식물이 없어요.`;
    } catch (error) {
      if (error.name !== 'AbortError') status.replaceChildren(errorBox(error.message, run));
    }
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, DEBOUNCE_MS); });
  // Leaving the page cancels the pending keystroke and the search in flight (one listener, not one per search).
  signal.addEventListener('abort', () => { clearTimeout(timer); inFlight?.abort(); });
  if (input.value) run();
  queueMicrotask(() => input.focus());
}

const HOW_FOUND = { typo: '오타를 고쳐서 찾았어요', initials: '초성으로 찾았어요', keyboard: '한/영 자판을 바꿔서 찾았어요' };

/** matched = {field, value, kind}: the name that matched is highlighted, and why it matched is said. */
function resultRow(item, query) {
  const matched = item.matched || {};
  const marked = field => (field === matched.field ? highlight(item[field] || '', query) : item[field] || '');
  return h('li', { 'data-plant': item.id },
    h('a', { href: plantHref(item.id) },
      plantImage(item),
      h('div', {},
        h('strong', { class: 'name' }, marked('name_ko')),
        h('div', { class: 'sci' }, marked('scientific_name'), item.name_en ? ' · ' : '', item.name_en ? marked('name_en') : ''),
        matched.field === 'aliases_ko' ? h('div', {}, '다른 이름: ', h('mark', {}, matched.value)) : null,
        HOW_FOUND[matched.kind] ? h('div', { class: 'how-found' }, HOW_FOUND[matched.kind]) : null,
        toxicityBadge(item))));
}

/** Marks the query inside the name when it is there literally; a name found by typo, 초성 or keyboard is marked whole. */
function highlight(text, query) {
  const at = text.toLowerCase().indexOf(query.toLowerCase());
  if (at < 0) return h('mark', {}, text);
  return [text.slice(0, at), h('mark', {}, text.slice(at, at + query.length)), text.slice(at + query.length)];
}
