import { join, resolve } from 'node:path';

/**
 * Builds and renders one report `runs` times in a Nest application context of the built service
 * (dist/) on DATABASE_URL, as the report scheduler does for a run: the figures
 * (ReportBuilder.build), the e-mail (renderReport) and the XLSX attachment (buildReportXlsx).
 * Prints one JSON line with the seconds of each run.
 *
 *   DATABASE_URL=… ts-node bench/report-timing.ts <unitCode> <month YYYY-MM> <runs>
 */
const ROOT = resolve(__dirname, '..');
const dist = (path: string) => require(join(ROOT, 'dist', path));

async function main(): Promise<void> {
  const [unitCode, month, runsText] = process.argv.slice(2);
  process.env.REPORTS_TICK_SECONDS = '0';
  const { NestFactory } = require('@nestjs/core') as typeof import('@nestjs/core');
  const { AppModule } = dist('app.module');
  const { ReportBuilder } = dist('reports/report-builder.service');
  const { renderReport } = dist('reports/render/render-report');
  const { buildReportXlsx } = dist('reports/report-xlsx');
  const { periodByName } = dist('reports/periods');
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error', 'warn'] });
  try {
    const builder = app.get(ReportBuilder);
    // What build reads of a subscription: the province with every unit below, monthly, Vietnamese.
    const subscription = { id: 0, includeChildren: true, monthStartDay: 1, locale: 'vi', periodKind: 'month' };
    const period = periodByName('month', month, 1);
    const runs: { build: number; render: number; total: number }[] = [];
    let facts = {};
    for (let k = 0; k < Number(runsText); k++) {
      const started = performance.now();
      const model = await builder.build(subscription, unitCode, period);
      const built = performance.now();
      const rendered = renderReport(model);
      const xlsx: Buffer = await buildReportXlsx(model);
      const done = performance.now();
      runs.push({ build: (built - started) / 1000, render: (done - built) / 1000, total: (done - started) / 1000 });
      facts = { rows: model.rows.length, settled: model.totals.settled.total, htmlKb: Math.round(rendered.html.length / 1024), xlsxKb: Math.round(xlsx.length / 1024) };
    }
    process.stdout.write(`${JSON.stringify({ runs, ...facts })}\n`);
  } finally {
    await app.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
