import { toSafeCsv } from '../common/csv';
import { formatLocalDateTime, localDateOf } from '../common/local-time';
import { OpenList } from './open-dossiers.service';

const STATE_WORDS = { overdue: 'Quá hạn', dueSoon: 'Sắp đến hạn', onTrack: 'Trong hạn', waiting: 'Chờ bổ sung' };
const CHANNEL_WORDS = { direct: 'Trực tiếp', online: 'Trực tuyến', postal: 'Bưu chính công ích' };

/** The follow-up list as a file, for the API (Accept: text/csv) and the console's download alike. */
export function openDossiersCsvFilename(list: OpenList): string {
  return `ho-so-dang-giai-quyet-${list.unit.code}-${localDateOf(new Date(list.asOf))}.csv`;
}

const HEADINGS = [
  'Mã hồ sơ', 'Đơn vị', 'Mã thủ tục', 'Thủ tục', 'Lĩnh vực', 'Kênh nộp', 'Tình trạng',
  'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày hẹn mới', 'Số ngày làm việc còn lại',
];

/**
 * With a BOM and Vietnamese headings, so Excel opens it with the accents intact. The text of a
 * dossier is the exporting system's (or whoever holds a key): written as text, never a formula.
 */
export function toCsv(list: OpenList): string {
  const local = (iso: string | null) => (iso ? formatLocalDateTime(new Date(iso)) : '');
  return toSafeCsv(
    HEADINGS,
    list.items.map((item) => [
      item.code, item.unitName, item.procedureCode, item.procedureName, item.field, CHANNEL_WORDS[item.channel],
      STATE_WORDS[item.state], local(item.receivedAt), local(item.dueAt), local(item.extendedDueAt), item.workingDaysLeft,
    ]),
  );
}
