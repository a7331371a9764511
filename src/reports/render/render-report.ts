import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RenderedReport, ReportModel } from '../report-model';
import { reportView } from './report-view';
import { textView } from './text-part';

/**
 * The report e-mail (docs/figures.md §8): subject, an HTML part that holds up in common mail clients
 * (table layout, inline styles only, nothing loaded from outside) and a plain-text part with the
 * same content, both from one view of the model. The XLSX attachment (report-xlsx.ts) takes the
 * same II.06a columns from this folder and the same words from the store's report area.
 */

/** The project-root `templates/` folder: three levels up from src/reports/render and from dist/reports/render. */
export const REPORT_TEMPLATES_DIR = resolve(__dirname, '..', '..', '..', 'templates');

type Render = (view: object) => string;

interface ReportTemplates {
  html: Render;
  text: Render;
}

let cached: ReportTemplates | undefined;

/**
 * Reads and compiles the two templates (and the report partials) the first time a report is
 * rendered, then keeps them. `strict` makes a misspelt field an error rather than an empty cell.
 */
export function loadReportTemplates(dir: string = REPORT_TEMPLATES_DIR): ReportTemplates {
  const handlebars = Handlebars.create();
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const partial = read('partials/report-ii06a-row.hbs');
  handlebars.parse(partial);
  handlebars.registerPartial('reportIi06aRow', partial);
  const html = handlebars.compile(handlebars.parse(read('report-email.hbs')), { strict: true });
  const text = handlebars.compile(handlebars.parse(read('report-email.txt.hbs')), { strict: true, noEscape: true });
  return { html: (data) => html(data), text: (data) => text(data) };
}

function templates(): ReportTemplates {
  cached ??= loadReportTemplates();
  return cached;
}

/** The report e-mail of docs/figures.md §8: subject, HTML part and plain-text part. */
export function renderReport(model: ReportModel): RenderedReport {
  const data = reportView(model);
  const { html, text } = templates();
  return {
    subject: data.subject,
    html: html(data),
    text: text(textView(data)).replace(/\n{3,}/g, '\n\n').trim() + '\n',
  };
}
