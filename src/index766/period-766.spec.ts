import { previousPeriod, resolvePeriod766 } from './period-766';

const NOW = new Date('2026-12-01T05:00:00Z'); // 12:00 on 1 December 2026, Vietnam

describe('resolvePeriod766', () => {
  it.each`
    period       | from            | to              | expected
    ${'2026-11'} | ${undefined}    | ${undefined}    | ${{ from: '2026-11-01', to: '2026-11-30' }}
    ${'2026-02'} | ${undefined}    | ${undefined}    | ${{ from: '2026-02-01', to: '2026-02-28' }}
    ${'2024-02'} | ${undefined}    | ${undefined}    | ${{ from: '2024-02-01', to: '2024-02-29' }}
    ${'2026-Q4'} | ${undefined}    | ${undefined}    | ${{ from: '2026-10-01', to: '2026-12-31' }}
    ${'2026-Q1'} | ${undefined}    | ${undefined}    | ${{ from: '2026-01-01', to: '2026-03-31' }}
    ${'2026-H2'} | ${undefined}    | ${undefined}    | ${{ from: '2026-07-01', to: '2026-12-31' }}
    ${'2026'}    | ${undefined}    | ${undefined}    | ${{ from: '2026-01-01', to: '2026-12-31' }}
    ${'2026-12'} | ${undefined}    | ${undefined}    | ${{ from: '2026-12-01', to: '2026-12-31' }}
    ${undefined} | ${'2026-11-10'} | ${'2026-11-20'} | ${{ from: '2026-11-10', to: '2026-11-20' }}
    ${undefined} | ${undefined}    | ${undefined}    | ${{ from: '2026-12-01', to: '2026-12-31' }}
  `('$period $from $to → $expected', ({ period, from, to, expected }) => {
    expect(resolvePeriod766(period, from, to, NOW)).toMatchObject({ ok: true, period: expected });
  });

  it.each`
    period        | from            | to           | reason
    ${'2027-01'}  | ${undefined}    | ${undefined} | ${'has not begun yet'}
    ${'2027'}     | ${undefined}    | ${undefined} | ${'has not begun yet'}
    ${undefined}  | ${'2026-12-02'} | ${'2026-12-05'} | ${'has not begun yet'}
    ${'2026-13'}  | ${undefined}    | ${undefined} | ${'must be YYYY-MM'}
    ${'2026-Q5'}  | ${undefined}    | ${undefined} | ${'must be YYYY-MM'}
    ${'2026-H3'}  | ${undefined}    | ${undefined} | ${'must be YYYY-MM'}
    ${'11/2026'}  | ${undefined}    | ${undefined} | ${'must be YYYY-MM'}
    ${'2026-11'}  | ${'2026-11-01'} | ${undefined} | ${'not both'}
    ${undefined}  | ${'2026-11-31'} | ${undefined} | ${'from:'}
  `('refuses $period $from $to', ({ period, from, to, reason }) => {
    const check = resolvePeriod766(period, from, to, NOW);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain(reason);
  });

  it.each`
    label        | previous
    ${'2026-11'} | ${'2026-10'}
    ${'2026-01'} | ${'2025-12'}
    ${'2026-Q1'} | ${'2025-Q4'}
    ${'2026-Q3'} | ${'2026-Q2'}
    ${'2026-H1'} | ${'2025-H2'}
    ${'2026'}    | ${'2025'}
    ${'2026-11-01/2026-11-20'} | ${null}
  `('the period before $label is $previous', ({ label, previous }) => {
    expect(previousPeriod(label)).toBe(previous);
  });
});
