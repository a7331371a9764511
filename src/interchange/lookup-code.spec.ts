import { lookupCodeOf } from './lookup-code';

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
