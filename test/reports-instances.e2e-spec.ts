import { DataSource } from 'typeorm';
import { ReportsService } from '../src/reports/reports.service';
import { buildSettled } from './factories/dossier.factory';
import { createTestDatabase, TestDatabase } from './support/databases';
import { TestSmtpServer } from './support/smtp';
import { ADMIN_KEY, TestApp, bearer, startTestApp } from './support/test-app';
import { createTree, send } from './support/tree';

const mysql = process.env.TTHC_TEST_MYSQL === '0' ? describe.skip : describe;

/**
 * The acceptance case of the report issue: two service instances against one MySQL, an SMTP
 * server that refuses 30 % of the messages for now, a month of subscriptions that fall due on
 * every day — every (subscription, period, recipient) arrives exactly once.
 */
mysql('report delivery with two instances on one MySQL and a flaky SMTP server', () => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  let instances: TestApp[];

  beforeAll(async () => {
    smtp = new TestSmtpServer();
    const smtpUrl = await smtp.start();
    database = await createTestDatabase('mysql', 'two-instances');
    const env = (id: string) => ({ SMTP_URL: smtpUrl, REPORTS_TICK_SECONDS: '0', INSTANCE_ID: id });
    const first = await startTestApp('mysql', 'two-instances', { now: '2025-05-31T12:00:00Z', database, env: env('instance-a') });
    const second = await startTestApp('mysql', 'two-instances', { now: '2025-05-31T12:00:00Z', database, env: env('instance-b') });
    instances = [first, second];
    await createTree(first);
    await send(first, buildSettled(5, 'early', { unitCode: 'xa-a' }, '2025-05-06'));
  }, 120_000);
  afterAll(async () => {
    for (const instance of instances ?? []) await instance.close();
    await database?.drop();
    await smtp?.stop();
  });

  it('delivers each (subscription, period, recipient) exactly once', async () => {
    const [a] = instances;
    // Subscriptions that fall due on every day of June 2025: a weekly one for each weekday, monthly
    // ones on the 1st, 2nd and 3rd and on the 15th (15th→14th months), and a quarterly one.
    const plans = [
      ...[1, 2, 3, 4, 5, 6, 7].map((sendDay) => ({ periodKind: 'week', sendDay })),
      { periodKind: 'month', sendDay: 1 },
      { periodKind: 'month', sendDay: 2 },
      { periodKind: 'month', sendDay: 3 },
      { periodKind: 'month', sendDay: 1, monthStartDay: 15 },
      { periodKind: 'quarter', sendDay: 1 },
    ];
    for (const [i, plan] of plans.entries()) {
      await a.http
        .post('/api/v1/report-subscriptions')
        .set(bearer(ADMIN_KEY))
        .send({ unitCode: 'xa-a', recipients: [`lanh-dao-${i}@xa-a.gov.vn`, `van-thu-${i}@xa-a.gov.vn`], sendAt: '07:30', locale: 'vi', ...plan })
        .expect(201);
    }

    let seed = 2025;
    smtp.refuseMessage = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % 100 < 30 ? { code: 421, message: 'Service busy, try again' } : null;
    };

    // A month of ticks: both instances at once, several times a day, then until the outbox is empty.
    const start = Date.parse('2025-06-01T00:00:00Z');
    const tickBoth = async (moment: number) => {
      for (const instance of instances) instance.clock.set(new Date(moment));
      await Promise.all(instances.map((instance) => instance.app.get(ReportsService).tick()));
    };
    for (let hour = 0; hour <= 30 * 24; hour += 3) await tickBoth(start + hour * 3_600_000);
    smtp.refuseMessage = () => null;
    for (let extra = 1; extra <= 12; extra++) await tickBoth(start + (30 * 24 + extra * 2) * 3_600_000);

    const rows: { subscriptionId: number; periodName: string; recipient: string; status: string; attempts: number }[] = await a.app
      .get(DataSource)
      .query('SELECT subscriptionId, periodName, recipient, status, attempts FROM report_deliveries ORDER BY subscriptionId, periodName, recipient');
    expect(rows.length).toBeGreaterThanOrEqual(2 * (7 * 4 + 4 + 0)); // 4 weeks × 7 weekly + 4 monthly, 2 recipients each
    expect(rows.filter((row) => row.status !== 'sent')).toEqual([]);
    expect(rows.some((row) => row.attempts > 1)).toBe(true); // the flaky server did refuse some

    // Exactly once: the messages the SMTP server accepted, per (subscription, period, recipient).
    const counted = new Map<string, number>();
    for (const mail of smtp.received) {
      const id = String(mail.parsed.messageId);
      for (const to of mail.to) counted.set(`${id} ${to}`, (counted.get(`${id} ${to}`) ?? 0) + 1);
    }
    expect([...counted.values()].filter((n) => n !== 1)).toEqual([]);
    expect(smtp.received).toHaveLength(rows.length);
    const claimers = await a.app.get(DataSource).query('SELECT DISTINCT claimedBy FROM report_runs');
    expect(claimers.length).toBeGreaterThanOrEqual(1);
  }, 300_000);
});
