import { FigureCounts, roundPoints } from '../stats/figures';

/**
 * The Decision 766/QĐ-TTg indicators that dossiers decide (NATIONAL.md §4, SPEC §11,
 * docs/figures.md §11), computed from the exact counts the rollups give (stats/figures.ts). Each
 * indicator is a ratio of two counts; its points are P × ratio, or P × ratio ÷ target capped at P
 * where DVCQG gives full points from a target on. Points are rounded half up to two decimals at
 * the end only. A ratio with an empty denominator is null and scores null ("—"), never 0 or P.
 */

export type GroupId = '1' | '2' | '3' | '4' | 'pay' | '5';

export interface IndicatorDefinition {
  id: string;
  group: GroupId;
  name: { vi: string; en: string };
  /** Points at stake (0: shown, not scored). */
  maxPoints: number;
  /** The ratio from which full points are given (1: points = P × ratio). Null: not a ratio that scores. */
  target: number | null;
  /** What one dossier that costs points is, for "what one more point would take". */
  missing: { vi: string; en: string } | null;
  /** The counts: numerator and denominator. */
  of(c: FigureCounts): { numerator: number; denominator: number };
}

export interface GroupDefinition {
  id: GroupId;
  name: { vi: string; en: string };
  /** The group's points in the national index, all indicators included. */
  nationalMaxPoints: number;
}

export const GROUPS: readonly GroupDefinition[] = [
  { id: '1', name: { vi: 'Công khai, minh bạch', en: 'Publicity and transparency' }, nationalMaxPoints: 18 },
  { id: '2', name: { vi: 'Tiến độ, kết quả giải quyết', en: 'Progress and results' }, nationalMaxPoints: 20 },
  { id: '3', name: { vi: 'Cung cấp dịch vụ công trực tuyến', en: 'Online public services' }, nationalMaxPoints: 12 },
  { id: 'pay', name: { vi: 'Thanh toán trực tuyến', en: 'Online payment' }, nationalMaxPoints: 10 },
  { id: '4', name: { vi: 'Số hóa hồ sơ', en: 'Digitisation' }, nationalMaxPoints: 22 },
  { id: '5', name: { vi: 'Mức độ hài lòng', en: 'Satisfaction' }, nationalMaxPoints: 18 },
];

const open = (c: FigureCounts) => c.openOnTrack + c.openWaiting + c.openOverdue;
const received = (c: FigureCounts) => c.receivedDirect + c.receivedOnline + c.receivedPostal;

