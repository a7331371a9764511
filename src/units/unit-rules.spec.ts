import { refusalIn } from '../i18n/refusal-words';
import { agencyCodeChange, agencyCodeTaken, newUnitRefusal, parentRefusal } from './unit-rules';

describe('newUnitRefusal', () => {
  it.each`
    level         | kind         | validFrom
    ${'commune'}  | ${'xa'}      | ${undefined}
    ${'commune'}  | ${'phuong'}  | ${'2025-07-01'}
    ${'commune'}  | ${'dac-khu'} | ${null}
    ${'commune'}  | ${undefined} | ${undefined}
    ${'province'} | ${undefined} | ${'2025-07-01'}
    ${'province'} | ${null}      | ${null}
  `('takes a $level of kind $kind valid from $validFrom', ({ level, kind, validFrom }) => {
    expect(newUnitRefusal({ code: 'u', level, kind, validFrom })).toBeNull();
  });

  it.each`
    level         | kind    | validFrom       | status       | message
    ${'province'} | ${'xa'} | ${undefined}    | ${'invalid'} | ${'kind: only a commune has a kind (xa, phuong, dac-khu); unit "u" is not a commune'}
    ${'agency'}   | ${'phuong'} | ${undefined} | ${'invalid'} | ${'kind: only a commune has a kind (xa, phuong, dac-khu); unit "u" is not a commune'}
    ${'commune'}  | ${'xa'} | ${'2025-02-30'} | ${'invalid'} | ${'validFrom: "2025-02-30" is not a date YYYY-MM-DD'}
    ${'commune'}  | ${'xa'} | ${''}           | ${'invalid'} | ${'validFrom: "" is not a date YYYY-MM-DD'}
    ${'commune'}  | ${'xa'} | ${20250701}     | ${'invalid'} | ${'validFrom: 20250701 is not a date YYYY-MM-DD'}
    ${'commune'}  | ${'xa'} | ${'1800-01-01'} | ${'invalid'} | ${'validFrom: 1800-01-01 is outside the dates this service accepts'}
  `('refuses a $level of kind $kind valid from $validFrom', ({ level, kind, validFrom, status, message }) => {
    const sut = newUnitRefusal({ code: 'u', level, kind, validFrom })!;
    expect(sut.refusal).toBe(status);
    expect(sut.message).toContain(message);
  });

  it('says a refusal in Vietnamese on a page, the English after it', () => {
    expect(refusalIn('vi', newUnitRefusal({ code: 'tinh', level: 'province', kind: 'xa' })!).message).toBe(
      'Chỉ đơn vị cấp xã mới có loại (xã, phường, đặc khu); đơn vị "tinh" không phải cấp xã. (kind: only a commune has a kind (xa, phuong, dac-khu); unit "tinh" is not a commune)',
    );
    expect(refusalIn('vi', newUnitRefusal({ code: 'x', level: 'commune', validFrom: 'x' })!).message).toContain('Ngày hiệu lực "x" không phải là ngày hợp lệ');
  });
});

describe('parentRefusal', () => {
  it.each`
    validFrom       | validTo         | childFrom       | message
    ${null}         | ${'2025-06-30'} | ${null}         | ${'parentCode: unit "huyen" is no longer valid after 2025-06-30'}
    ${'2025-07-01'} | ${null}         | ${'2025-06-01'} | ${'validFrom: must not be before 2025-07-01, the day parent unit "huyen" is valid from'}
    ${'2025-07-01'} | ${null}         | ${null}         | ${'validFrom: must not be before 2025-07-01, the day parent unit "huyen" is valid from'}
  `('refuses a unit from $childFrom under a parent valid $validFrom – $validTo', ({ validFrom, validTo, childFrom, message }) => {
    const sut = parentRefusal({ code: 'huyen', validFrom, validTo }, childFrom)!;
    expect([sut.refusal, sut.message]).toEqual(['unprocessable', message]);
  });

  it('takes a unit under a parent valid on all its days', () => {
    expect(parentRefusal({ code: 'huyen', validFrom: '2025-07-01', validTo: null }, '2025-07-01')).toBeNull();
  });
});

describe('agencyCodeTaken', () => {
  it('names the code and the unit that has it, in both languages', () => {
    const sut = agencyCodeTaken('000.00.21.H23', 'xa-a');
    expect([sut.refusal, sut.message]).toEqual(['conflict', 'agencyCode: "000.00.21.H23" is already the agency code of unit "xa-a"']);
    expect(refusalIn('vi', sut).message).toBe('Mã định danh "000.00.21.H23" đã là mã của đơn vị "xa-a". (agencyCode: "000.00.21.H23" is already the agency code of unit "xa-a")');
  });
});

describe('agencyCodeChange', () => {
  it.each`
    value                  | agencyCode
    ${'000.00.21.H23'}     | ${'000.00.21.H23'}
    ${' h56.14 '}          | ${'H56.14'}
    ${'H'.repeat(32)}      | ${'H'.repeat(32)}
    ${null}                | ${null}
    ${''}                  | ${null}
    ${' \t '}              | ${null}
  `('reads $value as $agencyCode', ({ value, agencyCode }) => {
    expect(agencyCodeChange(value)).toEqual({ agencyCode });
  });

  it.each`
    value              | message
    ${undefined}       | ${'agencyCode: is required (null or "" clears it)'}
    ${'000 00 21'}     | ${'agencyCode must be 1–32 letters, digits or "."'}
    ${'H'.repeat(33)}  | ${'agencyCode must be 1–32 letters, digits or "."'}
    ${'Đ.21'}          | ${'agencyCode must be 1–32 letters, digits or "."'}
    ${21}              | ${'agencyCode must be a string'}
  `('refuses $value as invalid, naming agencyCode', ({ value, message }) => {
    const sut = agencyCodeChange(value);
    if (!('refusal' in sut)) throw new Error('not refused');
    expect([sut.refusal.refusal, sut.refusal.message]).toEqual(['invalid', message]);
  });

  it('says a bad code in Vietnamese on a page, the English after it', () => {
    const sut = agencyCodeChange('000 00 21') as { refusal: Parameters<typeof refusalIn>[1] };
    expect(refusalIn('vi', sut.refusal).message).toBe('Mã định danh phải gồm 1–32 chữ cái, chữ số hoặc dấu chấm, ví dụ 000.00.21.H23. (agencyCode must be 1–32 letters, digits or ".")');
  });
});
