// Review of contributed photos (operators only). The admin token is asked once per browser
// session and kept in sessionStorage: never in the URL, gone when the tab closes.
import { h, errorBox } from './ui.js';
import { get, postJson, withQuery } from './api.js';
import { plantPicker } from './picker.js';

const TOKEN_KEY = 'poison.admin-token';
const PAGE_SIZE = 10;
const STATUSES = [['pending', '검토 대기'], ['approved', '승인됨'], ['rejected', '거절됨']];
const VERDICT_KO = { correct: '맞아요', wrong: '아니에요', unsure: '잘 모르겠어요' };
const MATCH_KO = { confident: '확실함', uncertain: '확실하지 않음' };
const USE_KO = { catalog: '도감', training: '학습' };
const LEVEL_KO = { danger: '위험', caution: '주의', none: '알려진 독성 없음' };
const AUTH_FAILED = {
  401: '관리자 토큰이 맞지 않아요. 다시 입력해 주세요.',
  403: '이 서버는 관리자 기능이 꺼져 있어요 (POISON_ADMIN_TOKEN이 설정되지 않았어요).',
};

export function renderAdmin(main, { params, signal }) {
  main.append(h('h1', {}, '기여 사진 검토'));
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) {
    main.append(tokenForm(main, params, signal));
    return;
  }
  const status = STATUSES.some(([value]) => value === params.get('status')) ? params.get('status') : 'pending';
  const list = h('ul', { class: 'contributions', 'aria-label': '기여 목록' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, '더 보기');
  const line = h('div', { class: 'list-status', role: 'status', 'aria-live': 'polite' });
  main.append(toolbar(status), list, line, more);

  const api = { token, signal, onAuthFailed: error => signOut(main, params, signal, error) };
  let cursor = null;
  const load = async () => {
    more.hidden = true;
    line.textContent = '불러오는 중…';
    try {
      const page = await get(withQuery('/api/v1/admin/contributions', { status, cursor, limit: PAGE_SIZE }), { signal, headers: auth(token) });
      list.append(...page.items.map(item => contribution(item, api)));
      cursor = page.next_cursor;
      more.hidden = !cursor;
      line.textContent = list.children.length ? '' : '해당하는 기여가 없어요.';
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (AUTH_FAILED[error.status]) api.onAuthFailed(error);
      else line.replaceChildren(errorBox(error.message, load));
    }
  };
  more.addEventListener('click', load);
  load();
}

function auth(token) {
  return { Authorization: `Bearer ${token}` };
}

function tokenForm(main, params, signal, message = null) {
  const input = h('input', { id: 'admin-token', type: 'password', autocomplete: 'off', required: true });
  return h('form', {
    class: 'token-form', onsubmit: e => {
      e.preventDefault();
      if (!input.value.trim()) return;
      sessionStorage.setItem(TOKEN_KEY, input.value.trim());
      main.replaceChildren();
      renderAdmin(main, { params, signal });
    },
  },
  message ? h('p', { class: 'notice error-box', role: 'alert' }, message) : null,
  h('label', { for: input.id }, '관리자 토큰'),
  h('p', { class: 'hint' }, '이 탭을 닫으면 잊어버려요.'),
  input, h('button', { type: 'submit' }, '확인'));
}

function signOut(main, params, signal, error = null) {
  sessionStorage.removeItem(TOKEN_KEY);
  main.replaceChildren(h('h1', {}, '기여 사진 검토'), tokenForm(main, params, signal, error && AUTH_FAILED[error.status]));
  main.querySelector('#admin-token').focus();
}

function toolbar(current) {
  return h('div', { class: 'admin-bar' },
    h('fieldset', { class: 'filters' }, h('legend', {}, '상태'),
      STATUSES.map(([value, label]) => h('label', {},
        h('input', { type: 'radio', name: 'status', value, checked: value === current, onchange: () => { location.hash = `#/admin?status=${value}`; } }),
        h('span', {}, label)))),
    h('button', { type: 'button', class: 'secondary', onclick: () => { sessionStorage.removeItem(TOKEN_KEY); location.reload(); } }, '토큰 지우기'));
}

