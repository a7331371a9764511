import { REFUSED_SHOWN, ReplayTally } from './replay-tally';

const dossiers = (extra: Record<string, unknown> = {}) => ({
  error_code: 0,
  message: 'Thành công',
  result: { received: 2, created: 1, updated: 1, unchanged: 0, stale: 0, skipped: 0, rejected: [], warnings: [], steps: { created: 1, updated: 0, unchanged: 0 }, ...extra },
});
const progress = (extra: Record<string, unknown> = {}) => ({ error_code: 0, message: 'Thành công', result: { received: 3, created: 2, updated: 0, unchanged: 1, waitingForDossier: 1, rejected: [], ...extra } });

describe('ReplayTally', () => {
  it('sums the dossiers\' and the progress rows\' answers, supplement rounds among the steps', () => {
    const sut = new ReplayTally();
    sut.add(1, { kind: 'answer', answer: dossiers(), codes: ['A'] });
    sut.add(2, { kind: 'answer', answer: progress(), codes: ['A'] });
    sut.add(3, { kind: 'blank' });
    sut.add(4, { kind: 'lookup' });
    sut.add(5, { kind: 'answer', answer: dossiers({ created: 0, updated: 0, unchanged: 1, skipped: 1, warnings: [{ index: 0, code: 'B', warnings: ['…'] }] }), codes: ['B'] });
    expect({ lines: sut.lines, envelopes: sut.envelopes, lookups: sut.lookups, dossiers: sut.dossiers, steps: sut.steps, warnings: sut.warnings, refused: sut.refused }).toEqual({
      lines: 5, envelopes: 3, lookups: 1,
      dossiers: { created: 1, updated: 1, unchanged: 1, stale: 0, skipped: 1 },
      steps: { created: 4, updated: 0, unchanged: 1, waitingForDossier: 1 },
      warnings: 1, refused: 0,
    });
  });

  it('names each refused record by line, place and MaHoSo, and a refused line by the codes it carried', () => {
    const sut = new ReplayTally();
    const rejected = [{ index: 1, code: 'B', errors: ['NgayTiepNhan: is required'] }, { index: 2, code: null, errors: ['MaHoSo: is required', 'TrangThai: is required'] }];
    expect(sut.add(7, { kind: 'answer', answer: { ...progress({ rejected }), error_code: 1 }, codes: ['A', 'B'] })).toEqual([
      { line: 7, record: 2, code: 'B', errors: ['NgayTiepNhan: is required'] },
      { line: 7, record: 3, code: null, errors: ['MaHoSo: is required', 'TrangThai: is required'] },
    ]);
    expect(sut.add(8, { kind: 'answer', answer: { error_code: 2, message: 'service: is required' }, codes: ['C', 'D'] })).toEqual([{ line: 8, record: null, code: 'C, D', errors: ['service: is required'] }]);
    expect(sut.add(9, { kind: 'refused', reason: 'the line is not JSON', codes: [] })).toEqual([{ line: 9, record: null, code: null, errors: ['the line is not JSON'] }]);
    expect({ records: sut.refusedRecords, lines: sut.refusedLines, steps: sut.steps.created }).toEqual({ records: 2, lines: 2, steps: 2 });
    expect(sut.summary(1).filter((line) => /^  dòng \d/.test(line))).toEqual([
      '  dòng 7 (B): NgayTiepNhan: is required',
      '  dòng 7: MaHoSo: is required; TrangThai: is required',
      '  dòng 8 (C, D): service: is required',
      '  dòng 9: the line is not JSON',
    ]);
  });

  it(`keeps the first ${REFUSED_SHOWN} refusals of the file for the summary, and counts them all`, () => {
    const sut = new ReplayTally();
    for (let line = 1; line <= 50; line++) sut.add(line, { kind: 'refused', reason: 'the line is not JSON', codes: [] });
    expect(sut.firstRefused.map((refused) => refused.line)).toEqual(Array.from({ length: REFUSED_SHOWN }, (_, i) => i + 1));
    expect(sut.refused).toBe(50);
  });
});
