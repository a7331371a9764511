import { LocalDate, addLocalDays } from '../common/local-time';
import { DossierStatus } from './classification';
import { Facts766, StepLike, judge766, openLateAt, openLateDays, supplementOf } from './progress-766';

interface Dossier766 {
  status: DossierStatus;
  dueAt: Date;
  finishedAt: Date | null;
  steps: StepLike[];
  dueMovedForSupplement?: boolean;
}
const factsOf = (d: Dossier766): Facts766 => {
  const summary = supplementOf(d.steps);
  return { status: d.status, dueAt: d.dueAt, finishedAt: d.finishedAt, ...summary, supplementDueMoved: d.dueMovedForSupplement ?? summary.supplementDueMoved };
};

const HOUR = 3_600_000;
/** 2025-06-d hh:00 in Vietnam. */
const at = (d: number, h = 8) => new Date(Date.UTC(2025, 5, d, h - 7));
const END_OF_JUNE_10 = new Date(Date.UTC(2025, 5, 10, 16, 59, 59, 999));
const steps = (...list: [number, Date][]) => list.map(([statusCode, moment]) => ({ statusCode, at: moment }));
const base: Dossier766 = { status: 'processing', dueAt: at(9, 17), finishedAt: null, steps: [] };

describe('judge766: indicator 2.1 as DVCQG judges one dossier', () => {
  it.each`
    case                                                                 | dossier                                                                                                      | verdict
    ${'settled before the due instant'}                                  | ${{ status: 'resolved', finishedAt: at(8) }}                                                                 | ${'onTime'}
    ${'settled at the due instant exactly'}                              | ${{ status: 'resolved', finishedAt: at(9, 17) }}                                                             | ${'onTime'}
    ${'settled a minute after it'}                                       | ${{ status: 'resolved', finishedAt: new Date(at(9, 17).getTime() + 60_000) }}                                | ${'late'}
    ${'refused (stopped) in time'}                                       | ${{ status: 'refused', finishedAt: at(9) }}                                                                  | ${'onTime'}
    ${'withdrawn after the deadline: withdrawal ends processing too'}    | ${{ status: 'withdrawn', finishedAt: at(10) }}                                                               | ${'late'}
    ${'withdrawn in time'}                                               | ${{ status: 'withdrawn', finishedAt: at(5) }}                                                                | ${'onTime'}
    ${'not received at intake: not counted'}                             | ${{ status: 'denied' }}                                                                                      | ${null}
    ${'open, due later than the period end'}                             | ${{ dueAt: at(12, 17) }}                                                                                     | ${'onTime'}
    ${'open, due before the period end'}                                 | ${{}}                                                                                                        | ${'late'}
    ${'settled after the period: judged open at its end'}                | ${{ status: 'resolved', finishedAt: at(11), dueAt: at(12, 17) }}                                             | ${'onTime'}
    ${'no steps: judged on its fields alone'}                            | ${{ status: 'resolved', finishedAt: at(9, 16), steps: [] }}                                                  | ${'onTime'}
  `('$case → $verdict', ({ dossier, verdict }) => {
    expect(judge766(factsOf({ ...base, ...dossier }), END_OF_JUNE_10)).toBe(verdict);
  });

  it.each`
    case                                                                                 | dossier                                                                                                                                 | verdict
    ${'one round, completed; the applicant held it 24 h, taken off: on time'}             | ${{ status: 'resolved', finishedAt: at(10, 8), steps: steps([2, at(2)], [5, at(4)], [4, at(5)], [9, at(10, 8)]) }}                     | ${'onTime'}
    ${'one round, the due date already moved for it: nothing taken off, late'}           | ${{ status: 'resolved', finishedAt: at(10, 8), dueMovedForSupplement: true, steps: steps([2, at(2)], [5, at(4)], [4, at(5)], [9, at(10, 8)]) }} | ${'late'}
    ${'two requests: overdue, though settled early'}                                     | ${{ status: 'resolved', finishedAt: at(6), steps: steps([2, at(2)], [5, at(3)], [4, at(3, 10)], [5, at(4)], [4, at(4, 10)], [9, at(6)]) }} | ${'late'}
    ${'a request re-sent while open is one request'}                                     | ${{ status: 'resolved', finishedAt: at(6), steps: steps([5, at(3)], [5, at(3, 9)], [4, at(4)], [9, at(6)]) }}                          | ${'onTime'}
    ${'waiting for papers, asked before the deadline: judged at the request'}            | ${{ status: 'waiting', steps: steps([2, at(2)], [5, at(8)]) }}                                                                         | ${'onTime'}
    ${'waiting for papers, asked after the deadline'}                                    | ${{ status: 'waiting', steps: steps([2, at(2)], [5, at(9, 18)]) }}                                                                     | ${'late'}
    ${'papers back, still open: the held time is taken off the period end'}              | ${{ dueAt: at(9, 17), steps: steps([5, at(3)], [4, at(5)]) }}                                                                          | ${'onTime'}
    ${'a second request after the period end does not count yet'}                        | ${{ status: 'resolved', finishedAt: at(8), steps: steps([5, at(3)], [4, at(3, 10)], [5, at(11)]) }}                                    | ${'onTime'}
    ${'stopped (8) after a round: settled, the held time taken off'}                     | ${{ status: 'refused', finishedAt: at(10, 8), steps: steps([5, at(2)], [4, at(4)], [8, at(10, 8)]) }}                                  | ${'onTime'}
  `('supplements: $case → $verdict', ({ dossier, verdict }) => {
    expect(judge766(factsOf({ ...base, ...dossier }), END_OF_JUNE_10)).toBe(verdict);
  });

  it('takes the whole time the applicant held it off, to the millisecond', () => {
    const held = 30 * HOUR;
    const dossier = { ...base, status: 'resolved' as const, dueAt: at(9, 17), steps: steps([5, at(3)], [4, new Date(at(3).getTime() + held)]) };
    expect(judge766(factsOf({ ...dossier, finishedAt: new Date(at(9, 17).getTime() + held) }), END_OF_JUNE_10)).toBe('onTime');
    expect(judge766(factsOf({ ...dossier, finishedAt: new Date(at(9, 17).getTime() + held + 1) }), END_OF_JUNE_10)).toBe('late');
  });

  it.each`
    case                                                            | steps                                                              | dueMoved | expected
    ${'no steps'}                                                  | ${[]}                                                              | ${false} | ${{ supplementAt: null, supplementDoneAt: null, supplementAgainAt: null }}
    ${'one round, completed by a 4'}                               | ${steps([2, at(2)], [5, at(3)], [4, at(4)])}                       | ${false} | ${{ supplementAt: at(3), supplementDoneAt: at(4), supplementAgainAt: null }}
    ${'one round still open'}                                      | ${steps([5, at(3)], [5, at(3, 9)])}                                | ${false} | ${{ supplementAt: at(3), supplementDoneAt: null, supplementAgainAt: null }}
    ${'two rounds'}                                                | ${steps([5, at(3)], [2, at(4)], [5, at(5)])}                       | ${false} | ${{ supplementAt: at(3), supplementDoneAt: at(4), supplementAgainAt: at(5) }}
    ${'a record round that names a new due date'}                 | ${[{ statusCode: 5, at: at(3), origin: 'record' }, { statusCode: 4, at: at(4), origin: 'record', stepDueAt: at(12) }]} | ${true} | ${{ supplementAt: at(3), supplementDoneAt: at(4) }}
    ${'a progress row the record’s round moved the due for'}       | ${[{ statusCode: 5, at: at(3), origin: 'progress' }, { statusCode: 4, at: at(4), origin: 'progress', stepDueAt: at(5), roundDueAt: at(12) }]} | ${true} | ${{ supplementAt: at(3), supplementDoneAt: at(4) }}
    ${'a progress row’s own step deadline moves nothing'}          | ${[{ statusCode: 5, at: at(3), origin: 'progress' }, { statusCode: 4, at: at(4), origin: 'progress', stepDueAt: at(12) }]} | ${false} | ${{ supplementAt: at(3), supplementDoneAt: at(4) }}
  `('supplementOf: $case', ({ steps: given, dueMoved, expected }) => {
    const summary = supplementOf(given);
    expect(summary).toMatchObject(expected);
    expect(summary.supplementDueMoved).toBe(dueMoved);
  });
});

