// Hash router: every view is a deep link that survives a reload with no server-side routes.
import { h } from './ui.js';
import { renderIdentify } from './identify.js';
import { renderIdentification } from './result.js';
import { renderPlantList, renderPlantDetail } from './plants.js';
import { renderSearch } from './search.js';
import { renderRankings } from './rankings.js';
import { renderAdmin } from './admin.js';

const ROUTES = [
  { pattern: /^\/?$/, nav: 'identify', title: '독초 판별', view: renderIdentify },
  { pattern: /^\/identifications\/([^/]+)$/, nav: 'identify', title: '판별 결과', view: renderIdentification },
  { pattern: /^\/plants\/?$/, nav: 'plants', title: '식물 도감', view: renderPlantList },
  { pattern: /^\/plants\/([^/]+)$/, nav: 'plants', title: '식물 도감', view: renderPlantDetail },
  { pattern: /^\/search\/?$/, nav: 'search', title: '식물 검색', view: renderSearch },
  { pattern: /^\/rankings\/?$/, nav: 'rankings', title: '많이 찾아본 식물', view: renderRankings },
  { pattern: /^\/admin\/?$/, nav: null, title: '기여 사진 검토', view: renderAdmin },
];

const main = document.getElementById('main');
let current = null; // AbortController of the view on screen

function route() {
  const [path, query = ''] = (location.hash.replace(/^#/, '') || '/').split('?');
  const found = ROUTES.map(r => ({ ...r, match: path.match(r.pattern) })).find(r => r.match);
  current?.abort();
  current = new AbortController();
  main.replaceChildren();
  document.title = `${found ? found.title : '찾을 수 없어요'} · 독초 판별`;
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (found?.nav === link.dataset.nav) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!found) {
    main.append(h('h1', {}, '찾을 수 없는 페이지예요'), h('a', { href: '#/' }, '처음으로'));
    return;
  }
  found.view(main, { match: found.match, params: new URLSearchParams(query), signal: current.signal });
}

function showConnectivity() {
  document.getElementById('offline').hidden = navigator.onLine;
}

window.addEventListener('hashchange', () => { route(); main.focus({ preventScroll: false }); window.scrollTo(0, 0); });
window.addEventListener('offline', showConnectivity);
window.addEventListener('online', () => {
  showConnectivity();
  if (main.querySelector('.error-box')) route(); // retry what failed while offline
});
document.querySelector('.skip-link').addEventListener('click', e => { e.preventDefault(); main.focus(); });
showConnectivity();
route();
