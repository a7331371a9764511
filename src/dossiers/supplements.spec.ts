import { supplementRounds } from './supplements';

const at = (day: number, hour = 8) => new Date(Date.UTC(2025, 5, day, hour));
const steps = (...list: [number, Date][]) => list.map(([statusCode, moment]) => ({ statusCode, at: moment }));

describe('supplementRounds (docs/figures.md §10)', () => {
  it('none without a request', () => {
    expect(supplementRounds(steps([2, at(2)], [4, at(3)], [9, at(5)], [10, at(6)]))).toEqual([]);
  });

  it('one round, completed: the time the applicant held it', () => {
    expect(supplementRounds(steps([2, at(2)], [5, at(3)], [4, at(5, 10)], [9, at(6)]))).toEqual([
      { requestedAt: at(3), completedAt: at(5, 10), heldMs: 2 * 86_400_000 + 2 * 3_600_000 },
    ]);
  });

  it('two rounds, the second still with the applicant', () => {
    expect(supplementRounds(steps([2, at(2)], [5, at(3)], [2, at(4)], [4, at(4, 9)], [5, at(8)]))).toEqual([
      { requestedAt: at(3), completedAt: at(4), heldMs: 86_400_000 },
      { requestedAt: at(8), completedAt: null, heldMs: null },
    ]);
  });

  it('a request re-sent while open is the same round; steps out of order are put in order', () => {
    expect(supplementRounds(steps([4, at(7)], [5, at(3)], [5, at(4)], [2, at(1)]))).toEqual([{ requestedAt: at(3), completedAt: at(7), heldMs: 4 * 86_400_000 }]);
  });

  it('a withdrawal or a stop leaves the round open; a financial obligation (6) is no supplement', () => {
    expect(supplementRounds(steps([5, at(3)], [7, at(5)]))).toEqual([{ requestedAt: at(3), completedAt: null, heldMs: null }]);
    expect(supplementRounds(steps([6, at(3)], [4, at(5)]))).toEqual([]);
  });
});
