import { ReportModel, ReportRow } from './report-model';

/**
 * Rows of form II.06a for the report specs (rendering and XLSX): a commune by field and a
 * district by commune, with the balance received + carried over = settled + open + withdrawn.
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
