import { formatCount } from '../../common/locale';
import { PeriodKind, ReportModel, ReportPeriod } from '../report-model';
import { COMMUNE_ROWS, RANKED_BEFORE, reportModel, reportScorecard, sum } from '../report-rows.fixture';
import { balanceCheck, ii06aFigures } from './ii06a';
import { periodName } from './period-names';
import { renderReport } from './render-report';

// ---------------------------------------------------------------------------------------------
// Fixtures: a commune by field, and a district by commune.
// ---------------------------------------------------------------------------------------------

const MAY: ReportPeriod = { name: '2025-05', kind: 'month', from: '2025-05-01', to: '2025-05-31' };
const APRIL: ReportPeriod = { name: '2025-04', kind: 'month', from: '2025-04-01', to: '2025-04-30' };

function communeModel(overrides: Partial<ReportModel> = {}): ReportModel {
  return reportModel({
    period: MAY,
    previousPeriod: APRIL,
    overdue: [
      { code: 'HS-2025-0411', unitName: 'Xã Văn Tố', procedureName: 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu', field: 'Đất đai', receivedAt: '2025-03-03T02:15:00Z', dueAt: '2025-04-14T10:00:00Z', workingDaysOverdue: 33 },
      { code: 'HS-2025-0533', unitName: 'Xã Văn Tố', procedureName: 'Đăng ký biến động đất đai', field: 'Đất đai', receivedAt: '2025-04-01T01:00:00Z', dueAt: '2025-04-29T10:00:00Z', workingDaysOverdue: 22 },
      { code: 'HS-2025-0610', unitName: 'Xã Văn Tố', procedureName: null, field: 'Hộ tịch', receivedAt: '2025-05-05T03:00:00Z', dueAt: '2025-05-12T10:00:00Z', workingDaysOverdue: 14 },
      { code: 'HS-2025-0702', unitName: 'Xã Văn Tố', procedureName: 'Tách thửa đất', field: 'Đất đai', receivedAt: '2025-04-20T03:00:00Z', dueAt: '2025-05-15T10:00:00Z', workingDaysOverdue: 11 },
      { code: 'HS-2025-0799', unitName: 'Xã Văn Tố', procedureName: 'Đăng ký khai tử', field: 'Hộ tịch', receivedAt: '2025-05-20T03:00:00Z', dueAt: '2025-05-22T10:00:00Z', workingDaysOverdue: 6 },
    ],
    detailUrl: 'https://tthc.example.gov.vn/widget/X-VANTO/detail?from=2025-05-01&to=2025-05-31',
    generatedAt: '2025-06-01T00:30:05Z',
    ...overrides,
  });
}

function districtModel(overrides: Partial<ReportModel> = {}): ReportModel {
  return {
    locale: 'en',
    unit: { code: 'H-TO', name: 'Huyện Thanh Oai' },
    includeChildren: true,
    period: { name: '2025-Q2', kind: 'quarter', from: '2025-04-01', to: '2025-06-30' },
    previousPeriod: { name: '2025-Q1', kind: 'quarter', from: '2025-01-01', to: '2025-03-31' },
    headline: {
      settled: { current: 6172, previous: null },
      received: { current: 6274, previous: null },
      onTimeRate: { current: 0.9932, previous: null },
      onTimePercent: { current: '99.32', previous: null },
      latePercent: { current: '0.68', previous: null },
      openOverdue: { current: 0, previous: null },
      progressScore: { current: 19.87, previous: null },
    },
    rowKind: 'unit',
    rows: COMMUNE_ROWS,
    totals: sum('total', 'Total', COMMUNE_ROWS),
    overdue: [],
    overdueTotal: 0,
    scorecard: null,
    detailUrl: null,
    generatedAt: '2025-07-01T00:30:00Z',
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------------------
// Reading the HTML back: small helpers, enough for the markup the template writes.
// ---------------------------------------------------------------------------------------------

function decode(html: string): string {
  return html
    .replace(/<\/?div[^>]*>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&rarr;/g, '→')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The text of each cell of each row of the table whose opening tag contains `marker`. */
function tableCells(html: string, marker: string): string[][] {
  const start = html.indexOf(marker);
  expect(start).toBeGreaterThan(-1);
  const end = html.indexOf('</table>', start);
  const table = html.slice(start, end);
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((match) =>
    [...match[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => decode(cell[1])),
  );
}

/** The decoded text of an element carrying `data-…` attribute `attribute`. */
function fieldText(html: string, attribute: string): string {
  const match = new RegExp(`<(\\w+)[^>]*${attribute}[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  if (!match) throw new Error(`no element with ${attribute}`);
  return decode(match[2]);
}

function card(html: string, key: string): { text: string; value: string; change: string; previous: string } {
  const match = new RegExp(`<td[^>]*data-figure="${key}"[^>]*>([\\s\\S]*?)</td>`).exec(html);
  if (!match) throw new Error(`no card ${key}`);
  const inner = match[1];
  const part = (name: string) => decode(new RegExp(`<(\\w+)[^>]*${name}[^>]*>([\\s\\S]*?)</\\1>`).exec(inner)![2]);
  return { text: decode(inner), value: part('data-value'), change: part('data-change'), previous: part('data-previous') };
}

// ---------------------------------------------------------------------------------------------

describe('renderReport – subject', () => {
  const week19: ReportPeriod = { name: '2025-W19', kind: 'week', from: '2025-05-05', to: '2025-05-11' };
  const week1: ReportPeriod = { name: '2026-W01', kind: 'week', from: '2025-12-29', to: '2026-01-04' };
  const period = (name: string, kind: PeriodKind, from: string, to: string): ReportPeriod => ({ name, kind, from, to });

  it.each`
    locale  | p                                                           | expected
    ${'vi'} | ${week19}                                                   | ${'Báo cáo kết quả giải quyết TTHC tuần 19/2025 (05/05–11/05/2025) – Xã Văn Tố'}
    ${'en'} | ${week19}                                                   | ${'TTHC results report, week 19 of 2025 (05/05–11/05/2025) – Xã Văn Tố'}
    ${'vi'} | ${week1}                                                    | ${'Báo cáo kết quả giải quyết TTHC tuần 1/2026 (29/12/2025–04/01/2026) – Xã Văn Tố'}
    ${'vi'} | ${MAY}                                                      | ${'Báo cáo kết quả giải quyết TTHC tháng 05/2025 – Xã Văn Tố'}
    ${'en'} | ${MAY}                                                      | ${'TTHC results report, May 2025 – Xã Văn Tố'}
    ${'vi'} | ${period('2025-05', 'month', '2025-04-15', '2025-05-14')}  | ${'Báo cáo kết quả giải quyết TTHC tháng 05/2025 – Xã Văn Tố'}
    ${'vi'} | ${period('2025-Q2', 'quarter', '2025-04-01', '2025-06-30')} | ${'Báo cáo kết quả giải quyết TTHC quý II/2025 – Xã Văn Tố'}
    ${'en'} | ${period('2025-Q2', 'quarter', '2025-04-01', '2025-06-30')} | ${'TTHC results report, Q2 2025 – Xã Văn Tố'}
    ${'vi'} | ${period('2025-Q4', 'quarter', '2025-10-01', '2025-12-31')} | ${'Báo cáo kết quả giải quyết TTHC quý IV/2025 – Xã Văn Tố'}
    ${'vi'} | ${period('2025-H1', 'half-year', '2025-01-01', '2025-06-30')} | ${'Báo cáo kết quả giải quyết TTHC 6 tháng đầu năm 2025 – Xã Văn Tố'}
    ${'vi'} | ${period('2025-H2', 'half-year', '2025-07-01', '2025-12-31')} | ${'Báo cáo kết quả giải quyết TTHC 6 tháng cuối năm 2025 – Xã Văn Tố'}
    ${'en'} | ${period('2025-H1', 'half-year', '2025-01-01', '2025-06-30')} | ${'TTHC results report, first half of 2025 – Xã Văn Tố'}
    ${'en'} | ${period('2025-H2', 'half-year', '2025-07-01', '2025-12-31')} | ${'TTHC results report, second half of 2025 – Xã Văn Tố'}
    ${'vi'} | ${period('2025', 'year', '2025-01-01', '2025-12-31')}       | ${'Báo cáo kết quả giải quyết TTHC năm 2025 – Xã Văn Tố'}
    ${'en'} | ${period('2025', 'year', '2025-01-01', '2025-12-31')}       | ${'TTHC results report, year 2025 – Xã Văn Tố'}
  `('$locale $p.name ($p.from…$p.to) → $expected', ({ locale, p, expected }) => {
    const sut = renderReport(communeModel({ locale, period: p }));

    expect(sut.subject).toBe(expected);
    expect(sut.html).toContain(`<title>${expected.replace(/&/g, '&amp;')}</title>`);
  });

  it('keeps the subject on one line whatever the unit name holds', () => {
    const sut = renderReport(communeModel({ unit: { code: 'X', name: 'Xã\r\nVăn  Tố\t' } }));

    expect(sut.subject).toBe('Báo cáo kết quả giải quyết TTHC tháng 05/2025 – Xã Văn Tố');
  });

  it('falls back to the dates for a period name it does not know', () => {
    expect(periodName({ name: 'custom', kind: 'month', from: '2025-05-03', to: '2025-06-02' }, 'vi')).toBe('03/05/2025–02/06/2025');
  });
});

describe('renderReport – a commune by field (vi)', () => {
  const model = communeModel();
  const sut = renderReport(model);
  const count = (value: number) => formatCount(value, 'vi');

  it('names the unit and the period, with the 15th→14th dates when the month is shifted', () => {
    expect(fieldText(sut.html, 'data-field="unit"')).toBe('Xã Văn Tố');
    expect(fieldText(sut.html, 'data-field="period"')).toContain('Kỳ báo cáo: Tháng 05/2025 Từ ngày 01/05/2025 đến ngày 31/05/2025');
    expect(fieldText(sut.html, 'data-field="period"')).toContain('So sánh với kỳ trước: tháng 04/2025 (từ ngày 01/04/2025 đến ngày 30/04/2025)');

    const shifted = renderReport(
      communeModel({
        period: { name: '2025-05', kind: 'month', from: '2025-04-15', to: '2025-05-14' },
        previousPeriod: { name: '2025-04', kind: 'month', from: '2025-03-15', to: '2025-04-14' },
      }),
    );
    expect(shifted.html).toContain('Từ ngày 15/04/2025 đến ngày 14/05/2025');
    expect(shifted.text).toContain('Từ ngày 15/04/2025 đến ngày 14/05/2025');
  });

  it.each`
    key                | value        | change            | previous
    ${'settled'}       | ${'4.608'}   | ${'▲ 198'}        | ${'Kỳ trước: 4.410'}
    ${'onTimePercent'} | ${'99,35%'}  | ${'▲ 0,52 điểm %'} | ${'Kỳ trước: 98,83%'}
    ${'latePercent'}   | ${'0,65%'}   | ${'▼ 0,52 điểm %'} | ${'Kỳ trước: 1,17%'}
    ${'received'}      | ${'4.674'}   | ${'▲ 153'}        | ${'Kỳ trước: 4.521'}
    ${'openOverdue'}   | ${'17'}      | ${'▼ 4'}          | ${'Kỳ trước: 21'}
    ${'progressScore'} | ${'19,80'}   | ${'▲ 0,18 điểm'}  | ${'Kỳ trước: 19,62'}
  `('headline card $key: $value, $change', ({ key, value, change, previous }) => {
    const shown = card(sut.html, key);

    expect(shown.value).toBe(value);
    expect(shown.change).toBe(change);
    expect(shown.previous).toBe(previous);
  });

  it('writes the two-level II.06a header', () => {
    const [groups, columns] = tableCells(sut.html, 'data-table="II.06a"');

    expect(groups).toEqual(['STT', 'Lĩnh vực', 'Tiếp nhận', 'Đã giải quyết', 'Đang giải quyết']);
    expect(columns).toEqual([
      'Tổng số', 'Trực tuyến', 'Trực tiếp & BCCI', 'Kỳ trước chuyển qua',
      'Tổng số', 'Trước hạn', 'Đúng hạn', 'Trễ hạn',
      'Tổng số', 'Trong hạn', 'Quá hạn',
    ]);
    expect(sut.html).toMatch(/<th colspan="4"[^>]*>Tiếp nhận<\/th>/);
    expect(sut.html).toMatch(/<th colspan="3"[^>]*>Đang giải quyết<\/th>/);
  });

  it('writes each field row with its numbers, then the totals row', () => {
    const body = tableCells(sut.html, 'data-table="II.06a"').slice(2);

    expect(body).toEqual([
      ...model.rows.map((r, index) => [String(index + 1), r.label, ...ii06aFigures(r).map(count)]),
      ['', 'Tổng cộng', ...ii06aFigures(model.totals).map(count)],
    ]);
    expect(body[3]).toEqual(['', 'Tổng cộng', '4.674', '1.010', '3.664', '155', '4.608', '4.230', '348', '30', '205', '188', '17']);
    expect(sut.html).toMatch(/font-weight:bold;">Tổng cộng<\/td>/);
  });

  it('shows the balance check holding, from the totals', () => {
    expect(balanceCheck(model.totals)).toMatchObject({ holds: true, difference: 0 });
    expect(fieldText(sut.html, 'data-field="check"')).toBe(
      'Kiểm tra: Tiếp nhận (4.674) + Kỳ trước chuyển qua (155) = Đã giải quyết (4.608) + Đang giải quyết (205) + Rút hồ sơ (16) ✓',
    );
  });

  it('shows ✗ and the difference when the totals do not balance', () => {
    const totals = { ...model.totals, withdrawn: model.totals.withdrawn + 3 };
    const broken = renderReport(communeModel({ totals }));

    expect(fieldText(broken.html, 'data-field="check"')).toBe(
      'Kiểm tra: Tiếp nhận (4.674) + Kỳ trước chuyển qua (155) = Đã giải quyết (4.608) + Đang giải quyết (205) + Rút hồ sơ (19) ✗ (chênh lệch -3)',
    );
    expect(broken.text).toContain('✗ (chênh lệch -3)');
  });

  it('lists the overdue dossiers given, and how many more there are', () => {
    const list = [...sut.html.matchAll(/<tr data-overdue="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) =>
      [...m[2].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => decode(cell[1])),
    );

    expect(list).toEqual([
      ['1', 'HS-2025-0411 Cấp Giấy chứng nhận quyền sử dụng đất lần đầu Lĩnh vực: Đất đai · Ngày tiếp nhận: 03/03/2025 · Hạn trả kết quả: 14/04/2025', '33'],
      ['2', 'HS-2025-0533 Đăng ký biến động đất đai Lĩnh vực: Đất đai · Ngày tiếp nhận: 01/04/2025 · Hạn trả kết quả: 29/04/2025', '22'],
      ['3', 'HS-2025-0610 Hộ tịch Ngày tiếp nhận: 05/05/2025 · Hạn trả kết quả: 12/05/2025', '14'],
      ['4', 'HS-2025-0702 Tách thửa đất Lĩnh vực: Đất đai · Ngày tiếp nhận: 20/04/2025 · Hạn trả kết quả: 15/05/2025', '11'],
      ['5', 'HS-2025-0799 Đăng ký khai tử Lĩnh vực: Hộ tịch · Ngày tiếp nhận: 20/05/2025 · Hạn trả kết quả: 22/05/2025', '6'],
    ]);
    expect(tableCells(sut.html, 'data-section="overdue"')[0]).toEqual(['STT', 'Hồ sơ', 'Số ngày quá hạn (ngày làm việc)']);
    expect(sut.html).toContain('Hồ sơ đang giải quyết quá hạn (đến hết ngày 31/05/2025)');
    expect(fieldText(sut.html, 'data-field="overdue-more"')).toBe('và 12 hồ sơ quá hạn khác');
    expect(sut.html).not.toContain('data-field="overdue-none"');
  });

  it('says nothing more when the list holds every overdue dossier', () => {
    const sut = renderReport(communeModel({ overdueTotal: 5 }));

    expect(sut.html).not.toContain('data-field="overdue-more"');
    expect(sut.text).not.toContain('hồ sơ quá hạn khác');
  });

  it('links the detail page, and leaves the link out when there is none or it is not http(s)', () => {
    expect(sut.html).toContain('href="https://tthc.example.gov.vn/widget/X-VANTO/detail?from&#x3D;2025-05-01&amp;to&#x3D;2025-05-31"');
    expect(fieldText(sut.html, 'data-field="detail"')).toBe('Xem số liệu chi tiết →');

    expect(renderReport(communeModel({ detailUrl: null })).html).not.toContain('data-field="detail"');
    expect(renderReport(communeModel({ detailUrl: 'javascript:alert(1)' })).html).not.toContain('javascript:');
  });

  it('signs off with the time it was computed and the rules followed', () => {
    expect(fieldText(sut.html, 'data-field="generatedAt"')).toBe('Báo cáo lập lúc 01/06/2025 07:30:05 (giờ Việt Nam).');
    expect(sut.html).toContain('Quyết định số 766/QĐ-TTg');
  });

  it('escapes every value: no markup from the data reaches the HTML', () => {
    expect(sut.html).not.toMatch(/<script/i);
    expect(sut.html).toContain('Đất đai &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('is self-contained e-mail HTML: inline styles, nothing fetched, at most 720 px wide', () => {
    expect(sut.html).not.toMatch(/<style|<link|<img|<script|@import|url\(/i);
    expect(sut.html).toContain('max-width:720px');
    expect(sut.html).toMatch(/^<!DOCTYPE html>\n<html lang="vi">/);
  });

  it('has a plain-text part with the same content and no HTML', () => {
    const text = sut.text;

    expect(text).not.toMatch(/<\/?(td|tr|table|div|span|a|strong)\b/);
    expect(text).not.toMatch(/&(amp|lt|gt|quot);/);
    expect(text).toContain('Xã Văn Tố');
    expect(text).toContain('Kỳ báo cáo: Tháng 05/2025');
    expect(text).toContain('Từ ngày 01/05/2025 đến ngày 31/05/2025');
    expect(text).toMatch(/Hồ sơ đã giải quyết +4\.608 +▲ 198 +\(Kỳ trước: 4\.410\)/);
    expect(text).toMatch(/Tỉ lệ trước & đúng hạn +99,35% +▲ 0,52 điểm %/);
    expect(text).toMatch(/Điểm tiến độ giải quyết \(QĐ 766\) +19,80 \/ 20 +▲ 0,18 điểm/);
    // Every row's eleven figures, in two aligned tables (received; settled and open).
    for (const r of [...model.rows.map((r) => ({ ...r, label: r.label.slice(0, 7) })), { ...model.totals, label: 'Tổng cộng' }]) {
      const figures = ii06aFigures(r).map(count);
      const first = new RegExp(`${escapeRegExp(r.label)}.*\\s${figures.slice(0, 4).map(escapeRegExp).join('\\s+')}$`, 'm');
      const second = new RegExp(`${escapeRegExp(r.label)}.*\\s${figures.slice(4).map(escapeRegExp).join('\\s+')}$`, 'm');
      expect(text).toMatch(first);
      expect(text).toMatch(second);
    }
    // A label longer than its column wraps inside it, unescaped.
    expect(text).toMatch(/^ +3 {2}Đất đai & +204 /m);
    expect(text).toMatch(/^ {5}<script>alert\("x"\)<\/script$/m);
    expect(text).toContain(
      'Kiểm tra: Tiếp nhận (4.674) + Kỳ trước chuyển qua (155) = Đã giải quyết (4.608) + Đang giải quyết (205) + Rút hồ sơ (16) ✓',
    );
    expect(text).toContain('HS-2025-0411 – Cấp Giấy chứng nhận quyền sử dụng đất lần đầu (Đất đai)');
    expect(text).toContain('Ngày tiếp nhận: 03/03/2025 · Hạn trả kết quả: 14/04/2025 · Quá hạn: 33 ngày làm việc');
    expect(text).toContain('… và 12 hồ sơ quá hạn khác');
    expect(text).toContain('Xem số liệu chi tiết: https://tthc.example.gov.vn/widget/X-VANTO/detail?from=2025-05-01&to=2025-05-31');
    expect(text).toContain('Báo cáo lập lúc 01/06/2025 07:30:05 (giờ Việt Nam).');
  });

  it('aligns the columns of the text tables', () => {
    const lines = sut.text.split('\n');
    const headers = lines.flatMap((line, index) => (line.startsWith('STT  Lĩnh vực') ? [index] : []));

    expect(headers).toHaveLength(2);
    for (const index of headers) {
      const header = lines[index];
      // The rule spans the table; the last figure column ends where its header does, row by row.
      expect(lines[index + 1]).toBe('='.repeat(header.length));
      for (const rowLine of lines.slice(index + 2, index + 5)) expect(rowLine.length).toBe(header.length);
      expect(lines.slice(index + 2).find((line) => line.includes('Tổng cộng'))!.length).toBe(header.length);
    }
  });
});

describe('renderReport – a district by commune (en, no previous period, nothing overdue)', () => {
  const model = districtModel();
  const sut = renderReport(model);
  const count = (value: number) => formatCount(value, 'en');

  it('is in English', () => {
    expect(sut.subject).toBe('TTHC results report, Q2 2025 – Huyện Thanh Oai');
    expect(sut.html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(fieldText(sut.html, 'data-field="period"')).toContain('Reporting period: Q2 2025 From 01/04/2025 to 30/06/2025');
    expect(sut.html).toContain('Including the units below');
  });

  it('writes the header with "Unit" and a row per commune', () => {
    const cells = tableCells(sut.html, 'data-table="II.06a"');

    expect(cells[0]).toEqual(['No.', 'Unit', 'Received', 'Settled', 'Open']);
    expect(cells[1]).toEqual(['Total', 'Online', 'Direct & postal', 'Carried over', 'Total', 'Early', 'On time', 'Late', 'Total', 'On track', 'Overdue']);
    expect(cells.slice(2)).toEqual([
      ['1', 'Xã Văn Tố', ...ii06aFigures(model.rows[0]).map(count)],
      ['2', 'Xã <script>alert(1)</script> & Bình Minh', ...ii06aFigures(model.rows[1]).map(count)],
      ['', 'Total', ...ii06aFigures(model.totals).map(count)],
    ]);
    expect(cells[4]).toEqual(['', 'Total', '6,274', '1,320', '4,954', '203', '6,172', '5,632', '498', '42', '286', '286', '0']);
  });

  it.each`
    key                | value       | change | previous
    ${'settled'}       | ${'6,172'}  | ${'—'} | ${'Previous: —'}
    ${'onTimePercent'} | ${'99.32%'} | ${'—'} | ${'Previous: —'}
    ${'latePercent'}   | ${'0.68%'}  | ${'—'} | ${'Previous: —'}
    ${'openOverdue'}   | ${'0'}      | ${'—'} | ${'Previous: —'}
    ${'progressScore'} | ${'19.87'}  | ${'—'} | ${'Previous: —'}
  `('headline card $key without a previous value: $value, $change', ({ key, value, change, previous }) => {
    const shown = card(sut.html, key);

    expect(shown.value).toBe(value);
    expect(shown.change).toBe(change);
    expect(shown.previous).toBe(previous);
  });

  it('shows "—" for a percent that is undefined (nothing settled), never 0%', () => {
    const sut = renderReport(
      districtModel({
        headline: {
          ...model.headline,
          onTimePercent: { current: null, previous: '99.10' },
          latePercent: { current: null, previous: '0.90' },
          progressScore: { current: null, previous: 19.5 },
        },
      }),
    );

    expect(card(sut.html, 'onTimePercent')).toMatchObject({ value: '—', change: '—', previous: 'Previous: 99.10%' });
    expect(card(sut.html, 'latePercent')).toMatchObject({ value: '—', change: '—' });
    expect(card(sut.html, 'progressScore')).toMatchObject({ value: '—', change: '—' });
    expect(card(sut.html, 'progressScore').text).not.toContain('/ 20');
  });

  it.each`
    current    | previous   | expected
    ${'99.35'} | ${'99.35'} | ${'No change'}
    ${'100'}   | ${'99.5'}  | ${'▲ 0.5 pp'}
    ${'99.9'}  | ${'100.00'} | ${'▼ 0.10 pp'}
    ${'0.13'}  | ${'12.40'} | ${'▼ 12.27 pp'}
  `('the change of $previous% → $current% is "$expected"', ({ current, previous, expected }) => {
    const sut = renderReport(districtModel({ headline: { ...model.headline, onTimePercent: { current, previous } } }));

    expect(card(sut.html, 'onTimePercent').change).toBe(expected);
  });

  it('says so when nothing is overdue', () => {
    expect(fieldText(sut.html, 'data-field="overdue-none"')).toBe('✓ No dossier was overdue at the end of the reporting period.');
    expect(sut.html).not.toContain('data-overdue=');
    expect(sut.text).toContain('No dossier was overdue at the end of the reporting period.');
  });

  it('shows the unit column in the overdue list of a unit with children', () => {
    const sut = renderReport(
      districtModel({
        overdue: [{ code: 'BM-1', unitName: 'Xã <b>Bình Minh</b>', procedureName: 'Chứng thực bản sao', field: 'Chứng thực', receivedAt: '2025-06-02', dueAt: '2025-06-04T16:59:59.999Z', workingDaysOverdue: 3 }],
        overdueTotal: 1,
      }),
    );

    expect(sut.html).toContain('<tr data-overdue="BM-1">');
    expect(sut.html).toContain('Unit: Xã &lt;b&gt;Bình Minh&lt;/b&gt; · Received: 02/06/2025 · Due: 04/06/2025');
    expect(sut.text).toContain('Unit: Xã <b>Bình Minh</b> · Received: 02/06/2025 · Due: 04/06/2025 · Overdue: 3 working days');
  });

  it('escapes the commune name in HTML and keeps it as is in the text', () => {
    expect(sut.html).not.toMatch(/<script/i);
    expect(sut.html).toContain('Xã &lt;script&gt;alert(1)&lt;/script&gt; &amp; Bình Minh');
    expect(sut.text).toMatch(/^ +2 {2}Xã +1,600 .*\n {5}<script>alert\(1\)<\/script>\n {5}& Bình Minh$/m);
    expect(sut.text).toContain('Check: Received (6,274) + Carried over (203) = Settled (6,172) + Open (286) + Withdrawn (19) ✓');
  });

  it('has no detail link when there is no public address', () => {
    expect(sut.html).not.toContain('<a ');
    expect(sut.text).not.toContain('http');
  });
});

describe('renderReport – the Decision 766 section', () => {
  const ranked = communeModel({ includeChildren: true, rowKind: 'unit', scorecard: reportScorecard({ ranked: true }) });
  const sut = renderReport(ranked);

  it('shows the total and each group, of their maximum, then and the change, in vi-VN', () => {
    expect(sut.html).toContain('data-section="index766"');
    expect(sut.html).toContain('Chỉ số 766 (phần tính từ hồ sơ)');
    expect(tableCells(sut.html, 'data-table="index766"')).toEqual([
      ['Nhóm chỉ số', 'Điểm', 'Kỳ trước', 'Thay đổi'],
      ['Tiến độ, kết quả giải quyết', '19,80 / 20', '19,62', '+0,18'],
      ['Thanh toán trực tuyến', '3,00 / 6', '—', '—'],
      ['Số hóa hồ sơ', '12,20 / 18', '12,80', '−0,60'],
      ['Mức độ hài lòng', '6,00 / 6', '6,00', '0,00'],
      ['Tổng điểm', '41,00 / 50', '38,42', '+2,58'],
    ]);
  });

  it('shows 2.1 as one number: the group of progress scores what the headline card shows', () => {
    expect(card(sut.html, 'progressScore').value).toBe('19,80');
    expect(tableCells(sut.html, 'data-table="index766"')[1][1]).toBe('19,80 / 20');
  });

  it('lists the three units below that lost most points, escaped', () => {
    expect(tableCells(sut.html, 'data-table="index766-losers"')).toEqual([
      ['Đơn vị', 'Điểm kỳ trước → kỳ này', 'Thay đổi'],
      ['1. Xã Hạ Hòa', '25,00 → 22,00', '−3,00'],
      ['2. Xã Tứ Kỳ', '44,10 → 41,35', '−2,75'],
      ['3. Xã <script>alert(1)</script> & Bình Minh', '38,20 → 36,00', '−2,20'],
    ]);
    expect(sut.html).not.toMatch(/<script/i);
    expect(sut.html).toContain('3. Xã &lt;script&gt;alert(1)&lt;/script&gt; &amp; Bình Minh');
  });

  it('has the same section in the plain-text part, aligned and unescaped', () => {
    const text = sut.text;

    expect(text).toContain('Chỉ số 766 (phần tính từ hồ sơ)');
    expect(text).toMatch(/^Tiến độ, kết quả giải quyết +19,80 \/ 20 +19,62 +\+0,18$/m);
    expect(text).toMatch(/^Thanh toán trực tuyến +3,00 \/ 6 +— +—$/m);
    expect(text).toMatch(/^Số hóa hồ sơ +12,20 \/ 18 +12,80 +−0,60$/m);
    expect(text).toMatch(/^Tổng điểm +41,00 \/ 50 +38,42 +\+2,58$/m);
    expect(text).toMatch(/^1\. Xã Hạ Hòa +25,00 → 22,00 +−3,00$/m);
    expect(text).toMatch(/^2\. Xã Tứ Kỳ +44,10 → 41,35 +−2,75$/m);
    expect(text).toContain('3. Xã <script>alert(1)</script> &');
    expect(text).not.toMatch(/&(amp|lt|gt|quot);/);
    // The section comes between the headline figures and form II.06a.
    expect(text.indexOf('Số liệu chính')).toBeLessThan(text.indexOf('Chỉ số 766 (phần'));
    expect(text.indexOf('Chỉ số 766 (phần')).toBeLessThan(text.indexOf('Biểu II.06a'));
  });

  it('says so when no unit below lost points, in both parts', () => {
    const none = renderReport(communeModel({ scorecard: { ...reportScorecard(), ranking: { current: RANKED_BEFORE, previous: RANKED_BEFORE } } }));

    expect(fieldText(none.html, 'data-field="index766-losers-none"')).toBe('Không có đơn vị trực thuộc nào giảm điểm so với kỳ trước.');
    expect(none.html).not.toContain('data-table="index766-losers"');
    expect(none.text).toContain('Không có đơn vị trực thuộc nào giảm điểm so với kỳ trước.');
  });

  it('has no list of units for a unit without units below', () => {
    const alone = renderReport(communeModel({ scorecard: reportScorecard() }));

    expect(alone.html).toContain('data-table="index766"');
    expect(alone.html).not.toContain('index766-losers');
    expect(alone.text).not.toContain('giảm điểm nhiều nhất');
  });

  it('is absent from a report without a scorecard (a week, a half, a year)', () => {
    const week = renderReport(communeModel({ period: { name: '2025-W19', kind: 'week', from: '2025-05-05', to: '2025-05-11' }, scorecard: null }));

    expect(week.html).not.toContain('data-section="index766"');
    expect(week.text).not.toContain('Chỉ số 766 (phần');
  });

  it('is in English', () => {
    const en = renderReport(districtModel({ scorecard: reportScorecard({ lang: 'en', ranked: true }) }));

    expect(en.html).toContain('Decision 766 index (the part dossiers decide)');
    expect(tableCells(en.html, 'data-table="index766"').slice(-1)).toEqual([['Total', '41.00 / 50', '38.42', '+2.58']]);
    expect(tableCells(en.html, 'data-table="index766-losers"')[0]).toEqual(['Unit', 'Points then → now', 'Change']);
    expect(en.text).toMatch(/^Progress and results +19\.80 \/ 20 +19\.62 +\+0\.18$/m);
  });
});

describe('renderReport – empty period', () => {
  it('renders a unit without rows', () => {
    const zero = sum('total', 'Tổng cộng', []);
    const sut = renderReport(communeModel({ rows: [], totals: zero, overdue: [], overdueTotal: 0 }));

    expect(sut.html).toContain('Không có hồ sơ trong kỳ.');
    expect(fieldText(sut.html, 'data-field="check"')).toContain('Rút hồ sơ (0) ✓');
    expect(sut.text).toContain('Không có hồ sơ trong kỳ.');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