/** 2.1's counts: (finished on time + open within deadline) over (finished + open at the end). */
export function progressCounts(c: FigureCounts): { numerator: number; denominator: number } {
  return { numerator: c.onTime766 + open(c) - c.openLate766, denominator: c.onTime766 + c.late766 + open(c) };
}

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    id: '2.1', group: '2', maxPoints: 20, target: 1,
    name: { vi: 'Hồ sơ xử lý trước hạn, đúng hạn', en: 'Dossiers settled early or on time' },
    missing: { vi: 'hồ sơ trễ hạn', en: 'late dossiers' },
    of: progressCounts,
  },
  {
    id: '2.2', group: '2', maxPoints: 0, target: null,
    name: { vi: 'Thời gian giải quyết trung bình (ngày)', en: 'Average resolution time (days)' },
    missing: null,
    // Minutes over resolved dossiers received in the period; the ratio is given in days.
    of: (c) => ({ numerator: c.resolutionMinutes, denominator: c.resolvedReceived }),
  },
  {
    id: '3.3', group: '3', maxPoints: 0, target: 0.5,
    name: { vi: 'Hồ sơ nộp trực tuyến', en: 'Dossiers filed online' },
    missing: { vi: 'hồ sơ không nộp trực tuyến', en: 'dossiers not filed online' },
    of: (c) => ({ numerator: c.receivedOnline, denominator: received(c) }),
  },
  {
    id: '3.6', group: 'pay', maxPoints: 6, target: 1,
    name: { vi: 'Hồ sơ thanh toán trực tuyến', en: 'Dossiers paid online' },
    missing: { vi: 'hồ sơ có phí chưa thanh toán trực tuyến', en: 'dossiers with a fee not paid online' },
    of: (c) => ({ numerator: c.paidOnline, denominator: c.feePayable }),
  },
  {
    id: '4.1', group: '4', maxPoints: 6, target: 1,
    name: { vi: 'Hồ sơ có kết quả giải quyết điện tử', en: 'Dossiers with an electronic result' },
    missing: { vi: 'hồ sơ chưa có kết quả điện tử', en: 'dossiers without an electronic result' },
    of: (c) => ({ numerator: c.electronicResults, denominator: c.results }),
  },
  {
    id: '4.2', group: '4', maxPoints: 4, target: 0.8,
    name: { vi: 'Hồ sơ số hóa thành phần và kết quả', en: 'Dossiers with digitised papers and result' },
    missing: { vi: 'hồ sơ chưa số hóa', en: 'dossiers not digitised' },
    of: (c) => ({ numerator: c.digitizedResults, denominator: c.results }),
  },
  {
    id: '4.3', group: '4', maxPoints: 2, target: 0.8,
    name: { vi: 'Hồ sơ khai thác, sử dụng lại dữ liệu số hóa', en: 'Dossiers reusing digitised data' },
    missing: { vi: 'hồ sơ chưa tái sử dụng dữ liệu', en: 'dossiers not reusing data' },
    of: (c) => ({ numerator: c.reusedData, denominator: received(c) }),
  },
  {
    id: '4.4', group: '4', maxPoints: 4, target: 1,
    name: { vi: 'Hồ sơ kết nối kho dữ liệu cá nhân', en: 'Dossiers linked to the citizen’s repository' },
    missing: { vi: 'hồ sơ chưa kết nối kho dữ liệu', en: 'dossiers not linked to the repository' },
    of: (c) => ({ numerator: c.citizenRepository, denominator: received(c) }),
  },
  {
    id: '4.5b', group: '4', maxPoints: 2, target: 1,
    name: { vi: 'Hồ sơ sử dụng dữ liệu dân cư (VNeID)', en: 'Dossiers with VNeID-verified applicants' },
    missing: { vi: 'hồ sơ chưa xác thực VNeID', en: 'dossiers not VNeID-verified' },
    of: (c) => ({ numerator: c.vneidVerified, denominator: received(c) }),
  },
  {
    id: '5.4', group: '5', maxPoints: 6, target: 0.9,
    name: { vi: 'Hài lòng trong tiếp nhận, giải quyết TTHC', en: 'Satisfaction with receiving and settling' },
    missing: { vi: 'hồ sơ trễ hạn hoặc bị phản ánh', en: 'late or complained-about dossiers' },
    // 100 % − (overdue rate + complaint rate): the numerator is what is left of 2.1's denominator
    // once its late dossiers and (in proportion) the complaints are taken away.
    of: (c) => {
      const p = progressCounts(c);
      return { numerator: p.numerator, denominator: p.denominator };
    },
  },
];

