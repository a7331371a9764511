import { isLate, statusWordOf, stepWordOf, timelinessOf } from './lookup-answer';

describe('timelinessOf', () => {
  const dueAt = new Date('2025-06-09T16:59:59.999Z');
  const before = new Date('2025-06-09T10:00:00Z');
  const after = new Date('2025-06-10T03:00:00Z');

  it.each`
    status          | timeliness   | resolvedAt | at        | expected
    ${'resolved'}   | ${'onTime'}  | ${before}  | ${after}  | ${'onTime'}
    ${'refused'}    | ${'late'}    | ${after}   | ${after}  | ${'late'}
    ${'resolved'}   | ${null}      | ${after}   | ${after}  | ${'late'}
    ${'processing'} | ${null}      | ${null}    | ${before} | ${'onTrack'}
    ${'processing'} | ${null}      | ${null}    | ${after}  | ${'overdue'}
    ${'waiting'}    | ${null}      | ${null}    | ${after}  | ${'onTrack'}
    ${'withdrawn'}  | ${null}      | ${null}    | ${after}  | ${null}
    ${'denied'}     | ${null}      | ${null}    | ${after}  | ${null}
  `('$status (stored $timeliness) at $at → $expected', ({ status, timeliness, resolvedAt, at, expected }) => {
    expect(timelinessOf({ status, dueAt, resolvedAt, timeliness }, at)).toBe(expected);
  });

  it('calls late and overdue late, the rest not, and says nothing without a deadline', () => {
    expect([isLate('late'), isLate('overdue'), isLate('early'), isLate('onTime'), isLate('onTrack'), isLate(null)]).toEqual([true, true, false, false, false, null]);
  });
});

describe('statusWordOf', () => {
  it('says "returned" only of a resolved dossier whose result was handed over', () => {
    const at = new Date();
    expect(statusWordOf({ status: 'resolved', returnedAt: at })).toBe('returned');
    expect(statusWordOf({ status: 'resolved', returnedAt: null })).toBe('resolved');
    expect(statusWordOf({ status: 'refused', returnedAt: at })).toBe('refused');
  });
});

describe('stepWordOf', () => {
  it.each`
    code   | word
    ${1}   | ${'registered'}
    ${2}   | ${'received'}
    ${5}   | ${'supplement'}
    ${7}   | ${'withdrawalAsked'}
    ${10}  | ${'returned'}
    ${0}   | ${null}
    ${11}  | ${null}
    ${2.5} | ${null}
  `('$code → $word', ({ code, word }) => {
    expect(stepWordOf(code)).toBe(word);
  });
});
