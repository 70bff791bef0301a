// "이 결과가 맞나요?" under a finished result: the verdict, the real plant when the answer was
// wrong, consent for the photos, a short comment. User text only ever goes in as text.
import { h } from './ui.js';
import { postJson } from './api.js';
import { plantPicker } from './picker.js';

export const COMMENT_MAX = 500;
const VERDICTS = [['correct', '맞아요'], ['wrong', '아니에요'], ['unsure', '잘 모르겠어요']];
// The server's Korean messages say what went wrong; a vanished job deserves a word on why.
const FAILED = { 404: '판별 기록이 없어요. 기록은 일정 시간이 지나면 지워져요.' };

export function feedbackPanel(jobId, signal) {
  const panel = h('section', { class: 'feedback', 'aria-labelledby': 'feedback-title' },
    h('h2', { id: 'feedback-title' }, '이 결과가 맞나요?'),
    h('p', { class: 'hint' }, '알려 주시면 판별이 더 정확해져요.'));
  const form = feedbackForm(jobId, signal, () => {
    const done = thanks();
    panel.replaceChildren(done);
    done.focus();
  });
  panel.append(form.choices, form.element);
  return panel;
}

function feedbackForm(jobId, signal, onSent) {
  let verdict = null;
  const buttons = VERDICTS.map(([value, label]) => h('button', {
    type: 'button', class: 'secondary verdict', 'data-verdict': value, 'aria-pressed': 'false',
    onclick: () => choose(value),
  }, label));
  const choices = h('div', { class: 'verdicts', role: 'group', 'aria-labelledby': 'feedback-title' }, buttons);
  const picker = plantPicker({
    label: '실제로는 어떤 식물인가요? (선택)', hint: '이름을 알면 검색해서 골라 주세요. 오타가 있어도 찾아요.', signal,
  });
  const realPlant = h('div', { class: 'real-plant' }, picker.element);
  const consent = h('input', { id: 'feedback-consent', type: 'checkbox', 'aria-describedby': 'feedback-consent-info' });
  const comment = h('textarea', {
    id: 'feedback-comment', maxlength: COMMENT_MAX, rows: 3, 'aria-describedby': 'feedback-comment-count',
  });
  const counter = h('p', { id: 'feedback-comment-count', class: 'hint' }, `0 / ${COMMENT_MAX}자`);
  comment.addEventListener('input', () => { counter.textContent = `${comment.value.length} / ${COMMENT_MAX}자`; });
  const status = h('div', { class: 'feedback-status', role: 'status', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit' }, '의견 보내기');
  const element = h('form', { class: 'feedback-form', hidden: true, novalidate: true },
    realPlant,
    h('div', { class: 'consent' },
      h('label', { for: consent.id }, consent, ' 사진도 함께 보낼게요'),
      h('p', { id: 'feedback-consent-info', class: 'hint' },
        '보내 주신 사진은 위치 정보와 촬영 정보를 모두 지운 뒤 저장돼요. 운영자가 확인한 사진만 쓰이고, ',
        '도감에 출처를 밝혀 실리거나 판별 모델을 학습시키는 데 쓰일 수 있어요. 체크하지 않으면 사진은 보관하지 않아요.')),
    h('label', { for: comment.id }, `하고 싶은 말 (선택, ${COMMENT_MAX}자까지)`),
    comment, counter, status, submit);

  const choose = value => {
    verdict = value;
    buttons.forEach(b => b.setAttribute('aria-pressed', String(b.dataset.verdict === value)));
    realPlant.hidden = value !== 'wrong';
    element.hidden = false;
  };
  element.addEventListener('submit', async e => {
    e.preventDefault();
    if (!verdict) return;
    submit.disabled = true;
    status.textContent = '보내는 중…';
    try {
      await postJson(`/api/v1/identifications/${encodeURIComponent(jobId)}/feedback`, body(), { signal });
      onSent();
    } catch (error) {
      if (error.name === 'AbortError') return;
      submit.disabled = false;
      status.replaceChildren(h('p', { class: 'notice error-box', role: 'alert' }, FAILED[error.status] || error.message));
    }
  });
  const body = () => {
    const plant = verdict === 'wrong' ? picker.value() : null;
    const text = comment.value.trim();
    return {
      verdict, contribute_photos: consent.checked,
      ...(plant ? { plant_id: plant.id } : {}), ...(text ? { comment: text } : {}),
    };
  };
  return { choices, element };
}

function thanks() {
  return h('div', { class: 'notice thanks', role: 'status', tabindex: '-1' },
    h('h2', {}, '고마워요!'),
    h('p', {}, '보내 주신 의견은 운영자가 확인한 뒤 판별을 고치는 데 써요.'),
    h('p', {}, '판별 결과와 상관없이, 확실히 알지 못하는 식물은 먹지 마세요.'));
}
