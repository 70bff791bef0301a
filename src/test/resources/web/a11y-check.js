// Runs in the page under test; returns a list of accessibility violations (empty when fine):
// text contrast below 4.5:1 (WCAG AA), images without alt, controls without an accessible name.
const problems = [];
const rgba = css => (css.match(/[\d.]+/g) || []).map(Number);
const luminance = ([r, g, b]) => {
  const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
};
const background = el => {
  for (let node = el; node; node = node.parentElement) {
    const [r, g, b, a = 1] = rgba(getComputedStyle(node).backgroundColor);
    if (a > 0.5) return [r, g, b];
  }
  return [255, 255, 255];
};
const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
const describe = el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} "${(el.textContent || '').trim().slice(0, 30)}"`;

for (const el of document.body.querySelectorAll('*')) {
  if (!visible(el) || el.closest('svg')) continue;
  const ownText = [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  if (ownText) {
    const fg = rgba(getComputedStyle(el).color);
    const [l1, l2] = [luminance(fg), luminance(background(el))].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    if (ratio < 4.5) problems.push(`contrast ${ratio.toFixed(2)}:1 on ${describe(el)}`);
  }
  if (el.tagName === 'IMG' && !el.hasAttribute('alt')) problems.push(`no alt on ${describe(el)}`);
  if (el.matches('input:not([type=hidden]), select, textarea')) {
    const labelled = el.labels?.length || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!labelled) problems.push(`no label on ${describe(el)}`);
  }
  if (el.matches('button, a[href]') && !(el.textContent.trim() || el.getAttribute('aria-label') || el.querySelector('img[alt]:not([alt=""]), svg[aria-label]'))) {
    problems.push(`no accessible name on ${describe(el)}`);
  }
}
for (const svg of document.querySelectorAll('svg[role=img]')) {
  if (!svg.getAttribute('aria-label')) problems.push('svg image without aria-label');
}
return problems;