/** What the scorecard does not compute, and why (NATIONAL.md §4). */
export const NOT_COMPUTED: readonly { id: string; group: GroupId; name: { vi: string; en: string }; maxPoints: number; reason: { vi: string; en: string } }[] = [
  ...(['1.1', '1.2', '1.3'] as const).map((id, i) => ({
    id, group: '1' as const, maxPoints: [6, 4, 2][i],
    name: [
      { vi: 'TTHC công bố đúng hạn', en: 'Procedures published on time' },
      { vi: 'TTHC cập nhật, công khai đúng hạn', en: 'Procedures made public on time' },
      { vi: 'TTHC công khai đầy đủ nội dung', en: 'Procedures published in full' },
    ][i],
    reason: { vi: 'cần Cơ sở dữ liệu quốc gia về TTHC', en: 'needs the national procedure catalogue' },
  })),
  { id: '1.4', group: '1', maxPoints: 6, name: { vi: 'Hồ sơ đồng bộ lên Cổng DVCQG', en: 'Dossiers synced to DVCQG' }, reason: { vi: 'cần số liệu tiếp nhận của Hệ thống báo cáo quốc gia', en: 'needs the national reporting system’s totals' } },
  { id: '3.1', group: '3', maxPoints: 0, name: { vi: 'TTHC cung cấp dịch vụ công trực tuyến', en: 'Procedures offered online' }, reason: { vi: 'cần Cơ sở dữ liệu quốc gia về TTHC', en: 'needs the national procedure catalogue' } },
  { id: '3.2', group: '3', maxPoints: 12, name: { vi: 'Hồ sơ DVC trực tuyến toàn trình (12 điểm của nhóm)', en: 'Fully online dossiers (the group’s 12 points)' }, reason: { vi: 'cần danh mục TTHC đủ điều kiện toàn trình', en: 'needs the catalogue of procedures eligible for fully online service' } },
  { id: '3.5', group: 'pay', maxPoints: 2, name: { vi: 'TTHC có nghĩa vụ tài chính tích hợp thanh toán', en: 'Procedures with fees integrated for payment' }, reason: { vi: 'cần Cơ sở dữ liệu quốc gia về TTHC', en: 'needs the national procedure catalogue' } },
  { id: '3.5b', group: 'pay', maxPoints: 2, name: { vi: 'TTHC có giao dịch thanh toán trực tuyến', en: 'Procedures with online payments' }, reason: { vi: 'cần Cơ sở dữ liệu quốc gia về TTHC', en: 'needs the national procedure catalogue' } },
  { id: '4.5a', group: '4', maxPoints: 2, name: { vi: 'TTHC kết nối, chia sẻ dữ liệu dân cư', en: 'Procedures connected to population data' }, reason: { vi: 'cần Cơ sở dữ liệu quốc gia về TTHC', en: 'needs the national procedure catalogue' } },
  { id: '4.6', group: '4', maxPoints: 2, name: { vi: 'Chứng thực bản sao điện tử từ bản chính', en: 'Electronic certified copies' }, reason: { vi: 'cần danh sách xã cung cấp dịch vụ', en: 'needs the list of communes offering it' } },
  { id: '5.2', group: '5', maxPoints: 6, name: { vi: 'Phản ánh, kiến nghị xử lý đúng hạn', en: 'Complaints handled on time' }, reason: { vi: 'cần dữ liệu Hệ thống phản ánh, kiến nghị', en: 'needs the complaint system’s records' } },
  { id: '5.3', group: '5', maxPoints: 6, name: { vi: 'Hài lòng trong xử lý phản ánh, kiến nghị', en: 'Satisfaction with complaint handling' }, reason: { vi: 'cần dữ liệu Hệ thống phản ánh, kiến nghị', en: 'needs the complaint system’s records' } },
];

/** 5.4's ratio: 1 − (2.1's late share + the complaints' share of the dossiers received); null when neither has a denominator. */
export function satisfactionRatio(c: FigureCounts): number | null {
  const p = progressCounts(c);
  const got = received(c);
  if (p.denominator === 0 && got === 0) return null;
  const lateRate = p.denominator === 0 ? 0 : (p.denominator - p.numerator) / p.denominator;
  const complaintRate = got === 0 ? 0 : c.complaints / got;
  return Math.max(0, 1 - lateRate - complaintRate);
}

/** The ratio of an indicator (2.2: the average in days). */
export function ratioOf(definition: IndicatorDefinition, c: FigureCounts): number | null {
  if (definition.id === '5.4') return satisfactionRatio(c);
  const { numerator, denominator } = definition.of(c);
  if (denominator === 0) return null;
  return definition.id === '2.2' ? numerator / denominator / 1440 : numerator / denominator;
}

/** Points for a ratio: P × ratio ÷ target, capped at P, two decimals (half up); null for no ratio. */
export function pointsFor(definition: IndicatorDefinition, ratio: number | null): number | null {
  if (ratio === null || definition.target === null) return null;
  if (definition.maxPoints === 0) return 0;
  return roundPoints(Math.min(definition.maxPoints, (definition.maxPoints * ratio) / definition.target));
}

/**
 * How many more dossiers (late ones settled on time, results made electronic, …) one more point
 * would take, or the rest of the way to full points when less than one is left; null when there
 * is nothing to gain.
 */
