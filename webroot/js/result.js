// An identification: live status over the event bus (HTTP polling with ETag when the socket fails),
// then the result, warning first. No wording here may ever tell the user a plant is safe to eat.
import { h, errorBox, plantImage, photoCredit, toxicityBadge, partsKo, plantHref, withParticle } from './ui.js';
import { feedbackPanel } from './feedback.js';
import { getJson, get } from './api.js';
import { subscribe } from './live.js';

const POLL_MS = 1000;
const SAFETY_POLL_MS = 10000;
const STEPS = [['queued', '대기 중'], ['running', '분석 중'], ['done', '결과']];

export function renderIdentification(main, { match, signal }) {
  const id = decodeURIComponent(match[1]);
  const steps = h('ol', { class: 'steps', 'aria-label': '진행 단계' });
  const status = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' }, '불러오는 중…');
  const body = h('div', { class: 'result' });
  main.append(h('h1', {}, '판별 결과'), steps, status, body);
  new JobWatcher(id, signal, job => show(job, { steps, status, body, signal }), error => {
    status.textContent = '';
    body.replaceChildren(errorBox(error.message, () => location.reload()));
  }).start();
}

/** Follows one job until it ends: HTTP first, then the socket, with polling as the fallback. */
class JobWatcher {
  constructor(id, signal, onJob, onError) {
    Object.assign(this, { id, signal, onJob, onError, etag: null, job: null, timer: null, polling: false });
  }

  async start() {
    if (!(await this.fetch()) || this.done()) return;
    this.unsubscribe = subscribe(`identifications.${this.id}`, job => this.update(job), () => this.poll(POLL_MS));
    this.signal.addEventListener('abort', () => this.stop());
    // The job may have finished between our read and the registration: read once more, then
    // keep a slow safety poll in case a message is lost.
    this.schedule(500);
  }

  stop() {
    this.unsubscribe?.();
    this.unsubscribe = null;
    clearTimeout(this.timer);
  }

  schedule(delay) {
    clearTimeout(this.timer);
    if (this.done() || this.signal.aborted) return;
    this.timer = setTimeout(async () => {
      if (await this.fetch()) this.schedule(this.polling ? this.retryAfter : SAFETY_POLL_MS);
    }, delay);
  }

  poll(delay) {
    if (this.polling) return;
    this.polling = true;
    this.retryAfter = delay;
    this.schedule(delay);
  }

  /** Conditional GET; false when the watch must stop. */
  async fetch() {
    try {
      const { body, response, notModified } = await getJson(`/api/v1/identifications/${encodeURIComponent(this.id)}`,
        { signal: this.signal, headers: this.etag ? { 'If-None-Match': this.etag } : {} });
      const retryAfter = Number(response.headers.get('Retry-After'));
      if (retryAfter > 0) this.retryAfter = retryAfter * 1000;
      if (!notModified) {
        this.etag = response.headers.get('ETag');
        this.update(body);
      }
      return true;
    } catch (error) {
      if (error.name === 'AbortError') return false;
      if (error.status === 0 && this.job) { // offline for a moment: keep trying
        this.poll(3000);
        return true;
      }
      this.onError(error);
      return false;
    }
  }

  update(job) {
    if (!job || job.id !== this.id || this.signal.aborted || this.done()) return;
    this.job = job;
    this.onJob(job);
    if (this.done()) this.stop();
  }

  done() {
    return this.job && (this.job.status === 'succeeded' || this.job.status === 'failed');
  }
}

function show(job, { steps, status, body, signal }) {
  const stage = job.status === 'succeeded' || job.status === 'failed' ? 'done' : job.status;
  steps.replaceChildren(...STEPS.map(([key, label]) =>
    h('li', { 'aria-current': key === stage ? 'step' : null }, label)));
  steps.dataset.status = job.status;
  if (job.status === 'queued') status.textContent = '차례를 기다리는 중이에요…';
  else if (job.status === 'running') status.textContent = '사진을 분석하는 중이에요…';
  else if (job.status === 'failed') {
    status.textContent = '판별하지 못했어요.';
    body.replaceChildren(h('section', { class: 'banner uncertain', 'data-level': 'failed' },
      h('h2', {}, '판별하지 못했어요 — 먹지 마세요'),
      h('p', {}, job.error?.message || '사진을 분석하는 중에 문제가 생겼어요. 다른 사진으로 다시 해 주세요.')),
      h('p', {}, h('a', { class: 'button', href: '#/' }, '다시 판별하기')), advice());
  } else if (job.status === 'succeeded') {
    status.textContent = '판별이 끝났어요.';
    body.replaceChildren(...renderResult(job.result || {}), feedbackPanel(job.id, signal));
  }
}

function renderResult(result) {
  const candidates = result.candidates || [];
  const lookalikes = h('div', { class: 'lookalikes' });
  const list = h('ol', { class: 'candidates' }, candidates.map(renderCandidate));
  explainCandidates(candidates, list, lookalikes);
  return [
    banner(result),
    lookalikes,
    h('h2', {}, '비슷한 식물'),
    candidates.length ? list : h('p', {}, '비슷한 식물을 찾지 못했어요.'),
    h('p', {}, h('a', { class: 'button secondary', href: '#/' }, '다른 사진으로 다시 판별하기')),
    advice(),
  ];
}

