import { NO_SUPPLEMENT, overdueFrom } from '../progress-766';
import { ROLLUP_COLUMNS, RollupDelta, RollupFacts, contributions } from './rollups';

const facts = (overrides: Partial<RollupFacts> = {}): RollupFacts => ({
  status: 'processing',
  field: 'Hộ tịch',
  channel: 'online',
  receivedOn: '2025-05-02',
  settledOn: null,
  withdrawnOn: null,
  timeliness: null,
  dueAt: new Date('2025-05-09T10:00:00Z'), // 17:00 local
  receivedAt: new Date('2025-05-02T02:00:00Z'),
  resolvedAt: null,
  withdrawnAt: null,
  electronicResult: null,
  digitized: null,
  resultDigitized: null,
  reusedData: null,
  citizenRepository: null,
  vneidVerified: null,
  feeAmount: null,
  paidOnline: null,
  complaint: null,
  supplement: NO_SUPPLEMENT,
  ...overrides,
});

const SCORECARD = new Set<string>(ROLLUP_COLUMNS.slice(ROLLUP_COLUMNS.indexOf('onTime766')));
/** The contributions to docs/figures.md §5's counters, or (`scorecard`) to the 766 scorecard's. */
const listed = (f: RollupFacts, scorecard = false) => {
  const out: string[] = [];
  contributions(f, (day, column, delta) => {
    if (SCORECARD.has(column) === scorecard) out.push(`${day} ${column} ${delta > 0 ? '+' : ''}${delta}`);
  });
  return out;
};
const HOUR = 3_600_000;

describe('overdueFrom: the first local day at whose end the deadline has passed', () => {
  it.each`
    dueAt                         | expected        | why
    ${'2025-05-09T10:00:00Z'}     | ${'2025-05-09'} | ${'17:00 local: overdue at the end of its own day'}
    ${'2025-05-09T16:59:59.998Z'} | ${'2025-05-09'} | ${'one millisecond before the end of the day'}
    ${'2025-05-09T16:59:59.999Z'} | ${'2025-05-10'} | ${'a bare-date deadline (the last millisecond): not yet overdue at 23:59:59.999'}
    ${'2025-05-09T17:00:00Z'}     | ${'2025-05-10'} | ${'00:00 local on the 10th'}
    ${'2024-12-31T16:59:59.999Z'} | ${'2025-01-01'} | ${'across a year'}
  `('$why', ({ dueAt, expected }) => {
    expect(overdueFrom(new Date(dueAt))).toBe(expected);
  });
});

describe('contributions of one dossier to the day counters', () => {
  it('an open dossier: received, and overdue from its deadline on', () => {
    expect(listed(facts())).toEqual(['2025-05-02 receivedOnline +1', '2025-05-09 overdue +1']);
  });

  it('settled late: the overdue stretch ends the day it was settled', () => {
    expect(listed(facts({ status: 'resolved', settledOn: '2025-05-12', timeliness: 'late' }))).toEqual([
      '2025-05-02 receivedOnline +1', '2025-05-12 late +1', '2025-05-09 overdue +1', '2025-05-12 overdue -1',
    ]);
  });

  it('settled on its deadline day: never overdue at a day end', () => {
    expect(listed(facts({ status: 'resolved', settledOn: '2025-05-09', timeliness: 'onTime' }))).toEqual(['2025-05-02 receivedOnline +1', '2025-05-09 onTime +1']);
  });

  it('waiting (handed back to the applicant): counted as waiting, never overdue', () => {
    expect(listed(facts({ status: 'waiting', channel: 'postal' }))).toEqual(['2025-05-02 receivedPostal +1', '2025-05-02 waiting +1']);
  });

  it('denied: only the denial on the day of receipt', () => {
    expect(listed(facts({ status: 'denied', channel: 'direct' }))).toEqual(['2025-05-02 denied +1']);
  });

  it('received after its deadline had passed: overdue from the day of receipt', () => {
    expect(listed(facts({ receivedOn: '2025-05-20', withdrawnOn: '2025-05-22', status: 'withdrawn' }))).toEqual([
      '2025-05-20 receivedOnline +1', '2025-05-22 withdrawn +1', '2025-05-20 overdue +1', '2025-05-22 overdue -1',
    ]);
  });
});

describe('RollupDelta', () => {
  it('an update that changes nothing the rollups count leaves no row to write', () => {
    const delta = new RollupDelta();
    delta.remove(7, facts());
    delta.add(7, facts());
    expect(delta.changes()).toEqual([]);
  });

  it('a status change moves the counts between days, months and the all-time row', () => {
    const delta = new RollupDelta();
    delta.remove(7, facts());
    delta.add(7, facts({ status: 'refused', settledOn: '2025-06-03', timeliness: 'late', resolvedAt: new Date('2025-06-03T03:00:00Z') }));
    const rows = delta.changes().map((row) => `${row.table} ${row.bucket}${row.field ? ` ${row.field}/${row.channel}` : ''} ${Object.entries(row.counters).filter(([, n]) => n !== 0).map(([k, n]) => `${k}${n > 0 && k.endsWith('766') ? '+' : ''}${n}`).join(',')}`);
    expect(rows.sort()).toEqual([
      'day 2025-06-03 late1,overdue-1,late766+1,openLate766-1',
      'fieldDay 2025-06-03 Hộ tịch/online late1,overdue-1,late766+1,openLate766-1',
      'fieldMonth * Hộ tịch/online late1,overdue-1,late766+1,openLate766-1',
      'fieldMonth 2025-06 Hộ tịch/online late1,overdue-1,late766+1,openLate766-1',
      'month * late1,overdue-1,late766+1,openLate766-1',
      'month 2025-06 late1,overdue-1,late766+1,openLate766-1',
    ]);
  });

  it('a change of field moves the dossier between the rows by field, not the totals', () => {
    const delta = new RollupDelta();
    delta.remove(7, facts());
    delta.add(7, facts({ field: 'Đất đai' }));
    expect([...new Set(delta.changes().map((row) => row.table))].sort()).toEqual(['fieldDay', 'fieldMonth']);
  });
});

