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

describe('checkRecord (SPEC §2)', () => {
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

  it('names a record that is not an object', () => {
    expect(checkRecord('HS-1', NOW)).toEqual({ ok: false, code: null, errors: ['record: must be an object'] });
  });
});
