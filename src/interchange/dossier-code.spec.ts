import { parseDossierCode } from './dossier-code';

describe('parseDossierCode (NATIONAL.md §3)', () => {
  it.each`
    code                              | agency              | receivedOn      | sequence
    ${'000.00.21.H23-250602-0001'}    | ${'000.00.21.H23'}  | ${'2025-06-02'} | ${1}
    ${'000.00.21.H23-250602-1234'}    | ${'000.00.21.H23'}  | ${'2025-06-02'} | ${1234}
    ${'000.20.31.H26-241231-0042'}    | ${'000.20.31.H26'}  | ${'2024-12-31'} | ${42}
    ${'H56.14-250701-0007'}           | ${'H56.14'}         | ${'2025-07-01'} | ${7}
    ${'H44.100-260229-0001'}          | ${null}             | ${null}         | ${null}
    ${'H44.100-280229-0001'}          | ${'H44.100'}        | ${'2028-02-29'} | ${1}
    ${'h56.14-250701-0007'}           | ${'H56.14'}         | ${'2025-07-01'} | ${7}
    ${' 000.00.21.H23-250602-0001 '}  | ${'000.00.21.H23'}  | ${'2025-06-02'} | ${1}
    ${'G22.35.10-251015-AB0012'}      | ${'G22.35.10'}      | ${'2025-10-15'} | ${12}
    ${'000.00.21.H23-251302-0001'}    | ${null}             | ${null}         | ${null}
    ${'000.00.21.H23-250631-0001'}    | ${null}             | ${null}         | ${null}
    ${'000.00.21.H23-25062-0001'}     | ${null}             | ${null}         | ${null}
    ${'000.00.21.H23-250602-'}        | ${null}             | ${null}         | ${null}
    ${'-250602-0001'}                 | ${null}             | ${null}         | ${null}
    ${'HS-2025-000123'}               | ${null}             | ${null}         | ${null}
    ${'250602-0001'}                  | ${null}             | ${null}         | ${null}
    ${'000.00..H23-250602-0001'}      | ${null}             | ${null}         | ${null}
    ${'000 00 21-250602-0001'}        | ${null}             | ${null}         | ${null}
    ${''}                             | ${null}             | ${null}         | ${null}
    ${'HS-250602-0001'}               | ${'HS'}             | ${'2025-06-02'} | ${1}
    ${'A-B-250602-0001'}              | ${null}             | ${null}         | ${null}
    ${'HS0001'}                       | ${null}             | ${null}         | ${null}
    ${'A'.repeat(33) + '-250602-0001'} | ${null}            | ${null}         | ${null}
  `('$code', ({ code, agency, receivedOn, sequence }) => {
    const parts = parseDossierCode(code);
    expect(parts).toEqual(agency === null ? null : { agency, receivedOn, sequence });
  });

  it('splits on the last two dashes, so an agency code with dashes of its own still parses', () => {
    expect(parseDossierCode('SO-TP-250602-0001')).toBeNull();
    expect(parseDossierCode('UBND.XA.TUKY-250602-0001')).toEqual({ agency: 'UBND.XA.TUKY', receivedOn: '2025-06-02', sequence: 1 });
  });
});
