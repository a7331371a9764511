import { t } from '../../i18n/i18n';
import { ReportView, RowView } from './report-view';
import { TextColumn, TextGroup, padStart, textTable } from './text-table';

/**
 * The blocks of the e-mail's plain-text part that a template cannot align by itself: the
 * headline figures, the 766 scorecard, form II.06a in two tables and the overdue dossiers, from
 * the same view the HTML part shows.
 */

function textII06a(v: ReportView): string {
  const table = v.table;
  const lead: TextColumn[] = [
    { header: table.number, align: 'right' },
    { header: table.firstColumn, align: 'left', max: 26, min: 12 },
  ];
  // The received columns have room for two-line headers; the seven others wrap theirs more.
  const figureColumns: TextColumn[] = table.columns.map((header, index) => ({ header, align: 'right', min: index < 4 ? 10 : 7 }));
  const rowCells = (row: RowView, from: number, to: number) => [row.number, row.label, ...row.cells.slice(from, to).map((cell) => cell.value)];
  const part = (from: number, to: number, groups: TextGroup[]) => {
    const rows = v.table.empty !== null ? [['', v.table.empty, ...Array(to - from).fill('')]] : table.rows.map((row) => rowCells(row, from, to));
    return textTable([...lead, ...figureColumns.slice(from, to)], rows, { groups, footer: rowCells(table.total, from, to) });
  };
  // Eleven figure columns do not fit a plain-text line: received (4) first, then settled and open (7).
  const [received, settled, open] = table.groups;
  const first = part(0, 4, [{ label: received.label, start: 2, span: 4 }]);
  const second = part(4, 11, [
    { label: settled.label, start: 2, span: 4 },
    { label: open.label, start: 6, span: 3 },
  ]);
  return [...first, '', ...second].join('\n');
}

function textHeadline(v: ReportView): string {
  const rows = v.cards.map((c) => [c.label, c.suffix === null ? c.value : `${c.value} ${c.suffix}`, c.change, `(${c.previous})`]);
  return textTable(
    [
      { header: '', align: 'left' },
      { header: '', align: 'right' },
      { header: '', align: 'left' },
      { header: '', align: 'left' },
    ],
    rows,
  )
    .slice(2) // no header line, no rule
    .join('\n');
}

/** The groups and the total against the previous period, then the units that lost most points. */
function textScorecard(v: ReportView): string {
  const card = v.scorecard;
  if (card === null) return '';
  const line = (row: { label: string; points: string; previous: string; change: string }) => [row.label, row.points, row.previous, row.change];
  const lines = textTable(
    [
      { header: card.columns.group, align: 'left', max: 34 },
      // Wide enough for "Kỳ trước" and "Thay đổi" on one line.
      { header: card.columns.points, align: 'right', min: 10 },
      { header: card.columns.previous, align: 'right', min: 8 },
      { header: card.columns.change, align: 'right', min: 8 },
    ],
    card.rows.map(line),
    { footer: line(card.total) },
  );
  lines.push(card.note);
  if (card.losers !== null) {
    lines.push('', card.losers.title);
    if (card.losers.items.length > 0) {
      lines.push(
        ...textTable(
          [
            { header: card.losers.columns.unit, align: 'left', max: 34 },
            { header: card.losers.columns.points, align: 'right', min: 22 },
            { header: card.losers.columns.change, align: 'right', min: 8 },
          ],
          card.losers.items.map((item) => [`${item.number}. ${item.name}`, item.points, item.change]),
        ),
      );
    }
    if (card.losers.none !== null) lines.push(card.losers.none);
  }
  return lines.join('\n');
}

function textOverdue(v: ReportView): string {
  const o = v.overdue;
  const lines: string[] = [];
  for (const item of o.items) {
    lines.push(`${padStart(item.number, 3)}. ${item.code} – ${item.procedure}${item.field === null ? '' : ` (${item.field})`}`);
    const details = [
      ...(o.showUnit ? [`${o.columns.unit}: ${item.unitName}`] : []),
      `${o.columns.receivedAt}: ${item.receivedAt}`,
      `${o.columns.dueAt}: ${item.dueAt}`,
      `${o.columns.overdueBy}: ${item.days} ${t(v.lang, 'report.overdue.daysUnit')}`,
    ];
    lines.push(`     ${details.join(' · ')}`);
  }
  if (o.more !== null) lines.push(`     … ${o.more}`);
  if (o.countOnly !== null) lines.push(o.countOnly);
  if (o.none !== null) lines.push(o.none);
  return lines.join('\n');
}

/** The view with the plain-text blocks the text template prints as they are. */
export function textView(v: ReportView) {
  return {
    ...v,
    text: {
      headline: textHeadline(v),
      scorecard: textScorecard(v),
      ii06a: textII06a(v),
      overdue: textOverdue(v),
      rule: '='.repeat(72),
    },
  };
}
