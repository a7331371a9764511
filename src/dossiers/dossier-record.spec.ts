import { checkRecord } from './dossier-record';

const NOW = new Date('2025-06-10T03:00:00Z'); // 10:00 in Vietnam
const good = {
  code: 'HS-001',
  unitCode: 'xa-van-to',
  status: 'resolved',
  receivedAt: '2025-06-02T08:00',
  dueAt: '2025-06-09',
  resolvedAt: '2025-06-05T15:30',
};

describe('checkRecord (docs/figures.md §2)', () => {
  it('accepts a complete record and fills the defaults', () => {
    const sut = checkRecord(good, NOW);
    expect(sut.ok).toBe(true);
    if (!sut.ok) return;
    expect(sut.record).toMatchObject({
      field: 'Khác',
      channel: 'direct',
      receivedAt: new Date('2025-06-02T01:00:00Z'),
      dueAt: new Date('2025-06-09T16:59:59.999Z'),
      resolvedAt: new Date('2025-06-05T08:30:00Z'),
      procedureCode: null,
    });
  });

  it('stores Vietnamese text in one Unicode form, trimmed', () => {
    const sut = checkRecord({ ...good, field: '  Ho\u0323\u0302 ti\u0323ch  ' }, NOW);
    expect(sut.ok && sut.record.field).toBe('Hộ tịch');
  });

  it('gives the same content hash to the same record written two ways', () => {
    const a = checkRecord(good, NOW);
    const b = checkRecord({ ...good, receivedAt: '2025-06-02T01:00:00Z', dueAt: '2025-06-09T23:59:59.999+07:00' }, NOW);
    expect(a.ok && b.ok && a.record.contentHash === b.record.contentHash).toBe(true);
    const c = checkRecord({ ...good, field: 'Hộ tịch' }, NOW);
    expect(a.ok && c.ok && a.record.contentHash !== c.record.contentHash).toBe(true);
  });

  it.each`
    change                                                       | expectedErrors
    ${{ code: undefined }}                                       | ${['code: is required (a string)']}
    ${{ code: '' }}                                              | ${['code: must be 1–64 characters']}
    ${{ code: 'x'.repeat(65) }}                                  | ${['code: must be 1–64 characters']}
    ${{ unitCode: undefined }}                                   | ${['unitCode: is required (a string)']}
    ${{ status: 'done' }}                                        | ${['status: is required, one of processing, waiting, resolved, refused, withdrawn, denied']}
    ${{ channel: 'fax' }}                                        | ${['channel: must be one of direct, online, postal']}
    ${{ receivedAt: undefined }}                                 | ${['receivedAt: is required']}
    ${{ dueAt: '10/06/2025' }}                                   | ${['dueAt: "10/06/2025" is not an ISO 8601 date (2025-06-10) or date-time (2025-06-10T08:15:00+07:00)']}
    ${{ resolvedAt: undefined }}                                 | ${['resolvedAt: is required when status is resolved']}
    ${{ status: 'processing' }}                                  | ${['resolvedAt: must be empty when status is processing (only resolved or refused dossiers have a result)']}
    ${{ resolvedAt: '2025-06-01T10:00' }}                        | ${['resolvedAt: is before receivedAt']}
    ${{ receivedAt: '2025-06-11T11:00', dueAt: '2025-06-20', resolvedAt: '2025-06-11T12:00' }} | ${['receivedAt: is more than one day in the future', 'resolvedAt: is more than one day in the future']}
    ${{ dueAt: '2025-06-01' }}                                   | ${['dueAt: is before receivedAt']}
    ${{ withdrawnAt: '2025-06-03' }}                             | ${['withdrawnAt: must be empty when status is resolved']}
    ${{ field: 42, channel: 'fax', status: 'x', dueAt: 'soon' }} | ${['field: must be a string', 'channel: must be one of direct, online, postal', 'status: is required, one of processing, waiting, resolved, refused, withdrawn, denied', 'dueAt: "soon" is not an ISO 8601 date (2025-06-10) or date-time (2025-06-10T08:15:00+07:00)']}
  `('rejects $change with $expectedErrors', ({ change, expectedErrors }) => {
    const sut = checkRecord({ ...good, ...change }, NOW);
    expect(sut.ok).toBe(false);
    if (sut.ok) return;
    expect(sut.errors.sort()).toEqual([...expectedErrors].sort());
  });

  it('accepts a received time up to one day ahead (clock skew between systems)', () => {
    const sut = checkRecord({ ...good, status: 'processing', resolvedAt: undefined, receivedAt: '2025-06-11T09:59', dueAt: '2025-06-20' }, NOW);
    expect(sut.ok).toBe(true);
  });

  describe('the range of dates every time field accepts: local dates 1900-01-01 to 2199-12-31, judged after the offset', () => {
    const OUTSIDE = 'is outside the dates this service accepts (1900-01-01 to 2199-12-31, Vietnam time)';
    it.each`
      change                                                            | why
      ${{ dueAt: '2199-12-31' }}                                        | ${'the last day, as a date (its end)'}
      ${{ dueAt: '2199-12-31T23:59:59.999' }}                           | ${'the last millisecond, Vietnam time'}
      ${{ dueAt: '2199-12-31T23:59:59+14:00' }}                         | ${'+14:00 is earlier in UTC: 2199-12-31 16:59:59 in Vietnam'}
      ${{ extendedDueAt: '2199-12-31T16:59:59.999Z' }}                  | ${'the last instant in UTC'}
      ${{ receivedAt: '1900-01-01', resolvedAt: '1900-01-01T10:00' }}   | ${'the first day'}
      ${{ receivedAt: '1900-01-01T00:00:00-14:00', resolvedAt: '1900-01-02' }} | ${'−14:00 is later in UTC: 1900-01-01 21:00 in Vietnam'}
      ${{ sourceUpdatedAt: '1899-12-31T17:00:00Z' }}                    | ${'the first instant in UTC'}
    `('accepts $change: $why', ({ change }) => {
      const sut = checkRecord({ ...good, ...change }, NOW);
      expect(sut.ok ? [] : sut.errors).toEqual([]);
    });

    it.each`
      change                                                  | field                | why
      ${{ dueAt: '9999-12-31T23:59:59-14:00' }}               | ${'dueAt'}           | ${'the probe: past year 9999 in UTC'}
      ${{ dueAt: '9999-12-30' }}                              | ${'dueAt'}           | ${'far future'}
      ${{ dueAt: '2199-12-31T23:59:59-14:00' }}               | ${'dueAt'}           | ${'−14:00 pushes the last day into 2200-01-01 in Vietnam'}
      ${{ dueAt: '2200-01-01' }}                              | ${'dueAt'}           | ${'the first day after'}
      ${{ extendedDueAt: '2199-12-31T17:00:00Z' }}            | ${'extendedDueAt'}   | ${'2200-01-01 00:00 in Vietnam'}
      ${{ receivedAt: '1899-12-31', resolvedAt: '1900-01-02' }} | ${'receivedAt'}    | ${'the day before the first'}
      ${{ receivedAt: '1900-01-01T00:00:00+14:00', resolvedAt: '1900-01-02' }} | ${'receivedAt'} | ${'+14:00 pulls the first day into 1899-12-31 in Vietnam'}
      ${{ sourceUpdatedAt: '1899-12-31T16:59:59.999Z' }}      | ${'sourceUpdatedAt'} | ${'the last instant before, in UTC'}
      ${{ sourceUpdatedAt: '0099-06-10' }}                    | ${'sourceUpdatedAt'} | ${'year 99 (which Date.UTC would read as 1999)'}
      ${{ resolvedAt: '0001-01-01T00:00' }}                   | ${'resolvedAt'}      | ${'year 1'}
    `('rejects $change, naming $field: $why', ({ change, field }) => {
      const sut = checkRecord({ ...good, ...change }, NOW);
      expect(sut.ok).toBe(false);
      if (sut.ok) return;
      const raw = (change as Record<string, string>)[field];
      expect(sut.errors).toContain(`${field}: "${raw}" ${OUTSIDE}`);
    });

    it('refuses a computed deadline outside the range', () => {
      const sut = checkRecord({ ...good, dueAt: undefined, procedureCode: '1.1' }, NOW, () => ({ name: 'P', field: 'F', dueAt: () => new Date('2200-01-01T00:00:00Z') }));
      expect(sut.ok ? [] : sut.errors).toEqual([`dueAt: the deadline computed from the procedure's processing days ${OUTSIDE}`]);
    });
  });

  describe('text that is not valid UTF-8 (lone surrogates, U+FFFD)', () => {
    it.each`
      change                                           | expectedError
      ${{ procedureName: '\ud800' }}                  | ${'procedureName: is not valid UTF-8 text (a lone surrogate U+D800 at character 1)'}
      ${{ procedureName: 'Đăng ký khai sinh\udbff' }} | ${'procedureName: is not valid UTF-8 text (a lone surrogate U+DBFF at character 18)'}
      ${{ procedureName: 'Đăng ký\udc00 khai sinh' }} | ${'procedureName: is not valid UTF-8 text (a lone surrogate U+DC00 at character 8)'}
      ${{ procedureName: '\udfff\ud800' }}           | ${'procedureName: is not valid UTF-8 text (a lone surrogate U+DFFF at character 1)'}
      ${{ field: 'Hộ t\ufffdch' }}                    | ${'field: is not valid UTF-8 text (U+FFFD, left where bytes were not UTF-8, at character 5)'}
      ${{ unitCode: 'xa-\ufffd' }}                    | ${'unitCode: is not valid UTF-8 text (U+FFFD, left where bytes were not UTF-8, at character 4)'}
      ${{ procedureCode: '1.00\ud83d' }}              | ${'procedureCode: is not valid UTF-8 text (a lone surrogate U+D83D at character 5)'}
      ${{ code: 'HS-\ud83d' }}                        | ${'code: is not valid UTF-8 text (a lone surrogate U+D83D at character 4)'}
    `('rejects $change', ({ change, expectedError }) => {
      const sut = checkRecord({ ...good, ...change }, NOW);
      expect(sut.ok ? [] : sut.errors).toEqual([expectedError]);
    });

    it('names a record whose code is not valid text by a visible form of it', () => {
      const sut = checkRecord({ ...good, code: 'HS-\ud83d' }, NOW);
      expect(sut.ok ? null : sut.code).toBe('HS-\\uD83D');
    });

    it('accepts characters outside the BMP written as surrogate pairs', () => {
      const sut = checkRecord({ ...good, procedureName: 'Khai sinh 👶 𠀀' }, NOW);
      expect(sut.ok && sut.record.procedureName).toBe('Khai sinh 👶 𠀀');
    });
  });

  describe('what an error quotes of a rejected value', () => {
    it('shows at most 60 characters of a 1 MB value, then its length', () => {
      const sut = checkRecord({ ...good, dueAt: 'x'.repeat(1_000_000), procedureCode: 'y'.repeat(50_000) }, NOW, () => undefined);
      expect(sut.ok).toBe(false);
      if (sut.ok) return;
      expect(sut.errors).toContain(`dueAt: "${'x'.repeat(60)}…(1000000 characters)" is not an ISO 8601 date (2025-06-10) or date-time (2025-06-10T08:15:00+07:00)`);
      for (const error of sut.errors) expect(error.length).toBeLessThan(200);
    });

    it('makes control characters visible', () => {
      const sut = checkRecord({ ...good, dueAt: '2025-06-10\n\u0000\u202e' }, NOW);
      expect(sut.ok ? [] : sut.errors).toEqual(['dueAt: "2025-06-10\\n\\u0000\\u202E" is not an ISO 8601 date (2025-06-10) or date-time (2025-06-10T08:15:00+07:00)']);
    });

    it('caps the code of a record whose code is too long', () => {
      const sut = checkRecord({ ...good, code: 'C'.repeat(100_000) }, NOW);
      expect(sut.ok ? null : sut.code).toBe(`${'C'.repeat(60)}…(100000 characters)`);
    });
  });

  it('names a record that is not an object', () => {
    expect(checkRecord('HS-1', NOW)).toEqual({ ok: false, code: null, errors: ['record: must be an object'] });
  });
});
