// Main page: pick up to five photos of one plant, downscale them in the browser, upload with progress.
import { h, errorBox } from './ui.js';
import { errorOf, ApiError } from './api.js';

const MAX_PHOTOS = 5;
const MAX_SIDE = 1600;
const JPEG_QUALITY = 0.85;

export function renderIdentify(main, { signal }) {
  const photos = []; // {file, url}
  const thumbs = h('ul', { class: 'thumbs', 'aria-label': '고른 사진' });
  const status = h('p', { class: 'status-line', role: 'status', 'aria-live': 'polite' });
  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': '업로드 진행률' });
  const submit = h('button', { type: 'submit', disabled: true }, '독성 확인하기');
  const picker = fileInput('photo-picker', false);
  const camera = fileInput('photo-camera', true);
  const zone = h('div', { class: 'dropzone' },
    h('p', {}, h('strong', {}, '식물 사진을 끌어다 놓거나 골라 주세요.'), h('br'),
      '한 식물을 여러 각도(잎, 꽃, 줄기)에서 찍은 사진 최대 5장.'),
    h('div', { class: 'actions' },
      picker, h('label', { for: picker.id, class: 'button' }, '사진 고르기'),
      camera, h('label', { for: camera.id, class: 'button secondary' }, '카메라로 찍기')));
  const form = h('form', { class: 'identify', novalidate: true }, zone, thumbs, progress, status, submit);

  main.append(
    h('h1', {}, '이 식물, 독초일까요?'),
    h('p', { class: 'lead' }, '사진으로 비슷한 식물을 찾아 독성을 알려 드려요. 결과가 어떻든 확실히 모르는 식물은 먹지 마세요.'),
    form);

  const addFiles = async files => {
    const images = [...files].filter(f => f.type.startsWith('image/') || f.type === '');
    if (files.length && !images.length) status.textContent = '사진 파일만 올릴 수 있어요.';
    const full = () => {
      if (photos.length < MAX_PHOTOS) return false;
      status.textContent = `사진은 최대 ${MAX_PHOTOS}장까지예요. 나머지는 넣지 않았어요.`;
      return true;
    };
    for (const original of images) {
      if (full()) break; // before decoding a photo that would be dropped
      const file = await downscale(original);
      if (full()) break; // another drop may have filled the list meanwhile
      photos.push({ file, url: URL.createObjectURL(file) });
      showThumbs();
    }
  };
  const showThumbs = () => {
    thumbs.replaceChildren(...photos.map((photo, i) => h('li', {},
      h('img', { src: photo.url, alt: `고른 사진 ${i + 1}` }),
      h('button', { type: 'button', 'aria-label': `사진 ${i + 1} 빼기`, onclick: () => remove(i) }, '✕'))));
    submit.disabled = photos.length === 0;
  };
  const remove = i => {
    URL.revokeObjectURL(photos[i].url);
    photos.splice(i, 1);
    showThumbs();
  };

  for (const input of [picker, camera]) {
    input.addEventListener('change', () => { addFiles(input.files); input.value = ''; });
  }
  zone.addEventListener('dragover', e => { e.preventDefault(); zone.classList.add('dragging'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', e => { e.preventDefault(); zone.classList.remove('dragging'); addFiles(e.dataTransfer.files); });
  signal.addEventListener('abort', () => photos.forEach(p => URL.revokeObjectURL(p.url)));

  form.addEventListener('submit', async e => {
    e.preventDefault();
    if (!photos.length) return;
    submit.disabled = true;
    progress.hidden = false;
    status.textContent = '사진을 올리는 중…';
    try {
      const job = await upload(photos.map(p => p.file), percent => {
        progress.value = percent;
        status.textContent = `사진을 올리는 중… ${percent}%`;
      });
      location.hash = `#/identifications/${encodeURIComponent(job.id)}`;
    } catch (error) {
      progress.hidden = true;
      submit.disabled = false;
      status.replaceChildren(errorBox(error.message));
    }
  });
}

function fileInput(id, capture) {
  return h('input', {
    id, type: 'file', accept: 'image/*', class: 'file-input',
    multiple: !capture, capture: capture ? 'environment' : null,
  });
}

/** Long side at most 1600 px, as JPEG; files the browser cannot decode go up as they are. */
async function downscale(file) {
  let bitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise(resolve => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  if (!blob || (scale === 1 && blob.size >= file.size)) return file;
  return new File([blob], file.name.replace(/\.[^.]*$/, '') + '.jpg', { type: 'image/jpeg' });
}

/** XHR rather than fetch: only XHR reports upload progress. */
function upload(files, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    files.forEach(file => form.append('image', file, file.name));
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/identifications');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', e => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    });
    xhr.addEventListener('load', async () => {
      const response = new Response(xhr.responseText, { status: xhr.status });
      if (xhr.status >= 200 && xhr.status < 300) resolve(await response.json());
      else reject(await errorOf(response));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', '사진을 올리지 못했어요. 인터넷 연결을 확인해 주세요.')));
    xhr.send(form);
  });
}
