import { publicHeaders, publicPageCsp, setsPublicHeaders } from './public-headers';

describe('publicPageCsp', () => {
  it('lets a page be framed anywhere, with its own scripts only, and no form unless it has one', () => {
    expect(publicPageCsp()).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *",
    );
    expect(publicPageCsp({ forms: true })).toContain("form-action 'self';");
  });
});

describe('publicHeaders', () => {
  it('gives a page its policy and the caching asked for, and no X-Frame-Options', () => {
    const sut = publicHeaders('html', 'public, max-age=60', { forms: true });

    expect(sut).toEqual({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': publicPageCsp({ forms: true }),
      'Cache-Control': 'public, max-age=60',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      Vary: 'Accept-Encoding',
    });
  });

  it('opens JSON to every origin', () => {
    expect(publicHeaders('json', 'public, max-age=60')).toMatchObject({ 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
  });
});

describe('setsPublicHeaders', () => {
  it.each`
    path                   | expected
    ${'/widget/xa-a'}      | ${true}
    ${'/tra-cuu'}          | ${true}
    ${'/cong-khai/tinh-a'} | ${true}
    ${'/cong-khai-x'}      | ${false}
    ${'/tra-cuu/'}         | ${true}
    ${'/tra-cuu/x'}        | ${false}
    ${'/tra-cuu-khac'}     | ${false}
    ${'/admin'}            | ${false}
    ${'/api/v1/lookup/x'}  | ${false}
  `('$path → $expected', ({ path, expected }) => {
    expect(setsPublicHeaders(path)).toBe(expected);
  });
});
