// DOM helpers and the Korean wording shared by every view. Text goes in through textContent only.

/** h('a', {href: '#/'}, 'text', child) → element; attributes starting with "on" become listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith('on')) el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (value !== null && value !== undefined) el.setAttribute(key, value);
  }
  append(el, children);
  return el;
}

export const TOXICITY_KO = {
  deadly: '치명적', severe: '위험', moderate: '중간', mild: '약함', none: '알려진 독성 없음',
};

const PART_KO = {
  'whole plant': '식물 전체', leaf: '잎', root: '뿌리', flower: '꽃', sap: '즙', seed: '씨앗', bulb: '비늘줄기',
  fruit: '열매', rhizome: '뿌리줄기', stem: '줄기', bark: '껍질', nectar: '꿀', corm: '알줄기', latex: '유액',
  petiole: '잎자루', bud: '눈', 'unripe capsule': '덜 익은 열매', tuber: '덩이줄기', 'outer seed coat': '씨 껍질',
  sprout: '싹', 'green skin': '초록 껍질',
};

export function partsKo(parts) {
  return (parts || []).map(part => PART_KO[part] || part).join(', ');
}

export function toxicityBadge(plant) {
  return plant.poisonous
    ? h('span', { class: 'badge toxic' }, `독초 · ${TOXICITY_KO[plant.toxicity] || '독성 있음'}`)
    : h('span', { class: 'badge safe' }, TOXICITY_KO.none);
}

/**
 * The plant's photo, or a drawn leaf with its first letter when it has none or it fails to load.
 * Lazy, with an intrinsic size (4:3 unless the image's own is known) so the page does not jump.
 */
export function plantImage(plant, className = 'thumb', image = null) {
  const alt = `${plant.name_ko} 사진`;
  const src = image?.url || plant.image_url;
  if (!src) return placeholder(plant, className);
  const [width, height] = image?.width > 0 && image?.height > 0 ? [image.width, image.height] : [400, 300];
  const img = h('img', { class: className, src, alt, loading: 'lazy', decoding: 'async', width, height });
  img.addEventListener('error', () => img.replaceWith(placeholder(plant, className)), { once: true });
  return img;
}

/** "사진: 홍길동 · CC BY 4.0" for an image {credit, license, source}; null when there is nothing to credit. */
export function photoCredit(image, { link = false } = {}) {
  if (!image || !(image.credit || image.license)) return null;
  const source = link && /^https?:\/\//.test(image.source || '') ? image.source : null;
  return h('small', { class: 'credit' }, `사진: ${[image.credit, image.license].filter(Boolean).join(' · ')}`,
    source ? [' · ', h('a', { href: source, rel: 'noopener noreferrer', target: '_blank' }, '출처')] : null);
}

/** A photo with its credit under it (the drawn leaf alone when there is no photo). */
export function plantPhoto(plant, image, className = 'thumb', options = {}) {
  return h('figure', { class: `photo ${className}-photo` }, plantImage(plant, className, image),
    image ? photoCredit(image, options) : null);
}

function placeholder(plant, className) {
  const hue = [...(plant.id || '')].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 360, 7);
  return svg('svg', { class: className, viewBox: '0 0 120 90', role: 'img', 'aria-label': `${plant.name_ko} 그림 (사진 없음)` },
    svg('rect', { width: 120, height: 90, fill: `hsl(${hue} 35% 90%)` }),
    svg('path', { d: 'M60 12C38 28 34 52 44 74c10 6 22 6 32 0C86 52 82 28 60 12z', fill: `hsl(${hue} 40% 38%)` }),
    svg('path', { d: 'M60 20v58', stroke: '#fff', 'stroke-width': 2 }),
    svg('text', { x: 60, y: 54, 'text-anchor': 'middle', 'font-size': 20, fill: '#fff', 'font-weight': 700 },
      (plant.name_ko || '?').charAt(0)));
}

export function errorBox(message, retry) {
  return h('div', { class: 'notice error-box', role: 'alert' },
    h('p', {}, message),
    retry ? h('button', { type: 'button', class: 'secondary', onclick: retry }, '다시 시도') : null);
}

export function plantHref(id) {
  return `#/plants/${encodeURIComponent(id)}`;
}

/** "곰취와", "동의나물과": the Korean "and/with" particle chosen by the last syllable's final consonant. */
export function withParticle(word) {
  const code = (word || '').charCodeAt(word.length - 1) - 0xac00;
  return word + (code >= 0 && code < 11172 && code % 28 !== 0 ? '과' : '와');
}
