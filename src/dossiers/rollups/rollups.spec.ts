import { RollupDelta, RollupFacts, contributions, overdueFrom } from './rollups';

const facts = (overrides: Partial<RollupFacts> = {}): RollupFacts => ({
  status: 'processing',
  field: 'Hộ tịch',
  channel: 'online',
  receivedOn: '2025-05-02',
  settledOn: null,
  withdrawnOn: null,
  timeliness: null,
  dueAt: new Date('2025-05-09T10:00:00Z'), // 17:00 local
  ...overrides,
});

const listed = (f: RollupFacts) => {
  const out: string[] = [];
  contributions(f, (day, column, delta) => out.push(`${day} ${column} ${delta > 0 ? '+' : ''}${delta}`));
  return out;
};

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
    delta.add(7, facts({ status: 'resolved', settledOn: '2025-06-03', timeliness: 'late' }));
    const rows = delta.changes().map((row) => `${row.table} ${row.bucket}${row.field ? ` ${row.field}/${row.channel}` : ''} ${Object.entries(row.counters).filter(([, n]) => n !== 0).map(([k, n]) => `${k}${n}`).join(',')}`);
    expect(rows.sort()).toEqual([
      'day 2025-06-03 late1,overdue-1',
      'fieldDay 2025-06-03 Hộ tịch/online late1,overdue-1',
      'fieldMonth * Hộ tịch/online late1,overdue-1',
      'fieldMonth 2025-06 Hộ tịch/online late1,overdue-1',
      'month * late1,overdue-1',
      'month 2025-06 late1,overdue-1',
    ]);
  });

  it('a change of field moves the dossier between the rows by field, not the totals', () => {
    const delta = new RollupDelta();
    delta.remove(7, facts());
    delta.add(7, facts({ field: 'Đất đai' }));
    expect([...new Set(delta.changes().map((row) => row.table))].sort()).toEqual(['fieldDay', 'fieldMonth']);
  });
});
