import { runInNewContext } from 'node:vm';
import { EMBED_JS, RESIZE_JS } from './widget-scripts';

/** Just enough of a browser page for the two scripts: elements, listeners, one parent frame. */
interface FakeElement {
  tagName: string;
  attributes: Map<string, string>;
  style: Record<string, string>;
  src?: string;
  title?: string;
  parentNode: FakeParent | null;
  readonly nextSibling: FakeElement | null;
  contentWindow?: object;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
}

interface FakeParent {
  nodeType: number;
  children: FakeElement[];
  insertBefore(node: FakeElement, before: FakeElement | null): void;
  appendChild(node: FakeElement): void;
}

function element(tagName: string, attributes: Record<string, string> = {}): FakeElement {
  return {
    tagName,
    attributes: new Map(Object.entries(attributes)),
    style: {},
    parentNode: null,
    get nextSibling() {
      const siblings = this.parentNode?.children ?? [];
      return siblings[siblings.indexOf(this) + 1] ?? null;
    },
    getAttribute(name) {
      return this.attributes.get(name) ?? null;
    },
    hasAttribute(name) {
      return this.attributes.has(name);
    },
    setAttribute(name, value) {
      this.attributes.set(name, value);
    },
  };
}

function container(): FakeParent {
  const parent: FakeParent = {
    nodeType: 1,
    children: [],
    insertBefore(node, before) {
      node.parentNode = parent;
      const at = before ? parent.children.indexOf(before) : -1;
      if (at === -1) parent.children.push(node);
      else parent.children.splice(at, 0, node);
    },
    appendChild(node) {
      parent.insertBefore(node, null);
    },
  };
  return parent;
}

function widgetTag(attributes: Record<string, string>, src = 'https://tthc.example.gov.vn/widget/embed.js'): FakeElement {
  const tag = element('SCRIPT', attributes);
  tag.src = src;
  return tag;
}

function buildPage(tags: FakeElement[], options: { currentScript?: FakeElement | null } = {}) {
  const body = container();
  for (const tag of tags) body.appendChild(tag);
  body.appendChild(element('P'));
  const listeners: ((event: object) => void)[] = [];
  const document = {
    currentScript: options.currentScript === undefined ? tags[0] : options.currentScript,
    baseURI: 'https://xavanto.example.vn/',
    head: container(),
    body,
    querySelectorAll: () => tags.filter((tag) => tag.hasAttribute('data-unit')),
    createElement: (name: string) => Object.assign(element(name.toUpperCase()), { contentWindow: { frame: name } }),
    addEventListener: () => undefined,
  };
  const window = { addEventListener: (type: string, listener: (event: object) => void) => type === 'message' && listeners.push(listener) };
  const run = () => runInNewContext(EMBED_JS, { window, document, URL });
  const frames = () => body.children.filter((child) => child.tagName === 'IFRAME');
  const send = (event: object) => listeners.forEach((listener) => listener(event));
  return { run, frames, send, body };
}

