import { Lang, scorecardOf } from '../index766/indicators';
import { RankingRow } from '../index766/index766.service';
import { FigureCounts, zeroCounts } from '../stats/figures';
import { ReportModel, ReportRow, ReportScorecard } from './report-model';

/**
 * Rows of form II.06a for the report specs (rendering and XLSX): a commune by field and a
 * district by commune, with the balance received + carried over = settled + open + withdrawn;
 * and a 766 section scored by the scorecard's own code from hand-picked counts.
 */
export function row(
  key: string,
  label: string,
  received: [online: number, directAndPostal: number],
  carriedOver: number,
  settled: [early: number, onTime: number, late: number],
  withdrawn: number,
  overdue: number,
): ReportRow {
  const [online, directAndPostal] = received;
  const [early, onTime, late] = settled;
  const receivedTotal = online + directAndPostal;
  const settledTotal = early + onTime + late;
  const openTotal = receivedTotal + carriedOver - settledTotal - withdrawn;
  return {
    key,
    label,
    received: { total: receivedTotal, online, directAndPostal },
    carriedOver,
    settled: { total: settledTotal, early, onTime, late },
    open: { total: openTotal, onTrack: openTotal - overdue, overdue },
    withdrawn,
  };
}

export function sum(key: string, label: string, rows: ReportRow[]): ReportRow {
  const add = (pick: (r: ReportRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
  return {
    key,
    label,
    received: { total: add((r) => r.received.total), online: add((r) => r.received.online), directAndPostal: add((r) => r.received.directAndPostal) },
    carriedOver: add((r) => r.carriedOver),
    settled: { total: add((r) => r.settled.total), early: add((r) => r.settled.early), onTime: add((r) => r.settled.onTime), late: add((r) => r.settled.late) },
    open: { total: add((r) => r.open.total), onTrack: add((r) => r.open.onTrack), overdue: add((r) => r.open.overdue) },
    withdrawn: add((r) => r.withdrawn),
  };
}

export const FIELD_ROWS = [
  row('Hộ tịch', 'Hộ tịch', [820, 1400], 35, [1900, 280, 5], 10, 2),
  row('Chứng thực', 'Chứng thực', [150, 2100], 0, [2240, 8, 0], 2, 0),
  row('Đất đai', 'Đất đai & <script>alert("x")</script>', [40, 164], 120, [90, 60, 25], 4, 15),
];

export const COMMUNE_ROWS = [
  row('X-VANTO', 'Xã Văn Tố', [1010, 3664], 155, [4230, 348, 30], 16, 0),
  row('X-BM', 'Xã <script>alert(1)</script> & Bình Minh', [310, 1290], 48, [1402, 150, 12], 3, 0),
];

/** A month's report of a commune by field (the figures of FIELD_ROWS), with `overrides`. */
export function reportModel(overrides: Partial<ReportModel> = {}): ReportModel {
  return {
    locale: 'vi',
    unit: { code: 'X-VANTO', name: 'Xã Văn Tố' },
    includeChildren: false,
    period: { name: '2025-05', kind: 'month', from: '2025-04-15', to: '2025-05-14' },
    previousPeriod: { name: '2025-04', kind: 'month', from: '2025-03-15', to: '2025-04-14' },
    headline: {
      settled: { current: 4608, previous: 4410 },
      received: { current: 4674, previous: 4521 },
      onTimeRate: { current: 4578 / 4608, previous: 0.9883 },
      onTimePercent: { current: '99.35', previous: '98.83' },
      latePercent: { current: '0.65', previous: '1.17' },
      openOverdue: { current: 17, previous: 21 },
      progressScore: { current: 19.8, previous: 19.62 },
    },
    rowKind: 'field',
    rows: FIELD_ROWS,
    totals: sum('total', 'Tổng cộng', FIELD_ROWS),
    overdue: [],
    overdueTotal: 17,
    scorecard: null,
    detailUrl: null,
    generatedAt: '2025-05-15T00:30:05Z',
    ...overrides,
  };
}

/**
 * This month, the headline's 2.1 of reportModel: 2.1 99 of 100 (19.8), 3.6 5 of 10 (3), 4.1 80 of
 * 100 (4.8), 4.2 60 of 100 (3), 4.3 40 of 100 (1), 4.4 50 of 100 (2), 4.5b 70 of 100 (1.4), 5.4
 * 1 − 0.01 − 0.02 over a target of 0.9 (6): 41 of 50.
 */
export const SCORED_MONTH: Partial<FigureCounts> = {
  receivedDirect: 100, onTime766: 99, late766: 1, feePayable: 10, paidOnline: 5, results: 100, electronicResults: 80, digitizedResults: 60,
  reusedData: 40, citizenRepository: 50, vneidVerified: 70, complaints: 2, resolvedReceived: 50, resolutionMinutes: 50 * 3 * 1440,
};
/** The month before: 2.1 981 of 1,000 (19.62), 3.6 none payable ("—"), 4.1 90 of 100 (5.4), 5.4 still 6, the rest as now: 38.42 of 50. */
export const SCORED_MONTH_BEFORE: Partial<FigureCounts> = { ...SCORED_MONTH, onTime766: 981, late766: 19, feePayable: 0, paidOnline: 0, electronicResults: 90 };

export function scored(counts: Partial<FigureCounts>, lang: Lang = 'vi') {
  return scorecardOf({ ...zeroCounts(), ...counts }, lang);
}

export function rankingRow(code: string, name: string, points: number | null, rank = 1): RankingRow {
  return {
    rank,
    unit: { code, name, level: 'commune' },
    points,
    maxPoints: 50,
    progressIndex: points === null ? null : 0.9,
    weakest: points === null ? null : { id: '2.1', name: 'Hồ sơ xử lý trước hạn, đúng hạn', points: 18, maxPoints: 20, onePointMore: { dossiers: 3, text: '3 hồ sơ trễ hạn' } },
  };
}

/** Units below, then and now: four lost points (Xã Hạ Hòa most, Phường Đồng Hới least), one gained, one had no score before. */
export const RANKED_NOW: RankingRow[] = [
  rankingRow('h-muong-te', 'Huyện Mường Tè', 35.75, 1),
  rankingRow('x-tu-ky', 'Xã Tứ Kỳ', 41.35, 2),
  rankingRow('p-dong-hoi', 'Phường Đồng Hới', 39.6, 3),
  rankingRow('x-bm', 'Xã <script>alert(1)</script> & Bình Minh', 36, 4),
  rankingRow('x-ha-hoa', 'Xã Hạ Hòa', 22, 5),
  rankingRow('x-van-to', 'Xã Văn Tố', 20, 6),
];
export const RANKED_BEFORE: RankingRow[] = [
  rankingRow('x-tu-ky', 'Xã Tứ Kỳ', 44.1, 1),
  rankingRow('p-dong-hoi', 'Phường Đồng Hới', 40, 2),
  rankingRow('x-bm', 'Xã <script>alert(1)</script> & Bình Minh', 38.2, 3),
  rankingRow('h-muong-te', 'Huyện Mường Tè', 30.5, 4),
  rankingRow('x-ha-hoa', 'Xã Hạ Hòa', 25, 5),
  rankingRow('x-van-to', 'Xã Văn Tố', null, 6),
];

/** The 766 section of SCORED_MONTH against SCORED_MONTH_BEFORE, with the ranking when `ranked`. */
export function reportScorecard(options: { lang?: Lang; ranked?: boolean } = {}): ReportScorecard {
  return {
    current: scored(SCORED_MONTH, options.lang),
    previous: scored(SCORED_MONTH_BEFORE, options.lang),
    ranking: options.ranked ? { current: RANKED_NOW, previous: RANKED_BEFORE } : null,
  };
}
