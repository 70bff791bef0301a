// Picking one catalog plant by name through the typo-tolerant search API: the feedback form
// ("what is it really?") and the review page (which plant to file the photos under) share it.
import { h, plantImage, toxicityBadge } from './ui.js';
import { get, withQuery } from './api.js';

const DEBOUNCE_MS = 200;
const RESULTS = 6;
let count = 0;

/**
 * → {element, value(), set(plant)}: value() is the picked PlantSummary or null. {@code onPick}
 * hears every change; {@code initial} (a PlantSummary) starts picked.
 */
export function plantPicker({ label, hint, signal, initial = null, onPick = () => {} }) {
  const id = `plant-picker-${++count}`;
  const input = h('input', {
    id, type: 'search', autocomplete: 'off', enterkeyhint: 'search', maxlength: 50,
    'aria-controls': `${id}-results`, 'aria-describedby': hint ? `${id}-hint` : null,
  });
  const results = h('ul', { id: `${id}-results`, class: 'picker-results', 'aria-label': `${label} 검색 결과` });
  const status = h('p', { class: 'picker-status', role: 'status', 'aria-live': 'polite' });
  const chosen = h('div', { class: 'picker-chosen' });
  const searchPart = h('div', { class: 'picker-search' },
    h('label', { for: id }, label), hint ? h('p', { id: `${id}-hint`, class: 'hint' }, hint) : null, input, status, results);
  const element = h('div', { class: 'picker' }, chosen, searchPart);
  let picked = null;
  let timer = null;
  let inFlight = null;

  const pick = plant => {
    picked = plant;
    searchPart.hidden = !!plant;
    chosen.hidden = !plant;
    chosen.replaceChildren(...(plant ? [
      h('p', { class: 'picked' }, '고른 식물: ', h('strong', {}, plant.name_ko), plant.scientific_name ? ` (${plant.scientific_name})` : ''),
      h('button', { type: 'button', class: 'secondary', onclick: () => { pick(null); input.focus(); } }, '다른 식물 고르기'),
    ] : []));
    onPick(plant);
  };
  const search = async () => {
    const q = input.value.trim();
    inFlight?.abort();
    if (!q) {
      results.replaceChildren();
      status.textContent = '';
      return;
    }
    inFlight = new AbortController();
    try {
      const page = await get(withQuery('/api/v1/plants/search', { q, limit: RESULTS }), { signal: inFlight.signal });
      results.replaceChildren(...page.items.map(item => h('li', {},
        h('button', { type: 'button', class: 'pick', 'data-plant': item.id, onclick: () => pick(item) },
          plantImage(item),
          h('span', { class: 'pick-name' }, h('strong', {}, item.name_ko), h('span', { class: 'sci' }, item.scientific_name)),
          toxicityBadge(item)))));
      status.textContent = page.items.length ? '아래에서 골라 주세요.' : '비슷한 이름의 식물이 도감에 없어요.';
    } catch (error) {
      if (error.name !== 'AbortError') status.textContent = error.message;
    }
  };
  input.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(search, DEBOUNCE_MS); });
  input.addEventListener('keydown', e => {
    if (e.key !== 'Enter') return;
    e.preventDefault(); // searching, not submitting the form around the picker
    clearTimeout(timer);
    search();
  });
  signal?.addEventListener('abort', () => { clearTimeout(timer); inFlight?.abort(); });
  pick(initial);
  return { element, value: () => picked, set: pick };
}