describe('contributions to the 766 scorecard', () => {
  const resolved = (overrides: Partial<RollupFacts> = {}) =>
    facts({ status: 'resolved', settledOn: '2025-05-08', timeliness: 'early', resolvedAt: new Date('2025-05-08T03:00:00Z'), ...overrides });

  it.each`
    case                                                                  | given                                                                                                                     | expected
    ${'open, no supplement: overdue by 2.1 from the due day, as §5'}      | ${facts()}                                                                                                                | ${['2025-05-09 openLate766 +1']}
    ${'resolved early: on time, its time, a result without an e-file'}    | ${resolved()}                                                                                                             | ${['2025-05-08 onTime766 +1', '2025-05-02 resolvedReceived +1', '2025-05-02 resolutionMinutes +8700', '2025-05-08 results +1']}
    ${'resolved with an electronic, digitised result'}                   | ${resolved({ electronicResult: true, digitized: true, resultDigitized: true })}                                           | ${['2025-05-08 onTime766 +1', '2025-05-02 resolvedReceived +1', '2025-05-02 resolutionMinutes +8700', '2025-05-08 results +1', '2025-05-08 electronicResults +1', '2025-05-08 digitizedResults +1']}
    ${'digitised papers without a digitised result: not 4.2'}            | ${resolved({ digitized: true, resultDigitized: false })}                                                                  | ${['2025-05-08 onTime766 +1', '2025-05-02 resolvedReceived +1', '2025-05-02 resolutionMinutes +8700', '2025-05-08 results +1']}
    ${'refused in time: on time by 2.1, no result, no 2.2'}              | ${facts({ status: 'refused', settledOn: '2025-05-08', timeliness: 'early', resolvedAt: new Date('2025-05-08T03:00:00Z') })} | ${['2025-05-08 onTime766 +1']}
    ${'withdrawn after the deadline: late by 2.1 (the withdrawal ends it)'} | ${facts({ status: 'withdrawn', withdrawnOn: '2025-05-12', withdrawnAt: new Date('2025-05-12T03:00:00Z') })}             | ${['2025-05-12 late766 +1', '2025-05-09 openLate766 +1', '2025-05-12 openLate766 -1']}
    ${'the facts counted on the day of receipt'}                         | ${facts({ reusedData: true, citizenRepository: true, vneidVerified: true, complaint: true, feeAmount: 50000, paidOnline: 'gateway' })} | ${['2025-05-09 openLate766 +1', '2025-05-02 reusedData +1', '2025-05-02 citizenRepository +1', '2025-05-02 vneidVerified +1', '2025-05-02 complaints +1', '2025-05-02 feePayable +1', '2025-05-02 paidOnline +1']}
    ${'a fee not paid online: payable only'}                             | ${facts({ feeAmount: 50000 })}                                                                                            | ${['2025-05-09 openLate766 +1', '2025-05-02 feePayable +1']}
    ${'no fee (0) and not paid online: not payable'}                     | ${facts({ feeAmount: 0, paidOnline: null })}                                                                              | ${['2025-05-09 openLate766 +1']}
    ${'false facts count nothing'}                                        | ${facts({ reusedData: false, citizenRepository: false, vneidVerified: false, complaint: false })}                         | ${['2025-05-09 openLate766 +1']}
    ${'waiting without steps: never overdue'}                            | ${facts({ status: 'waiting' })}                                                                                           | ${[]}
    ${'denied: nothing'}                                                  | ${facts({ status: 'denied', reusedData: true })}                                                                          | ${[]}
  `('$case', ({ given, expected }) => {
    expect(listed(given, true)).toEqual(expected);
  });

  it('2.2 takes the applicant’s time off, and a second round makes it late by 2.1', () => {
    const supplement = { supplementAt: new Date('2025-05-03T03:00:00Z'), supplementDoneAt: new Date('2025-05-04T03:00:00Z'), supplementAgainAt: null, supplementDueMoved: false };
    expect(listed(resolved({ supplement }), true)).toContain(`2025-05-02 resolutionMinutes +${8700 - 24 * 60}`);
    expect(listed(resolved({ supplement: { ...supplement, supplementAgainAt: new Date('2025-05-05T03:00:00Z') } }), true)).toEqual([
      '2025-05-08 late766 +1', '2025-05-05 openLate766 +1', '2025-05-08 openLate766 -1', '2025-05-02 resolvedReceived +1', `2025-05-02 resolutionMinutes +${8700 - 24 * 60}`, '2025-05-08 results +1',
    ]);
    expect(HOUR).toBe(3_600_000);
  });
});