/**
 * The warning, first and unmissable. A possible deadly/severe plant stays red even when unsure;
 * otherwise an unsure match (or a missing/unknown level) is the "uncertain — do not eat" banner.
 */
function banner(result) {
  const warning = result.warning || {};
  const uncertain = result.match !== 'confident' || !['danger', 'caution', 'none'].includes(warning.level);
  const notSure = '판별이 확실하지 않아요 — 먹지 마세요';
  const level = warning.level === 'danger' ? 'danger' : (uncertain ? 'uncertain' : warning.level);
  const title = {
    danger: '독초일 수 있어요 — 절대 먹지 마세요',
    caution: '주의: 독성이 있거나 독초와 헷갈리기 쉬운 식물이에요',
    uncertain: notSure,
    none: '알려진 독성 없음',
  }[level];
  return h('section', { class: `banner ${level}`, 'data-level': level, 'data-match': result.match || 'uncertain', role: 'alert' },
    h('h2', {}, title),
    warning.message ? h('p', {}, warning.message) : null,
    uncertain && level !== 'uncertain' ? h('p', {}, h('strong', {}, notSure)) : null,
    level === 'none' ? h('p', {}, '가장 비슷한 식물에 알려진 독성이 없다는 뜻일 뿐이에요. 확실히 알지 못하는 식물은 먹지 마세요.') : null,
    level === 'uncertain' ? h('p', {}, '사진만으로는 어떤 식물인지 확실하지 않아요. 잎·꽃·줄기를 밝은 곳에서 따로 찍어 다시 시도해 보세요.') : null);
}

function renderCandidate({ plant, score }) {
  const percent = Math.round((score || 0) * 100);
  const bar = h('span');
  bar.style.width = `${percent}%`; // CSSOM, not a style attribute: the CSP allows no inline styles
  return h('li', { class: `candidate ${plant.poisonous ? 'poisonous' : ''}`, 'data-plant': plant.id },
    plantImage(plant),
    h('div', {},
      h('h3', {}, h('a', { href: plantHref(plant.id) }, plant.name_ko)),
      h('div', { class: 'sci' }, plant.scientific_name),
      h('div', { class: 'credit-slot' }),
      toxicityBadge(plant),
      h('div', { class: 'scorebar', 'aria-hidden': 'true' }, bar),
      h('div', {}, `유사도 ${percent}%`),
      h('dl', { class: 'facts' })));
}

/** Loads each candidate's entry: toxic parts and symptoms, and the poisonous look-alikes to name. */
async function explainCandidates(candidates, list, lookalikes) {
  const details = await Promise.all(candidates.map(c =>
    get(`/api/v1/plants/${encodeURIComponent(c.plant.id)}`).catch(() => null)));
  details.forEach((plant, i) => {
    if (!plant) return;
    const credit = photoCredit((plant.images || [])[0]); // the summary's image_url is this first image
    if (credit) list.children[i].querySelector('.credit-slot').append(credit);
    const facts = list.children[i].querySelector('.facts');
    if (plant.poisonous) {
      facts.append(h('dt', {}, '독성 부위'), h('dd', {}, partsKo(plant.toxic_parts) || '알려지지 않음'),
        h('dt', {}, '중독 증상'), h('dd', {}, plant.symptoms_ko || '알려지지 않음'));
    }
    const toxicTwins = (plant.lookalikes || []).filter(l => l.poisonous);
    if (toxicTwins.length && (i === 0 || !plant.poisonous)) {
      lookalikes.append(h('p', { class: 'lookalike-warning' },
        h('strong', {}, `${withParticle(plant.name_ko)} 닮은 독초: `),
        toxicTwins.flatMap((twin, j) => [j ? ', ' : '', h('a', { href: plantHref(twin.id) }, twin.name_ko)]),
        plant.distinguishing_ko ? h('span', {}, ` — ${plant.distinguishing_ko}`) : null));
    }
  });
}

function advice() {
  return h('section', { class: 'advice', 'aria-labelledby': 'advice-title' },
    h('h2', { id: 'advice-title' }, '먹었거나 만졌다면'),
    h('ul', {},
      h('li', {}, '증상이 있거나 많이 먹었다면 바로 ', h('a', { href: 'tel:119' }, '119'), '에 전화하세요.'),
      h('li', {}, '어떻게 해야 할지 모르겠다면 ', h('a', { href: 'tel:1339' }, '1339 (중독정보 상담)'), '에 물어보세요.'),
      h('li', {}, '억지로 토하게 하지 말고, 입을 물로 헹구세요. 피부에 닿았다면 흐르는 물로 씻으세요.'),
      h('li', {}, '먹은 식물이나 사진을 병원에 가져가세요.')));
}
