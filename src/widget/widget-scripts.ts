/**
 * The two scripts of the widget, served as static text (so they are part of the build):
 * - `embed.js`, the one `<script>` tag a webmaster pastes: it places an `<iframe>` after itself
 *   and sizes it from the height the widget page reports;
 * - `resize.js`, loaded by the widget page itself (same origin, so `script-src 'self'` allows
 *   it; no inline script anywhere), which reports that height to the parent page.
 * Plain ES5 on purpose: portal pages are old and nothing here is worth a transpiler.
 */

export const HEIGHT_MESSAGE_TYPE = 'tthc-widget:height';
export const MIN_FRAME_HEIGHT = 100;
export const MAX_FRAME_HEIGHT = 2000;
/** A province's results page on a phone is a card per commune: a hundred communes are far taller than a block. */
export const MAX_RANKING_FRAME_HEIGHT = 40000;
export const INITIAL_FRAME_HEIGHT = 250;

/** A JS string literal with every non-ASCII character escaped: the page's charset cannot garble it. */
function jsString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const RESIZE_JS = `/* tthc-monitor widget: reports the page's height to the page that frames it. */
(function () {
  'use strict';
  if (!window.parent || window.parent === window) return;
  var last = -1;
  function measure() {
    return Math.ceil(document.documentElement.getBoundingClientRect().height);
  }
  function post(force) {
    var height = measure();
    if (!force && height === last) return;
    last = height;
    // Only a height is sent, and the framing page is unknown by design: any origin may embed.
    window.parent.postMessage({ type: ${jsString(HEIGHT_MESSAGE_TYPE)}, height: height }, '*');
  }
  post(true);
  window.addEventListener('load', function () { post(true); });
  window.addEventListener('resize', function () { post(false); });
  if (typeof window.ResizeObserver === 'function') {
    new window.ResizeObserver(function () { post(false); }).observe(document.documentElement);
  }
})();
`;

export const EMBED_JS = `/* tthc-monitor public widget: one tag places it and sizes it.
 * <script src="https://HOST/widget/embed.js" data-unit="UNIT-CODE" data-lang="vi" async></script>
 * Optional: data-from="YYYY-MM-DD" data-to="YYYY-MM-DD" data-decimals="0..4"
 *           data-include-children="true|false" data-include-predecessors="true|false" data-title="..."
 *           data-show-score="true|false" (the Decision 766 progress score's line; off by default)
 * A unit's public results page (its units below side by side) instead of the block:
 * <script src="https://HOST/widget/embed.js" data-unit="UNIT-CODE" data-page="ranking" async></script>
 * Optional: data-period="YYYY|YYYY-Qn|YYYY-Hn|YYYY-MM" data-sort="..." data-order="asc|desc" data-decimals data-lang data-title */
(function () {
  'use strict';
  var TYPE = ${jsString(HEIGHT_MESSAGE_TYPE)};
  var MIN = ${MIN_FRAME_HEIGHT}, MAX = ${MAX_FRAME_HEIGHT}, MAX_RANKING = ${MAX_RANKING_FRAME_HEIGHT}, INITIAL = ${INITIAL_FRAME_HEIGHT};
  var DONE = 'data-tthc-widget';
  var OPTIONS = [
    ['data-from', 'from'], ['data-to', 'to'], ['data-include-children', 'includeChildren'],
    ['data-include-predecessors', 'includePredecessors'],
    ['data-decimals', 'decimals'], ['data-lang', 'lang'], ['data-show-score', 'showScore']
  ];
  // The results page takes its own settings; every other setting is the block's.
  var RANKING_OPTIONS = [
    ['data-period', 'period'], ['data-sort', 'sort'], ['data-order', 'order'], ['data-decimals', 'decimals'], ['data-lang', 'lang']
  ];
  var TITLES = { vi: ${jsString('Kết quả giải quyết TTHC')}, en: ${jsString('Administrative procedure results')} };
  var RANKING_TITLES = { vi: ${jsString('Kết quả giải quyết TTHC theo đơn vị')}, en: ${jsString('Administrative procedure results by unit')} };

  // This tag, or (where document.currentScript is unknown) every widget tag not placed yet:
  // each tag names its own server in its src, so placing another tag's widget is harmless.
  function scripts() {
    var current = document.currentScript;
    if (current && current.getAttribute && current.getAttribute('data-unit')) {
      return current.hasAttribute(DONE) ? [] : [current];
    }
    var found = [];
    var all = document.querySelectorAll('script[src*="/widget/embed.js"][data-unit]');
    for (var i = 0; i < all.length; i++) if (!all[i].hasAttribute(DONE)) found.push(all[i]);
    return found;
  }

  function place(script) {
    script.setAttribute(DONE, '1');
    var unit = script.getAttribute('data-unit');
    var origin;
    try { origin = new URL(script.src, document.baseURI).origin; } catch (e) { return; }
    if (!unit || !origin || origin === 'null') return;

    var ranking = script.getAttribute('data-page') === 'ranking';
    var options = ranking ? RANKING_OPTIONS : OPTIONS;
    var query = [];
    for (var i = 0; i < options.length; i++) {
      var value = script.getAttribute(options[i][0]);
      if (value) query.push(options[i][1] + '=' + encodeURIComponent(value));
    }
    var lang = script.getAttribute('data-lang') === 'en' ? 'en' : 'vi';

    var frame = document.createElement('iframe');
    frame.src = origin + (ranking ? '/cong-khai/' : '/widget/') + encodeURIComponent(unit) + (query.length ? '?' + query.join('&') : '');
    frame.title = script.getAttribute('data-title') || (ranking ? RANKING_TITLES : TITLES)[lang] + ' \\u2013 ' + unit;
    frame.setAttribute('loading', 'lazy');
    // Through the CSSOM, not a style attribute: a page's strict style-src still allows it.
    frame.style.border = '0';
    frame.style.width = '100%';
    frame.style.maxWidth = '100%';
    frame.style.height = INITIAL + 'px';

    window.addEventListener('message', function (event) {
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      var data = event.data;
      if (!data || typeof data !== 'object' || data.type !== TYPE) return;
      var height = data.height;
      if (typeof height !== 'number' || !isFinite(height)) return;
      frame.style.height = Math.min(ranking ? MAX_RANKING : MAX, Math.max(MIN, Math.ceil(height))) + 'px';
    });

    var parent = script.parentNode;
    if (parent && parent !== document.head && parent.nodeType === 1) {
      parent.insertBefore(frame, script.nextSibling);
    } else if (document.body) {
      document.body.appendChild(frame);
    } else {
      document.addEventListener('DOMContentLoaded', function () { document.body.appendChild(frame); });
    }
  }

  var list = scripts();
  for (var i = 0; i < list.length; i++) place(list[i]);
})();
`;