describe('openLateDays: the days on whose end a dossier is open and overdue by 2.1', () => {
  const FIRST: LocalDate = '2025-06-01';
  /** The running sum of the +1/−1 of openLateDays, day by day, against openLateAt judged at each day's end. */
  function compare(f: Facts766, receivedOn: LocalDate, closedOn: LocalDate | null): void {
    const deltas = new Map<LocalDate, number>();
    openLateDays(f, receivedOn, closedOn, (day, delta) => deltas.set(day, (deltas.get(day) ?? 0) + delta));
    let sum = 0;
    for (let i = 0; i < 40; i++) {
      const day = addLocalDays(FIRST, i);
      sum += deltas.get(day) ?? 0;
      const open = day >= receivedOn && (closedOn === null || day < closedOn);
      const expected = open && f.status !== 'denied' && openLateAt(f, Date.parse(`${day}T23:59:59.999+07:00`)) ? 1 : 0;
      if (sum !== expected) throw new Error(`${JSON.stringify(f)} received ${receivedOn} closed ${closedOn}: day ${day} counts ${sum}, expected ${expected}`);
    }
    expect(sum === 0 || closedOn === null).toBe(true);
  }

  it.each`
    case                                                   | facts                                                                                                      | closedOn
    ${'no supplement, overdue from the due day’s end'}     | ${{}}                                                                                                      | ${null}
    ${'no supplement, closed after it was overdue'}       | ${{}}                                                                                                      | ${'2025-06-15'}
    ${'closed before its deadline'}                       | ${{}}                                                                                                      | ${'2025-06-05'}
    ${'due at the last millisecond of a day'}             | ${{ dueAt: new Date(Date.UTC(2025, 5, 9, 16, 59, 59, 999)) }}                                                | ${null}
    ${'waiting, no steps: never overdue'}                 | ${{ status: 'waiting' }}                                                                                   | ${null}
    ${'asked in time, never back'}                        | ${{ supplementAt: at(8) }}                                                                                 | ${null}
    ${'asked after the deadline, never back'}             | ${{ supplementAt: at(12) }}                                                                                | ${null}
    ${'asked in time, back two days later'}               | ${{ supplementAt: at(8), supplementDoneAt: at(10) }}                                                       | ${null}
    ${'back, due moved: nothing taken off'}               | ${{ supplementAt: at(8), supplementDoneAt: at(10), supplementDueMoved: true }}                              | ${null}
    ${'two rounds'}                                       | ${{ supplementAt: at(3), supplementDoneAt: at(4), supplementAgainAt: at(6) }}                               | ${'2025-06-20'}
    ${'two rounds, closed the day of the second'}         | ${{ supplementAt: at(3), supplementDoneAt: at(4), supplementAgainAt: at(6) }}                               | ${'2025-06-06'}
    ${'denied: nothing'}                                  | ${{ status: 'denied' }}                                                                                    | ${null}
  `('$case', ({ facts, closedOn }) => {
    compare({ status: 'processing', dueAt: at(9, 17), finishedAt: null, supplementAt: null, supplementDoneAt: null, supplementAgainAt: null, supplementDueMoved: false, ...facts }, '2025-06-02', closedOn);
  });

  it('agrees with the definition day by day on 2,000 random dossiers', () => {
    let seed = 766;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const moment = (fromDay: number) => new Date(Date.UTC(2025, 5, 1) + Math.floor((fromDay + random() * 20) * 86_400_000));
    for (let i = 0; i < 2000; i++) {
      const received = moment(0);
      const dueAt = new Date(received.getTime() + Math.floor(random() * 10 * 86_400_000));
      const rounds = Math.floor(random() * 3);
      const supplementAt = rounds > 0 ? new Date(received.getTime() + Math.floor(random() * 8 * 86_400_000)) : null;
      const supplementDoneAt = supplementAt && random() < 0.7 ? new Date(supplementAt.getTime() + Math.floor(random() * 5 * 86_400_000)) : null;
      const supplementAgainAt = rounds > 1 && supplementDoneAt ? new Date(supplementDoneAt.getTime() + Math.floor(random() * 5 * 86_400_000)) : null;
      const receivedOn = addLocalDays(FIRST, Math.floor(random() * 3));
      const closedOn = random() < 0.5 ? null : addLocalDays(receivedOn, Math.floor(random() * 30));
      const status: DossierStatus = random() < 0.2 ? 'waiting' : 'processing';
      compare({ status, dueAt, finishedAt: null, supplementAt, supplementDoneAt, supplementAgainAt, supplementDueMoved: random() < 0.2 }, receivedOn, closedOn);
    }
  });
});
