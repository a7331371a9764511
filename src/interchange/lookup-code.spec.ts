import { agencyOfCode, lookupCodeOf } from './lookup-code';

describe('lookupCodeOf', () => {
  it.each`
    raw                                     | expected
    ${'000.00.21.H23-250602-0001'}          | ${'000.00.21.H23-250602-0001'}
    ${'  HS-2025-000123 \n'}                | ${'HS-2025-000123'}
    ${'HS  2025\t01'}                       | ${'HS 2025 01'}
    ${'Hồ sơ'.normalize('NFD')}             | ${'Hồ sơ'}
    ${'x'.repeat(64)}                       | ${'x'.repeat(64)}
  `('reads $raw as a stored code would be written', ({ raw, expected }) => {
    expect(lookupCodeOf(raw)).toBe(expected);
  });

  it.each`
    raw                      | why
    ${undefined}             | ${'not given'}
    ${['a', 'b']}            | ${'given twice'}
    ${''}                    | ${'empty'}
    ${'   '}                 | ${'only spaces'}
    ${'x'.repeat(65)}        | ${'longer than any stored code'}
    ${'HS\u0000-1'}          | ${'a control character'}
    ${'HS-\ud800'}           | ${'not valid UTF-8'}
    ${'HS-\ufffd'}           | ${'bytes that were not UTF-8'}
  `('finds no code in $raw ($why)', ({ raw }) => {
    expect(lookupCodeOf(raw)).toBeNull();
  });
});

describe('agencyOfCode', () => {
  it.each`
    code                              | agency
    ${'000.00.21.H23-250602-0001'}    | ${'000.00.21.H23'}
    ${'H56.14-250701-0012'}           | ${'H56.14'}
    ${'h44.100-251231-AB0001'}        | ${'H44.100'}
    ${'HS-250602-0001'}               | ${'HS'}
    ${'HS-2025-000123'}               | ${null}
    ${'000.00.21.H23-251302-0001'}    | ${null}
    ${'000.00.21.H23-250632-0001'}    | ${null}
    ${'000.00.21.H23-250602-'}        | ${null}
    ${'-250602-0001'}                 | ${null}
    ${'A-B-250602-0001'}              | ${null}
    ${'000 00-250602-0001'}           | ${null}
    ${'250602-0001'}                  | ${null}
    ${'HS0001'}                       | ${null}
  `('$code → $agency', ({ code, agency }) => {
    expect(agencyOfCode(code)).toBe(agency);
  });
});
