import { Dossier766, judge766 } from './progress-766';

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
    expect(judge766({ ...base, ...dossier }, END_OF_JUNE_10)).toBe(verdict);
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
    expect(judge766({ ...base, ...dossier }, END_OF_JUNE_10)).toBe(verdict);
  });

  it('takes the whole time the applicant held it off, to the millisecond', () => {
    const held = 30 * HOUR;
    const dossier = { ...base, status: 'resolved' as const, dueAt: at(9, 17), steps: steps([5, at(3)], [4, new Date(at(3).getTime() + held)]) };
    expect(judge766({ ...dossier, finishedAt: new Date(at(9, 17).getTime() + held) }, END_OF_JUNE_10)).toBe('onTime');
    expect(judge766({ ...dossier, finishedAt: new Date(at(9, 17).getTime() + held + 1) }, END_OF_JUNE_10)).toBe('late');
  });
});
