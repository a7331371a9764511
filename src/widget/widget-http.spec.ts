import { WIDGET_CSP, ifNoneMatchHits, strongEtag, widgetHeaders } from './widget-http';

describe('strongEtag', () => {
  it('is a strong, quoted tag that follows the body', () => {
    const sut = strongEtag('<p>750</p>');

    expect(sut).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(strongEtag('<p>750</p>')).toBe(sut);
    expect(strongEtag('<p>751</p>')).not.toBe(sut);
  });
});

describe('ifNoneMatchHits', () => {
  const etag = '"abc"';
  it.each`
    header                   | expected | why
    ${undefined}             | ${false} | ${'no validator sent'}
    ${''}                    | ${false} | ${'empty'}
    ${'"abc"'}               | ${true}  | ${'same tag'}
    ${'W/"abc"'}             | ${true}  | ${'If-None-Match compares weakly'}
    ${'"x", "abc"'}          | ${true}  | ${'one of a list'}
    ${'"x","y"'}             | ${false} | ${'none of a list'}
    ${'*'}                   | ${true}  | ${'any representation'}
    ${'abc'}                 | ${false} | ${'unquoted is not the same tag'}
    ${['"x"', '"abc"']}      | ${true}  | ${'repeated header'}
  `('$header → $expected ($why)', ({ header, expected }) => {
    expect(ifNoneMatchHits(header, etag)).toBe(expected);
  });
});

describe('widgetHeaders', () => {
  it('lets the HTML be framed anywhere, with its own scripts only', () => {
    const sut = widgetHeaders('html', 60);

    expect(sut).toMatchObject({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': WIDGET_CSP,
      'Cache-Control': 'public, max-age=60, stale-while-revalidate=300',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      Vary: 'Accept-Encoding',
    });
    expect(WIDGET_CSP).toContain('frame-ancestors *');
    expect(WIDGET_CSP).toContain("script-src 'self'");
    expect(Object.keys(sut).map((name) => name.toLowerCase())).not.toContain('x-frame-options');
  });

  it.each`
    resource    | contentType
    ${'json'}   | ${'application/json; charset=utf-8'}
    ${'script'} | ${'application/javascript; charset=utf-8'}
  `('opens $resource to every origin', ({ resource, contentType }) => {
    const sut = widgetHeaders(resource, 3600);

    expect(sut['Content-Type']).toBe(contentType);
    expect(sut['Access-Control-Allow-Origin']).toBe('*');
    expect(sut['Cache-Control']).toBe('public, max-age=3600, stale-while-revalidate=300');
  });
});
