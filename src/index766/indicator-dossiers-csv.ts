import { toSafeCsv } from '../common/csv';
import { formatLocalDateTime } from '../common/local-time';
import { Channel, DossierStatus } from '../dossiers/classification';
import { reasonText } from './indicator-dossiers';
import { IndicatorDossiersAnswer } from './indicator-dossiers.service';

const CHANNEL_WORDS: Record<Channel, string> = { direct: 'Trực tiếp', online: 'Trực tuyến', postal: 'Bưu chính công ích' };
const STATUS_WORDS: Record<DossierStatus, string> = {
  processing: 'Đang xử lý', waiting: 'Chờ bổ sung', resolved: 'Đã có kết quả', refused: 'Từ chối', withdrawn: 'Đã rút', denied: 'Không được tiếp nhận',
};

const HEADINGS = [
  'Mã hồ sơ', 'Mã đơn vị', 'Đơn vị', 'Mã thủ tục', 'Thủ tục', 'Lĩnh vực', 'Kênh nộp', 'Trạng thái',
  'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày kết thúc xử lý', 'Lý do mất điểm',
];

/** `ho-so-mat-diem-2.1-xa-a-2025-05.csv`: the indicator, the unit and the period (from/to as `from_to`). */
export function indicatorDossiersCsvFilename(list: IndicatorDossiersAnswer): string {
  return `ho-so-mat-diem-${list.indicator.id}-${list.unit.code}-${list.period.label.replace(/[^0-9A-Za-z-]/g, '_')}.csv`;
}

/**
 * As the open list's file: a BOM and Vietnamese headings (the reasons in Vietnamese too), each
 * dossier's text written as text, never a formula.
 */
export function indicatorDossiersCsv(list: IndicatorDossiersAnswer): string {
  const local = (iso: string | null) => (iso ? formatLocalDateTime(new Date(iso)) : '');
  return toSafeCsv(
    HEADINGS,
    list.items.map((item) => [
      item.code, item.unitCode, item.unitName, item.procedureCode, item.procedureName, item.field, CHANNEL_WORDS[item.channel], STATUS_WORDS[item.status],
      local(item.receivedAt), local(item.dueAt), local(item.finishedAt), reasonText(item.reasons, 'vi'),
    ]),
  );
}
