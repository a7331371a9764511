import { checkRecord } from './dossier-record';

const NOW = new Date('2025-06-10T03:00:00Z');
const good = { code: 'HS-001', unitCode: 'xa-van-to', status: 'resolved', receivedAt: '2025-06-02T08:00', dueAt: '2025-06-09', resolvedAt: '2025-06-05T15:30' };

function errorsOf(changes: Record<string, unknown>): string[] {
  const sut = checkRecord({ ...good, ...changes }, NOW);
  return sut.ok ? [] : sut.errors;
}

describe('the record facts of docs/figures.md §11', () => {
  it('are null when not said, and kept as sent when said', () => {
    const none = checkRecord(good, NOW);
    expect(none.ok && none.record).toMatchObject({ returnedAt: null, electronicResult: null, digitized: null, feeAmount: null, paidOnline: null, complaint: null });
    const said = checkRecord({ ...good, returnedAt: '2025-06-06T09:00', electronicResult: true, digitized: false, resultDigitized: true, reusedData: false, citizenRepository: true, vneidVerified: true, feeAmount: 50000.0, paidOnline: 'gateway', complaint: false }, NOW);
    expect(said.ok && said.record).toMatchObject({
      returnedAt: new Date('2025-06-06T02:00:00Z'), electronicResult: true, digitized: false, resultDigitized: true, reusedData: false,
      citizenRepository: true, vneidVerified: true, feeAmount: 50000, paidOnline: 'gateway', complaint: false,
    });
  });

  it.each`
    changes                                   | error
    ${{ feeAmount: 'abc' }}                   | ${'feeAmount: must be a number of VND (got "abc")'}
    ${{ feeAmount: '50000' }}                 | ${'feeAmount: must be a number of VND (got "50000")'}
    ${{ feeAmount: -1 }}                      | ${'feeAmount: must not be negative'}
    ${{ feeAmount: 1e13 }}                    | ${'feeAmount: is more than 1,000,000,000,000 VND'}
    ${{ paidOnline: 'yes' }}                  | ${'paidOnline: must be one of dvcqg, gateway, or null (got "yes")'}
    ${{ digitized: 'yes' }}                   | ${'digitized: must be true or false (got "yes")'}
    ${{ complaint: 1 }}                       | ${'complaint: must be true or false (got 1)'}
    ${{ vneidVerified: 'true' }}              | ${'vneidVerified: must be true or false (got "true")'}
    ${{ returnedAt: '2025-06-05T15:00' }}     | ${'returnedAt: is before resolvedAt (a result is handed back after it is ready)'}
    ${{ returnedAt: '2025-06-12T15:00' }}     | ${'returnedAt: is more than one day in the future'}
    ${{ returnedAt: 'tomorrow' }}             | ${'returnedAt: "tomorrow" is not an ISO 8601 date (2025-06-10) or date-time (2025-06-10T08:15:00+07:00)'}
  `('refuses $changes', ({ changes, error }) => {
    expect(errorsOf(changes)).toEqual([error]);
  });

  it('refuses a hand-back for a dossier that has no result', () => {
    expect(errorsOf({ status: 'processing', resolvedAt: undefined, returnedAt: '2025-06-06' })).toEqual([
      'returnedAt: must be empty when status is processing (only a settled dossier has a result to hand back)',
    ]);
  });

  it('leave the content hash of a record without them as it was, and change it when said', () => {
    const before = checkRecord(good, NOW);
    // The hash of this record before the facts existed (pinned): stored dossiers stay `unchanged`.
    expect(before.ok && before.record.contentHash).toBe('7c4539f6795439f1860937c7eb2fd49d8c0c3853d8acd223b90bebe3754d1a60');
    const fee = checkRecord({ ...good, feeAmount: 0 }, NOW);
    const flag = checkRecord({ ...good, digitized: false }, NOW);
    const hashes = new Set([before, fee, flag].map((check) => check.ok && check.record.contentHash));
    expect(hashes.size).toBe(3);
  });
});