export function dossiersForOnePoint(definition: IndicatorDefinition, c: FigureCounts): number | null {
  if (definition.maxPoints === 0 || definition.target === null) return null;
  const ratio = ratioOf(definition, c);
  const points = pointsFor(definition, ratio);
  if (ratio === null || points === null || points >= definition.maxPoints) return null;
  const wanted = Math.min(points + 1, definition.maxPoints);
  const ratioWanted = (wanted / definition.maxPoints) * definition.target;
  // 5.4 moves by one dossier of 2.1's denominator for each late or complained-about one fewer.
  const denominator = definition.id === '5.4' ? progressCounts(c).denominator || received(c) : definition.of(c).denominator;
  return Math.max(1, Math.ceil(denominator * (ratioWanted - ratio) - 1e-9));
}

export type Lang = 'vi' | 'en';

export interface IndicatorResult {
  id: string;
  name: string;
  numerator: number | null;
  denominator: number | null;
  ratio: number | null;
  points: number | null;
  maxPoints: number;
  target: number | null;
  /** For 5.4: the two shares it takes away from 100 %. */
  components?: { lateRate: number | null; complaintRate: number | null };
  /** What one more point would take ("12 hồ sơ trễ hạn"); null when nothing is to gain. */
  onePointMore: { dossiers: number; text: string } | null;
}

export interface GroupResult {
  id: GroupId;
  name: string;
  points: number | null;
  maxPoints: number;
  nationalMaxPoints: number;
  indicators: IndicatorResult[];
}

export interface Scorecard {
  points: number | null;
  maxPoints: number;
  groups: GroupResult[];
  notComputed: { id: string; name: string; group: GroupId; maxPoints: number; reason: string }[];
}

const sumPoints = (list: (number | null)[]) => {
  const given = list.filter((points): points is number => points !== null);
  return given.length === 0 ? null : Math.round(given.reduce((a, b) => a + b, 0) * 100) / 100;
};

/** One indicator's line of the scorecard. */
export function indicatorResult(definition: IndicatorDefinition, c: FigureCounts, lang: Lang): IndicatorResult {
  const ratio = ratioOf(definition, c);
  const points = pointsFor(definition, ratio);
  const more = dossiersForOnePoint(definition, c);
  const counts = definition.id === '5.4' ? { numerator: null, denominator: null } : definition.of(c);
  const result: IndicatorResult = {
    id: definition.id,
    name: definition.name[lang],
    ...counts,
    ratio,
    points,
    maxPoints: definition.maxPoints,
    target: definition.target,
    onePointMore: more === null || definition.missing === null ? null : { dossiers: more, text: `${more.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US')} ${definition.missing[lang]}` },
  };
  if (definition.id === '5.4') {
    const p = progressCounts(c);
    const got = received(c);
    result.components = { lateRate: p.denominator === 0 ? null : (p.denominator - p.numerator) / p.denominator, complaintRate: got === 0 ? null : c.complaints / got };
  }
  return result;
}

/** The whole scorecard from one scope's counts. */
export function scorecardOf(c: FigureCounts, lang: Lang = 'vi'): Scorecard {
  const groups = GROUPS.map((group): GroupResult => {
    const indicators = INDICATORS.filter((definition) => definition.group === group.id).map((definition) => indicatorResult(definition, c, lang));
    return {
      id: group.id,
      name: group.name[lang],
      points: sumPoints(indicators.map((indicator) => indicator.points)),
      maxPoints: indicators.reduce((sum, indicator) => sum + indicator.maxPoints, 0),
      nationalMaxPoints: group.nationalMaxPoints,
      indicators,
    };
  });
  return {
    points: sumPoints(groups.map((group) => group.points)),
    maxPoints: groups.reduce((sum, group) => sum + group.maxPoints, 0),
    groups,
    notComputed: NOT_COMPUTED.map((item) => ({ id: item.id, name: item.name[lang], group: item.group, maxPoints: item.maxPoints, reason: item.reason[lang] })),
  };
}

/** The scored indicator that lost most points (ties: the one listed first); null when none scored. */
export function weakestIndicator(card: Scorecard): IndicatorResult | null {
  let weakest: IndicatorResult | null = null;
  for (const indicator of card.groups.flatMap((group) => group.indicators)) {
    if (indicator.points === null || indicator.maxPoints === 0) continue;
    const lost = indicator.maxPoints - indicator.points;
    if (lost > 0 && (weakest === null || lost > weakest.maxPoints - weakest.points!)) weakest = indicator;
  }
  return weakest;
}
