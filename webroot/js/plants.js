// Encyclopedia (도감): cards on the cursor API with infinite scroll, and one plant's entry.
import { h, errorBox, plantImage, plantPhoto, photoCredit, toxicityBadge, partsKo, plantHref, withParticle, TOXICITY_KO } from './ui.js';
import { get, withQuery } from './api.js';

const PAGE_SIZE = 12;
const FILTERS = [['', '전체'], ['true', '독초만'], ['false', '알려진 독성 없음']];

export function renderPlantList(main, { params, signal }) {
  const poisonous = ['true', 'false'].includes(params.get('poisonous')) ? params.get('poisonous') : '';
  const identifiable = params.get('identifiable') === 'true' ? 'true' : '';
  const cards = h('ul', { class: 'cards', 'aria-label': '식물 목록' });
  const status = h('p', { class: 'list-status', role: 'status', 'aria-live': 'polite' });
  const sentinel = h('div', { class: 'sentinel', 'aria-hidden': 'true' });
  main.append(h('h1', {}, '식물 도감'), filterControls(poisonous, identifiable), cards, status, sentinel);

  const seen = new Set();
  let cursor = null;
  let done = false;
  let loading = false;
  const loadMore = async () => {
    if (loading || done || signal.aborted) return;
    loading = true;
    status.textContent = '불러오는 중…';
    try {
      const page = await get(withQuery('/api/v1/plants', { limit: PAGE_SIZE, cursor, poisonous, identifiable }), { signal });
      const fresh = page.items.filter(plant => !seen.has(plant.id));
      fresh.forEach(plant => seen.add(plant.id));
      cards.append(...fresh.map(plant => plantCard(plant, signal)));
      cursor = page.next_cursor;
      done = !cursor;
      status.textContent = done ? (seen.size ? `식물 ${seen.size}종을 모두 보여 드렸어요.` : '해당하는 식물이 없어요.') : '';
      loading = false;
      // The observer only fires on changes: keep filling while the sentinel is still in view.
      if (!done && nearViewport(sentinel)) loadMore();
    } catch (error) {
      loading = false;
      if (error.name !== 'AbortError') status.replaceChildren(errorBox(error.message, loadMore));
    }
  };
  const observer = new IntersectionObserver(entries => {
    if (entries.some(entry => entry.isIntersecting)) loadMore();
  }, { rootMargin: '300px 0px' });
  observer.observe(sentinel);
  signal.addEventListener('abort', () => observer.disconnect());
}

function nearViewport(el) {
  return el.getBoundingClientRect().top < window.innerHeight + 300;
}

/** The filters live in the URL: a filtered 도감 is a link that survives a reload. */
function filterControls(poisonous, identifiable) {
  const go = changes => { location.hash = withQuery('#/plants', { poisonous, identifiable, ...changes }); };
  return h('fieldset', { class: 'filters' },
    h('legend', {}, '보기'),
    FILTERS.map(([value, label]) => h('label', {},
      h('input', { type: 'radio', name: 'poisonous', value, checked: value === poisonous, onchange: () => go({ poisonous: value }) }),
      h('span', {}, label))),
    h('label', {},
      h('input', {
        type: 'checkbox', name: 'identifiable', checked: identifiable === 'true',
        onchange: e => go({ identifiable: e.target.checked ? 'true' : '' }),
      }),
      h('span', {}, '사진으로 판별 가능')));
}

function plantCard(plant, signal) {
  const credit = h('div', { class: 'credit-slot' });
  if (plant.image_url) showCredit(plant.id, credit, signal);
  return h('li', { class: 'card', 'data-plant': plant.id },
    h('a', { href: plantHref(plant.id) },
      plantImage(plant),
      credit,
      h('div', { class: 'body' },
        h('h2', {}, plant.name_ko),
        h('div', { class: 'sci' }, plant.scientific_name),
        toxicityBadge(plant))));
}

/** A PlantSummary has the photo but not its credit: the entry has it (only photographed plants ask). */
async function showCredit(id, slot, signal) {
  try {
    const plant = await get(`/api/v1/plants/${encodeURIComponent(id)}`, { signal });
    const credit = photoCredit(images(plant)[0]);
    if (credit) slot.append(credit);
  } catch {
    // a missing credit line is no reason to disturb the list
  }
}

