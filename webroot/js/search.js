// As-you-type search on the search API (typos, 초성 and wrong keyboard mode are the server's job);
// the query lives in the URL so a reload shows the same results.
import { h, errorBox, plantImage, toxicityBadge, plantHref } from './ui.js';
import { get, withQuery } from './api.js';

const DEBOUNCE_MS = 200;
const NAME_FIELDS = ['name_ko', 'name_en', 'scientific_name'];

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
    signal.addEventListener('abort', () => inFlight.abort(), { once: true });
    try {
      const page = await get(withQuery('/api/v1/plants/search', { q, limit: 20 }), { signal: inFlight.signal });
      results.replaceChildren(...page.items.map(item => resultRow(item, q)));
      status.textContent = page.items.length ? `${page.items.length}개를 찾았어요.` : `'${q}'와 비슷한 식물이 없어요.`;
    } catch (error) {
      if (error.name !== 'AbortError') status.replaceChildren(errorBox(error.message, run));
    }
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(run, DEBOUNCE_MS); });
  signal.addEventListener('abort', () => clearTimeout(timer));
  if (input.value) run();
  queueMicrotask(() => input.focus());
}

function resultRow(item, query) {
  const terms = matchedTerms(item.matched);
  const marked = field => highlight(item[field] || '', terms, query, terms.fields.has(field));
  return h('li', { 'data-plant': item.id },
    h('a', { href: plantHref(item.id) },
      plantImage(item),
      h('div', {},
        h('strong', { class: 'name' }, marked('name_ko')),
        h('div', { class: 'sci' }, marked('scientific_name'), item.name_en ? ' · ' : '', item.name_en ? marked('name_en') : ''),
        toxicityBadge(item))));
}

/**
 * "matched" says what the server matched: field names, matched text, or objects holding them.
 * Field names mark the whole field; text marks its occurrences.
 */
function matchedTerms(matched) {
  const texts = [];
  const fields = new Set();
  const visit = value => {
    if (typeof value === 'string') NAME_FIELDS.includes(value) ? fields.add(value) : texts.push(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(matched);
  return Object.assign(texts, { fields });
}

function highlight(text, terms, query, wholeField) {
  if (!text) return '';
  if (wholeField) return h('mark', {}, text);
  const needles = [...terms, query].filter(t => t && text.toLowerCase().includes(t.toLowerCase()));
  if (!needles.length) return text;
  const needle = needles.sort((a, b) => b.length - a.length)[0];
  const at = text.toLowerCase().indexOf(needle.toLowerCase());
  return [text.slice(0, at), h('mark', {}, text.slice(at, at + needle.length)), text.slice(at + needle.length)];
}