/** One contribution: its photos, what the model said, what the user said, and the decision. */
function contribution(item, api) {
  const photos = (item.photos || []).map(photo => photo.image_url).filter(Boolean);
  const answer = item.answer || {};
  const top = (answer.candidates || [])[0];
  const userPlant = h('span', { class: 'user-plant' }, item.plant_id || '');
  const card = h('li', { class: 'contribution', 'data-contribution': item.id, 'data-status': item.status },
    photos.length ? h('ul', { class: 'photo-grid', 'aria-label': '보낸 사진' }, photos.map((src, i) => h('li', {},
      h('a', { href: src, target: '_blank', rel: 'noopener' },
        h('img', { src, alt: `보낸 사진 ${i + 1}`, loading: 'lazy', decoding: 'async', width: 160, height: 160 })))))
      : h('p', { class: 'hint' }, '사진 없음 (사진 제공에 동의하지 않았어요)'),
    h('dl', { class: 'facts' },
      h('dt', {}, '모델의 답'), h('dd', {}, top
        ? `${top.name_ko || top.plant_id} (${Math.round((top.score || 0) * 100)}%) · ${MATCH_KO[answer.match] || '확실하지 않음'} · ${LEVEL_KO[answer.warning?.level] || '경고 없음'}`
        : '후보 없음'),
      h('dt', {}, '사용자 판정'), h('dd', { class: 'verdict-text' }, VERDICT_KO[item.verdict] || item.verdict || '-',
        item.plant_id ? [' → 실제 식물: ', userPlant] : ''),
      item.comment ? [h('dt', {}, '의견'), h('dd', { class: 'comment' }, item.comment)] : null,
      item.created_at ? [h('dt', {}, '받은 때'), h('dd', {}, new Date(item.created_at).toLocaleString('ko-KR'))] : null),
    decided(item));
  if (item.status === 'pending') {
    // the plant the user named, else the model's answer they confirmed, is the likely one
    const suggestedId = item.plant_id || (item.verdict === 'correct' ? top?.plant_id : null);
    const form = decision(item, photos.length > 0, api);
    card.append(form.element);
    if (suggestedId) {
      get(`/api/v1/plants/${encodeURIComponent(suggestedId)}`, { signal: api.signal }).then(plant => {
        if (item.plant_id) userPlant.textContent = plant.name_ko;
        form.suggest(plant);
      }).catch(() => {});
    }
  }
  return card;
}

/** "승인했어요 (곰취 · 도감·학습)." for a reviewed contribution; {@code plantName} when known here. */
function decided(item, plantName = null) {
  if (item.status === 'pending') return null;
  const review = item.review || {};
  const what = [plantName || review.plant_id, (review.use || []).map(use => USE_KO[use] || use).join('·')].filter(Boolean);
  return h('p', { class: 'decided', role: 'status' },
    item.status === 'approved' ? `승인했어요${what.length ? ` (${what.join(' · ')})` : ''}.` : '거절했어요.');
}

function decision(item, hasPhotos, api) {
  const picker = plantPicker({ label: '어떤 식물의 사진인가요?', signal: api.signal });
  const uses = Object.entries(USE_KO).map(([value, label]) =>
    h('label', {}, h('input', { type: 'checkbox', name: `use-${item.id}`, value, checked: true }), ` ${label}에 쓰기`));
  const credit = h('input', { id: `credit-${item.id}`, type: 'text', value: '사용자 제공', maxlength: 200 });
  const license = h('input', { id: `license-${item.id}`, type: 'text', value: 'CC BY 4.0', maxlength: 200 });
  const line = h('div', { role: 'status', 'aria-live': 'polite' });
  const approval = hasPhotos ? [
    picker.element,
    h('fieldset', { class: 'uses' }, h('legend', {}, '쓰임'), uses),
    h('label', { for: credit.id }, '사진 출처 표시'), credit,
    h('label', { for: license.id }, '라이선스'), license,
  ] : h('p', { class: 'hint' }, '사진이 없어 승인할 수 없어요. 검토가 끝났으면 거절해 주세요.');
  const form = h('form', { class: 'decision' }, approval, line,
    h('div', { class: 'actions' },
      hasPhotos ? h('button', { type: 'submit', class: 'approve' }, '승인') : null,
      h('button', { type: 'button', class: 'secondary reject', onclick: () => decide('reject', {}) }, '거절')));
  const decide = async (verb, body) => {
    form.querySelectorAll('button').forEach(b => { b.disabled = true; });
    try {
      const reviewed = await postJson(`/api/v1/admin/contributions/${encodeURIComponent(item.id)}/${verb}`, body,
        { signal: api.signal, headers: auth(api.token) });
      form.replaceWith(decided(reviewed, picker.value()?.name_ko));
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (AUTH_FAILED[error.status]) return api.onAuthFailed(error);
      form.querySelectorAll('button').forEach(b => { b.disabled = false; });
      line.replaceChildren(h('p', { class: 'notice error-box', role: 'alert' }, error.message));
    }
  };
  form.addEventListener('submit', e => {
    e.preventDefault();
    const plant = picker.value();
    if (!plant) {
      line.replaceChildren(h('p', { class: 'notice error-box', role: 'alert' }, '어떤 식물인지 먼저 골라 주세요.'));
      return;
    }
    const use = uses.map(label => label.querySelector('input')).filter(input => input.checked).map(input => input.value);
    if (!use.length) {
      line.replaceChildren(h('p', { class: 'notice error-box', role: 'alert' }, '도감이나 학습 중 하나는 골라 주세요.'));
      return;
    }
    decide('approve', { plant_id: plant.id, use, credit: credit.value.trim() || undefined, license: license.value.trim() || undefined });
  });
  return { element: form, suggest: plant => { if (!picker.value()) picker.set(plant); } };
}
