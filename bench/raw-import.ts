import { parse } from 'csv-parse';
import { createReadStream } from 'node:fs';
import { createConnection } from 'mysql2/promise';

/**
 * The baseline the import is measured against: the same file streamed through csv-parse and
 * written with plain mysql2 multi-row INSERT … ON DUPLICATE KEY UPDATE into the same table,
 * with no validation, no per-row checks and no reading back — what the driver and the database
 * can do with these rows. Run as its own process so its peak RSS is its own.
 *
 *   ts-node bench/raw-import.ts <file.csv> <mysql url> <unitId>
 */
const STATUS: Record<string, string> = { 'Đã giải quyết': 'resolved', 'Đang giải quyết': 'processing', 'Chờ bổ sung': 'waiting', 'Đã rút': 'withdrawn' };
const CHANNEL: Record<string, string> = { 'Trực tiếp': 'direct', 'Trực tuyến': 'online', 'Bưu chính công ích': 'postal' };
const BATCH = 2000;

/** dd/MM/yyyy[ HH:mm] local → 'yyyy-MM-dd HH:mm:ss.SSS' UTC (Vietnam is UTC+7), and the local date. */
function utc(text: string, endOfDay: boolean): [string, string] {
  const day = Number(text.slice(0, 2));
  const month = Number(text.slice(3, 5));
  const year = Number(text.slice(6, 10));
  const hour = text.length > 10 ? Number(text.slice(11, 13)) : endOfDay ? 23 : 0;
  const minute = text.length > 10 ? Number(text.slice(14, 16)) : endOfDay ? 59 : 0;
  const ms = Date.UTC(year, month - 1, day, hour, minute, endOfDay && text.length <= 10 ? 59 : 0, endOfDay && text.length <= 10 ? 999 : 0) - 7 * 3_600_000;
  return [new Date(ms).toISOString().replace('T', ' ').slice(0, 23), `${text.slice(6, 10)}-${text.slice(3, 5)}-${text.slice(0, 2)}`];
}

async function main(): Promise<void> {
  const [file, url, unitIdText] = process.argv.slice(2);
  const unitId = Number(unitIdText);
  const connection = await createConnection({ uri: url, timezone: 'Z' });
  const columns = 'unitId, code, procedureCode, procedureName, field, channel, status, receivedAt, dueAt, dueOn, dueAtComputed, resolvedAt, receivedOn, settledOn, withdrawnOn, timeliness, contentHash, createdAt, updatedAt';
  const update = columns.split(', ').filter((c) => !['unitId', 'code', 'createdAt'].includes(c)).map((c) => `${c} = VALUES(${c})`).join(', ');
  const now = new Date().toISOString().replace('T', ' ').slice(0, 23);
  let values: unknown[] = [];
  let rows = 0;
  const started = Date.now();
  const flush = async () => {
    if (values.length === 0) return;
    const count = values.length / 19;
    const placeholders = Array.from({ length: count }, () => '(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)').join(',');
    await connection.query(`INSERT INTO dossiers (${columns}) VALUES ${placeholders} ON DUPLICATE KEY UPDATE ${update}`, values);
    values = [];
  };
  const parser = createReadStream(file).pipe(parse({ bom: true, from_line: 2, relax_column_count: true }));
  for await (const cells of parser as AsyncIterable<string[]>) {
    const [code, procedureCode, procedureName, field, channel, status, received, due, resolved] = cells;
    const [receivedAt, receivedOn] = utc(received, false);
    const [dueAt, dueOn] = utc(due, true);
    const [resolvedAt, settledOn] = resolved ? utc(resolved, false) : [null, null];
    const timeliness = resolvedAt ? (resolvedAt > dueAt ? 'late' : settledOn === dueOn ? 'onTime' : 'early') : null;
    values.push(unitId, code, procedureCode, procedureName, field, CHANNEL[channel], STATUS[status], receivedAt, dueAt, dueOn, 0, resolvedAt, receivedOn, settledOn, null, timeliness, '-', now, now);
    rows++;
    if (values.length >= BATCH * 19) await flush();
  }
  await flush();
  await connection.end();
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ rows, seconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