export async function renderPlantDetail(main, { match, signal }) {
  const id = decodeURIComponent(match[1]);
  main.append(h('p', { role: 'status' }, '불러오는 중…'));
  let plant;
  try {
    plant = await get(`/api/v1/plants/${encodeURIComponent(id)}`, { signal });
  } catch (error) {
    if (error.name === 'AbortError') return;
    const message = error.status === 404 ? '도감에 없는 식물이에요.' : error.message;
    main.replaceChildren(h('h1', {}, '식물 도감'), errorBox(message), h('a', { href: '#/plants' }, '도감으로 돌아가기'));
    return;
  }
  document.title = `${plant.name_ko} · 독초 판별`;
  main.replaceChildren(...plantEntry(plant).filter(Boolean));
}

function plantEntry(plant) {
  const lookalikes = plant.lookalikes || [];
  return [
    h('div', { class: 'detail-head' },
      plantPhoto(plant, images(plant)[0] || null, 'thumb', { link: true }),
      h('div', {},
        h('h1', {}, plant.name_ko),
        h('p', { class: 'sci' }, h('i', {}, plant.scientific_name), plant.family_ko ? ` · ${plant.family_ko}` : ''),
        (plant.aliases_ko || []).length ? h('p', {}, `다른 이름: ${plant.aliases_ko.join(', ')}`) : null,
        toxicityBadge(plant),
        h('p', {}, plant.identifiable ? '사진으로 판별할 수 있는 식물이에요.' : '아직 사진으로는 판별하지 못하는 식물이에요.'))),
    gallery(plant),
    section('설명', h('p', {}, plant.description_ko)),
    plant.poisonous ? section('독성',
      h('dl', { class: 'facts' },
        h('dt', {}, '위험도'), h('dd', {}, TOXICITY_KO[plant.toxicity] || plant.toxicity),
        h('dt', {}, '독성 부위'), h('dd', {}, partsKo(plant.toxic_parts) || '알려지지 않음'),
        h('dt', {}, '독성 물질'), h('dd', {}, (plant.toxins || []).join(', ') || '알려지지 않음'),
        h('dt', {}, '중독 증상'), h('dd', {}, plant.symptoms_ko || '알려지지 않음'))) : null,
    lookalikes.length ? section(`${withParticle(plant.name_ko)} 닮은 식물`,
      h('ul', { class: 'cards' }, lookalikes.map(plant => plantCard(plant))),
      plant.distinguishing_ko ? h('p', {}, h('strong', {}, '구별법: '), plant.distinguishing_ko) : null) : null,
    (plant.bloom_months || []).length ? section('꽃 피는 달', bloomMonths(plant.bloom_months)) : null,
    plant.habitat_ko ? section('자라는 곳', h('p', {}, plant.habitat_ko)) : null,
    plant.edible_notes_ko ? section('먹는 식물로 알려진 점',
      h('p', {}, plant.edible_notes_ko),
      h('p', {}, h('strong', {}, '닮은 독초가 있을 수 있어요. 확실히 알아볼 수 없으면 먹지 마세요.'))) : null,
    plant.flower_language_ko ? section('꽃말', h('p', {}, plant.flower_language_ko)) : null,
  ];
}

function section(title, ...content) {
  return h('section', {}, h('h2', {}, title), content);
}

/** The plant's images as {url, credit, license, source, width, height}, first one first. */
function images(plant) {
  return (plant.images || []).map(image => (typeof image === 'string' ? { key: image } : image))
    .map(image => ({ ...image, url: image.url || (image.key ? `/images/${image.key}` : null) }))
    .filter(image => image.url);
}

/** Every photo after the first, each with its credit. */
function gallery(plant) {
  const more = images(plant).slice(1);
  if (!more.length) return null;
  return section('사진', h('ul', { class: 'gallery' }, more.map((image, i) => h('li', {},
    h('figure', { class: 'photo' },
      h('img', { src: image.url, alt: `${plant.name_ko} 사진 ${i + 2}`, loading: 'lazy', decoding: 'async', width: image.width || 400, height: image.height || 300 }),
      photoCredit(image, { link: true }))))));
}

function bloomMonths(months) {
  return h('ol', { class: 'months', 'aria-label': `꽃 피는 달: ${months.join(', ')}월` },
    Array.from({ length: 12 }, (_, i) => h('li', { class: months.includes(i + 1) ? 'on' : null, 'aria-hidden': 'true' }, `${i + 1}월`)));
}
