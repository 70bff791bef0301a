// Most-identified plants per window: a top-10 bar chart and a time series for one selected plant,
// refreshed live from rankings.updated (polling when the socket is down).
import { h, svg, errorBox } from './ui.js';
import { get, withQuery } from './api.js';
import { subscribe } from './live.js';

const WINDOWS = [['hour', '최근 1시간'], ['day', '최근 24시간'], ['all', '전체']];
const TOP = 10;
const FALLBACK_POLL_MS = 30000;

export function renderRankings(main, { params, signal }) {
  const window = WINDOWS.some(([key]) => key === params.get('window')) ? params.get('window') : 'day';
  let selected = params.get('plant');
  const barArea = h('div', { class: 'bar-area' });
  const seriesArea = h('div', { class: 'series-area', 'aria-live': 'polite' });
  const updated = h('p', { class: 'legend', role: 'status' });
  main.append(
    h('h1', {}, '많이 찾아본 식물'),
    tabs(window),
    h('div', { class: 'charts', role: 'tabpanel', id: 'rankings-panel', 'aria-labelledby': `tab-${window}` },
      h('section', {}, h('h2', {}, '상위 10'), barArea, updated),
      h('section', {}, h('h2', {}, window === 'hour' ? '분 단위 판별 수' : '시간별 판별 수'), seriesArea)));

  const select = plantId => {
    selected = plantId;
    history.replaceState(null, '', withQuery('#/rankings', { window, plant: plantId }));
    refresh();
  };
  const refresh = async () => {
    try {
      const ranking = await get(withQuery('/api/v1/rankings', { window, limit: TOP }), { signal });
      const items = ranking.items || [];
      if (!selected && items.length) selected = items[0].plant.id;
      barArea.replaceChildren(barChart(items, selected, select), rankList(items, select));
      const at = new Date(ranking.generated_at);
      updated.textContent = `마지막 갱신 ${(isNaN(at) ? new Date() : at).toLocaleTimeString('ko-KR')}`;
      if (selected) await showSeries(seriesArea, selected, items, window, signal);
      else seriesArea.replaceChildren(h('p', {}, '아직 판별 기록이 없어요.'));
    } catch (error) {
      if (error.name !== 'AbortError') barArea.replaceChildren(errorBox(error.message, refresh));
    }
  };

  let pending = null;
  const refreshSoon = () => { pending ??= setTimeout(() => { pending = null; refresh(); }, 300); };
  let poller = null;
  const unsubscribe = subscribe('rankings.updated', refreshSoon, () => {
    poller ??= setInterval(refresh, FALLBACK_POLL_MS);
  });
  signal.addEventListener('abort', () => { unsubscribe(); clearTimeout(pending); clearInterval(poller); });
  refresh();
}

function tabs(current) {
  const list = h('div', { role: 'tablist', 'aria-label': '기간' }, WINDOWS.map(([key, label]) =>
    h('button', {
      type: 'button', role: 'tab', id: `tab-${key}`, 'aria-selected': String(key === current),
      'aria-controls': 'rankings-panel', tabindex: key === current ? '0' : '-1',
      onclick: () => { location.hash = withQuery('#/rankings', { window: key }); },
    }, label)));
  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  list.addEventListener('keydown', e => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[e.key];
    if (!step) return;
    const buttons = [...list.children];
    const next = buttons[(buttons.indexOf(document.activeElement) + step + buttons.length) % buttons.length];
    next.focus();
    next.click();
  });
  return list;
}

function barChart(items, selected, onSelect) {
  const width = 360, rowHeight = 28, labelWidth = 110, valueWidth = 40;
  const height = Math.max(items.length, 1) * rowHeight + 8;
  const max = Math.max(1, ...items.map(item => item.count));
  const total = items.reduce((sum, item) => sum + item.count, 0);
  const label = items.length
    ? `상위 ${items.length}개 식물 막대 그래프: ` + items.map(i => `${i.rank}위 ${i.plant.name_ko} ${i.count}회`).join(', ')
    : '아직 판별 기록이 없어요.';
  return svg('svg', { class: 'chart bars', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, 'data-total': total },
    items.map((item, i) => {
      const y = 4 + i * rowHeight;
      const barWidth = ((width - labelWidth - valueWidth) * item.count) / max;
      const classes = ['bar', item.plant.poisonous ? 'toxic' : '', item.plant.id === selected ? 'selected' : ''].join(' ');
      return svg('g', { 'data-plant': item.plant.id, onclick: () => onSelect(item.plant.id) },
        // Long names are cut to the label column; the list below the chart has them in full.
        svg('text', { x: 0, y: y + 18 }, `${item.rank}. ${item.plant.name_ko}`.slice(0, 9)),
        svg('rect', { class: classes, x: labelWidth, y: y + 4, width: Math.max(barWidth, 2), height: rowHeight - 8, rx: 3 }),
        svg('text', { x: labelWidth + barWidth + 6, y: y + 18 }, item.count));
    }));
}

/** The same numbers as a list of buttons: keyboard and screen-reader access to the chart. */
function rankList(items, onSelect) {
  return h('ol', { class: 'rank-list' }, items.map(item =>
    h('li', {}, h('button', { type: 'button', onclick: () => onSelect(item.plant.id) },
      `${item.plant.name_ko} ${item.count}회 — 시간별 보기`))));
}

/** Buckets of the hour or day window; the all-time tab shows the last day. */
async function showSeries(area, plantId, items, window, signal) {
  const series = await get(withQuery('/api/v1/rankings/series', { plant: plantId, window: window === 'hour' ? 'hour' : 'day' }), { signal });
  const points = (series.buckets || []).map(b => ({ at: new Date(b.start), count: Number(b.count) }));
  const name = series.plant?.name_ko || items.find(i => i.plant.id === plantId)?.plant.name_ko || plantId;
  area.replaceChildren(h('p', {}, h('strong', {}, name)), lineChart(points, name));
}

function lineChart(points, name) {
  const width = 320, height = 140, pad = 24;
  const max = Math.max(1, ...points.map(p => p.count));
  const x = i => pad + (points.length < 2 ? 0 : (i * (width - 2 * pad)) / (points.length - 1));
  const y = count => height - pad - (count * (height - 2 * pad)) / max;
  const total = points.reduce((sum, p) => sum + p.count, 0);
  const time = d => (isNaN(d) ? '' : d.toLocaleString('ko-KR', { month: 'numeric', day: 'numeric', hour: 'numeric' }));
  return svg('svg', {
    class: 'chart series', viewBox: `0 0 ${width} ${height}`, role: 'img', 'data-total': total,
    'aria-label': `${name} 판별 수 추이: 모두 ${total}회` + (points.length ? `, ${time(points[0].at)}부터 ${time(points.at(-1).at)}까지` : ''),
  },
  svg('line', { class: 'axis', x1: pad, y1: height - pad, x2: width - pad, y2: height - pad }),
  svg('text', { x: pad, y: height - 6 }, points.length ? time(points[0].at) : '기록 없음'),
  svg('text', { x: width - pad, y: height - 6, 'text-anchor': 'end' }, points.length ? time(points.at(-1).at) : ''),
  svg('text', { x: 2, y: pad - 8 }, `최대 ${max}`),
  points.length ? svg('polyline', { class: 'line', points: points.map((p, i) => `${x(i)},${y(p.count)}`).join(' ') }) : null,
  points.map((p, i) => svg('circle', { class: 'dot', cx: x(i), cy: y(p.count), r: 3 })));
}