describe('embed.js', () => {
  it('places one iframe right after its own tag, pointing at its own server', () => {
    const tag = widgetTag({ 'data-unit': 'xa-van-to', 'data-lang': 'vi' });
    const page = buildPage([tag]);

    page.run();

    const [frame] = page.frames();
    expect(page.body.children.indexOf(frame)).toBe(page.body.children.indexOf(tag) + 1);
    expect(frame.src).toBe('https://tthc.example.gov.vn/widget/xa-van-to?lang=vi');
    expect(frame.title).toBe('Kết quả giải quyết TTHC – xa-van-to');
    expect(frame.getAttribute('loading')).toBe('lazy');
    expect(frame.style).toEqual({ border: '0', width: '100%', maxWidth: '100%', height: '250px' });
  });

  it('carries the optional settings over and encodes the unit', () => {
    const tag = widgetTag({
      'data-unit': '000.00 /x',
      'data-lang': 'en',
      'data-from': '2025-01-01',
      'data-to': '2025-06-30',
      'data-decimals': '1',
      'data-include-children': 'false',
      'data-title': 'Widget',
    });
    const page = buildPage([tag]);

    page.run();

    const [frame] = page.frames();
    expect(frame.src).toBe(
      'https://tthc.example.gov.vn/widget/000.00%20%2Fx?from=2025-01-01&to=2025-06-30&includeChildren=false&decimals=1&lang=en',
    );
    expect(frame.title).toBe('Widget');
  });

  it('places a unit’s results page with data-page="ranking", carrying its own settings and none of the block’s', () => {
    const tag = widgetTag({
      'data-unit': 'tinh-hai-hung', 'data-page': 'ranking', 'data-period': '2026-Q3', 'data-sort': 'late', 'data-order': 'asc', 'data-lang': 'en', 'data-from': '2025-01-01', 'data-show-score': 'true',
    });
    const page = buildPage([tag]);

    page.run();

    const [frame] = page.frames();
    expect(frame.src).toBe('https://tthc.example.gov.vn/cong-khai/tinh-hai-hung?period=2026-Q3&sort=late&order=asc&lang=en');
    expect(frame.title).toBe('Administrative procedure results by unit – tinh-hai-hung');
    // A page of a hundred communes' cards is far taller than a block: its frame may grow to fit it.
    page.send({ origin: 'https://tthc.example.gov.vn', source: frame.contentWindow, data: { type: 'tthc-widget:height', height: 25000 } });
    expect(frame.style.height).toBe('25000px');
    page.send({ origin: 'https://tthc.example.gov.vn', source: frame.contentWindow, data: { type: 'tthc-widget:height', height: 1e9 } });
    expect(frame.style.height).toBe('40000px');
  });

  it('places the block for any other data-page, and keeps its height bound', () => {
    const page = buildPage([widgetTag({ 'data-unit': 'xa-c3', 'data-page': 'other' })]);

    page.run();

    const [frame] = page.frames();
    expect(frame.src).toBe('https://tthc.example.gov.vn/widget/xa-c3');
    page.send({ origin: 'https://tthc.example.gov.vn', source: frame.contentWindow, data: { type: 'tthc-widget:height', height: 25000 } });
    expect(frame.style.height).toBe('2000px');
  });

  it('carries data-include-predecessors over as includePredecessors', () => {
    const page = buildPage([widgetTag({ 'data-unit': 'xa-c3', 'data-include-predecessors': 'false' })]);

    page.run();

    expect(page.frames()[0].src).toBe('https://tthc.example.gov.vn/widget/xa-c3?includePredecessors=false');
  });

  it.each`
    value        | query
    ${'true'}    | ${'?lang=vi&showScore=true'}
    ${'false'}   | ${'?lang=vi&showScore=false'}
  `('carries data-show-score="$value" over as showScore, after the other settings', ({ value, query }) => {
    const page = buildPage([widgetTag({ 'data-unit': 'xa-c3', 'data-show-score': value, 'data-lang': 'vi' })]);

    page.run();

    expect(page.frames()[0].src).toBe(`https://tthc.example.gov.vn/widget/xa-c3${query}`);
  });

  it('asks for no score without data-show-score, or with it empty: the default block', () => {
    const page = buildPage([widgetTag({ 'data-unit': 'xa-c3' }), widgetTag({ 'data-unit': 'xa-c4', 'data-show-score': '' })], { currentScript: null });

    page.run();

    expect(page.frames().map((frame) => frame.src)).toEqual(['https://tthc.example.gov.vn/widget/xa-c3', 'https://tthc.example.gov.vn/widget/xa-c4']);
  });

  it('places each of several widgets once, also where document.currentScript is unknown', () => {
    const tags = [widgetTag({ 'data-unit': 'a' }), widgetTag({ 'data-unit': 'b' }, 'http://other.example:8080/widget/embed.js')];
    const page = buildPage(tags, { currentScript: null });

    page.run();
    page.run();

    expect(page.frames().map((frame) => frame.src)).toEqual([
      'https://tthc.example.gov.vn/widget/a',
      'http://other.example:8080/widget/b',
    ]);
  });

  it('does nothing for a tag without data-unit', () => {
    const page = buildPage([widgetTag({})]);

    page.run();

    expect(page.frames()).toHaveLength(0);
  });

  describe('sizing from the widget page’s message', () => {
    const origin = 'https://tthc.example.gov.vn';
    it.each`
      origin                          | fromFrame | data                                          | expected   | why
      ${origin}                       | ${true}   | ${{ type: 'tthc-widget:height', height: 333.2 }} | ${'334px'} | ${'its own widget: whole pixels up'}
      ${origin}                       | ${true}   | ${{ type: 'tthc-widget:height', height: 20 }}    | ${'100px'} | ${'clamped to the minimum'}
      ${origin}                       | ${true}   | ${{ type: 'tthc-widget:height', height: 1e6 }}   | ${'2000px'}| ${'clamped to the maximum'}
      ${'https://evil.example'}       | ${true}   | ${{ type: 'tthc-widget:height', height: 900 }}   | ${'250px'} | ${'another origin'}
      ${origin}                       | ${false}  | ${{ type: 'tthc-widget:height', height: 900 }}   | ${'250px'} | ${'another window of the same origin'}
      ${origin}                       | ${true}   | ${{ type: 'other', height: 900 }}                | ${'250px'} | ${'another message'}
      ${origin}                       | ${true}   | ${{ type: 'tthc-widget:height', height: '900' }} | ${'250px'} | ${'a height that is not a number'}
      ${origin}                       | ${true}   | ${{ type: 'tthc-widget:height', height: NaN }}   | ${'250px'} | ${'NaN'}
      ${origin}                       | ${true}   | ${'tthc-widget:height 900'}                      | ${'250px'} | ${'not an object'}
    `('$why → $expected', ({ origin: eventOrigin, fromFrame, data, expected }) => {
      const page = buildPage([widgetTag({ 'data-unit': 'xa-van-to' })]);
      page.run();
      const [frame] = page.frames();

      page.send({ origin: eventOrigin, source: fromFrame ? frame.contentWindow : {}, data });

      expect(frame.style.height).toBe(expected);
    });
  });
});

describe('resize.js', () => {
  function buildFrame(heights: number[]) {
    const posted: { message: unknown; target: string }[] = [];
    const listeners: Record<string, () => void> = {};
    let next = 0;
    const window: Record<string, unknown> = {
      parent: { postMessage: (message: unknown, target: string) => posted.push({ message, target }) },
      addEventListener: (type: string, listener: () => void) => (listeners[type] = listener),
    };
    const document = { documentElement: { getBoundingClientRect: () => ({ height: heights[Math.min(next++, heights.length - 1)] }) } };
    runInNewContext(RESIZE_JS, { window, document });
    return { posted, listeners };
  }

  it('reports its height on start and on load, then only when it changed', () => {
    const { posted, listeners } = buildFrame([296.4, 296.4, 296.4, 330]);

    listeners.load();
    listeners.resize();
    listeners.resize();

    expect(posted.map(({ message }) => message)).toEqual([
      { type: 'tthc-widget:height', height: 297 },
      { type: 'tthc-widget:height', height: 297 },
      { type: 'tthc-widget:height', height: 330 },
    ]);
  });

  it('stays quiet when not framed', () => {
    const posted: unknown[] = [];
    const window: Record<string, unknown> = { addEventListener: () => undefined };
    window.parent = window;
    runInNewContext(RESIZE_JS, { window, document: {} });

    expect(posted).toHaveLength(0);
  });
});
