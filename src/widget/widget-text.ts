import { Locale } from '../common/locale';
import { Channel } from '../dossiers/classification';

/**
 * Every word the widget and its detail page show, per locale. The Vietnamese block reproduces
 * the portals' "Kết quả giải quyết TTHC" word for word (SPEC §7).
 */
/** The figure columns of a detail-page row, in the order they are shown. */
export const FIGURE_COLUMNS = ['received', 'settled', 'early', 'onTime', 'late', 'onTimePercent', 'latePercent', 'open', 'overdue'] as const;
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];

export interface WidgetText {
  title: string;
  monthLine: (month: string, onTimePercent: string) => string;
  settled: string;
  onTime: string;
  late: string;
  lateRate: string;
  details: string;
  updatedAt: string;
  detail: DetailText;
}

export interface DetailText {
  title: string;
  period: (from: string, to: string) => string;
  scopeWithChildren: string;
  headline: {
    settled: string;
    onTime: string;
    late: string;
    received: string;
    carriedOver: string;
    open: string;
    overdue: string;
  };
  tables: { field: string; month: string; channel: string; unit: string };
  firstColumn: { field: string; month: string; channel: string; unit: string };
  columns: Record<FigureColumn, string>;
  total: string;
  empty: string;
  noField: string;
  ownDossiers: (unitName: string) => string;
  channels: Record<Channel, string>;
  note: string;
  otherLanguage: string;
  json: string;
}

export const WIDGET_TEXT: Record<Locale, WidgetText> = {
  vi: {
    title: 'Kết quả giải quyết TTHC',
    monthLine: (month, percent) => `Đến tháng ${month} đã giải quyết: ${percent}`,
    settled: 'Số hồ sơ xử lý',
    onTime: 'Trước & đúng hạn',
    late: 'Trễ hạn',
    lateRate: 'Tỉ lệ trễ hạn',
    details: 'Chi tiết',
    updatedAt: 'Cập nhật lúc',
    detail: {
      title: 'Chi tiết kết quả giải quyết TTHC',
      period: (from, to) => `Từ ngày ${from} đến ngày ${to}`,
      scopeWithChildren: 'Gồm cả các đơn vị trực thuộc',
      headline: {
        settled: 'Hồ sơ đã giải quyết',
        onTime: 'Trước & đúng hạn',
        late: 'Trễ hạn',
        received: 'Tiếp nhận trong kỳ',
        carriedOver: 'Kỳ trước chuyển qua',
        open: 'Đang giải quyết',
        overdue: 'Quá hạn',
      },
      tables: {
        field: 'Theo lĩnh vực',
        month: 'Theo tháng',
        channel: 'Theo hình thức tiếp nhận',
        unit: 'Theo đơn vị',
      },
      firstColumn: { field: 'Lĩnh vực', month: 'Tháng', channel: 'Hình thức', unit: 'Đơn vị' },
      columns: {
        received: 'Tiếp nhận',
        settled: 'Đã giải quyết',
        early: 'Trước hạn',
        onTime: 'Đúng hạn',
        late: 'Trễ hạn',
        onTimePercent: 'Tỉ lệ trước & đúng hạn',
        latePercent: 'Tỉ lệ trễ hạn',
        open: 'Đang giải quyết',
        overdue: 'Quá hạn',
      },
      total: 'Tổng cộng',
      empty: 'Không có hồ sơ trong kỳ.',
      noField: '(Chưa phân loại)',
      ownDossiers: (name) => `${name} (hồ sơ của chính đơn vị)`,
      channels: { direct: 'Trực tiếp', online: 'Trực tuyến', postal: 'Bưu chính công ích' },
      note: 'Tỉ lệ tính trên số hồ sơ đã giải quyết trong kỳ; "Đang giải quyết" và "Quá hạn" tính tại cuối kỳ.',
      otherLanguage: 'English',
      json: 'Dữ liệu JSON',
    },
  },
  en: {
    title: 'Administrative procedure results',
    monthLine: (month, percent) => `Up to month ${month}, settled on time: ${percent}`,
    settled: 'Dossiers settled',
    onTime: 'Early & on time',
    late: 'Late',
    lateRate: 'Late rate',
    details: 'Details',
    updatedAt: 'Updated at',
    detail: {
      title: 'Administrative procedure results in detail',
      period: (from, to) => `From ${from} to ${to}`,
      scopeWithChildren: 'Including the units below',
      headline: {
        settled: 'Dossiers settled',
        onTime: 'Early & on time',
        late: 'Late',
        received: 'Received in the period',
        carriedOver: 'Carried over',
        open: 'Open',
        overdue: 'Overdue',
      },
      tables: { field: 'By field', month: 'By month', channel: 'By channel', unit: 'By unit' },
      firstColumn: { field: 'Field', month: 'Month', channel: 'Channel', unit: 'Unit' },
      columns: {
        received: 'Received',
        settled: 'Settled',
        early: 'Early',
        onTime: 'On time',
        late: 'Late',
        onTimePercent: 'Early & on-time %',
        latePercent: 'Late %',
        open: 'Open',
        overdue: 'Overdue',
      },
      total: 'Total',
      empty: 'No dossiers in the period.',
      noField: '(No field)',
      ownDossiers: (name) => `${name} (own dossiers)`,
      channels: { direct: 'In person', online: 'Online', postal: 'Public postal service' },
      note: 'Rates are of the dossiers settled in the period; "Open" and "Overdue" are as of the end of the period.',
      otherLanguage: 'Tiếng Việt',
      json: 'JSON data',
    },
  },
};
