import { Locale } from '../common/locale';
import { LocalDate } from '../common/local-time';
import { Scorecard } from '../index766/indicators';
import { RankingRow } from '../index766/index766.service';

/**
 * Everything one report e-mail shows (docs/figures.md §8), computed once per (subscription, period) from
 * the stats path, then rendered as HTML, plain text and the II.06a XLSX without further queries.
 */
export type PeriodKind = 'week' | 'month' | 'quarter' | 'half-year' | 'year';

export interface ReportPeriod {
  /** 2025-W19, 2025-05, 2025-Q2, 2025-H1, 2025 */
  name: string;
  kind: PeriodKind;
  from: LocalDate;
  to: LocalDate;
}

/** One row of form II.06a: a field (lĩnh vực), or a unit below the reporting unit. */
export interface ReportRow {
  key: string;
  label: string;
  received: { total: number; online: number; directAndPostal: number };
  carriedOver: number;
  settled: { total: number; early: number; onTime: number; late: number };
  open: { total: number; onTrack: number; overdue: number };
  withdrawn: number;
}

/** A headline figure with the previous period's value beside it. */
export interface Headline {
  current: number | null;
  previous: number | null;
}

export interface OverdueItem {
  code: string;
  unitName: string;
  procedureName: string | null;
  field: string;
  /** ISO instants. */
  receivedAt: string;
  dueAt: string;
  /** Working days since the deadline passed (≥ 1 for an overdue dossier judged at the end of the period). */
  workingDaysOverdue: number;
}

/**
 * The Decision 766 section of a month's or a quarter's report (SPEC §11), as Index766Service
 * scores the report's unit and scope over the report's own dates, so its 2.1 is the headline's
 * progressScore and the scorecard API's 2.1 for the same unit and period.
 */
export interface ReportScorecard {
  current: Scorecard;
  /** The previous period of the same kind (the report's previousPeriod). */
  previous: Scorecard;
  /** The units directly below, ranked in each period; null when the report has no units below. */
  ranking: { current: RankingRow[]; previous: RankingRow[] } | null;
}

export interface ReportModel {
  locale: Locale;
  unit: { code: string; name: string };
  includeChildren: boolean;
  period: ReportPeriod;
  previousPeriod: ReportPeriod;
  headline: {
    settled: Headline;
    received: Headline;
    /** Rates in 0..1 (null when nothing settled). */
    onTimeRate: Headline;
    /** Percent strings as the stats API gives them ("99.87"), null when nothing settled. */
    onTimePercent: { current: string | null; previous: string | null };
    latePercent: { current: string | null; previous: string | null };
    openOverdue: Headline;
    progressScore: Headline;
  };
  /** 'field' for a unit without units below (or without includeChildren), else 'unit'. */
  rowKind: 'field' | 'unit';
  rows: ReportRow[];
  totals: ReportRow;
  overdue: OverdueItem[];
  overdueTotal: number;
  /** Month and quarter reports only (the periods leaders are ranked on); null for the others. */
  scorecard: ReportScorecard | null;
  /** Absolute link to the detail page, or null when PUBLIC_BASE_URL is not set. */
  detailUrl: string | null;
  /** ISO instant the report was computed. */
  generatedAt: string;
}

/** What rendering produces: one e-mail, and its attachment. */
export interface RenderedReport {
  subject: string;
  html: string;
  text: string;
}
