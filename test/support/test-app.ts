import { LogLevel } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { Clock, Stopwatch } from '../../src/common/clock';
import { validateEnvironment } from '../../src/config/configuration';
import { setupApp } from '../../src/setup-app';
import { AnswerLog, DriftReport, driftReport } from './api-answers';
import { TestDatabase, createTestDatabase } from './databases';
import { OpenApiCheck, OpenApiDocument } from './openapi-check';
import { TestClock, TestStopwatch } from './test-clock';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  clock: TestClock;
  /** The elapsed time of windows about the wall (widget revalidation): moves only on `advance`. */
  stopwatch: TestStopwatch;
  database: TestDatabase;
  /** Every answer the app sent; `close()` checks them against the app's OpenAPI document. */
  answers: AnswerLog;
  /** Stops the app and drops its database; answers not as the document says fail the suite at its end. */
  close(): Promise<void>;
}

/** The whole service, as main.ts builds it, on a fresh real database and a test clock. */
export async function startTestApp(
  kind: 'mysql' | 'sqlite',
  label: string,
  options: { now?: string; env?: Record<string, string>; database?: TestDatabase; drift?: DriftReport; logger?: LogLevel[] } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(kind, label));
  const clock = new TestClock(new Date(options.now ?? '2025-06-10T03:07:03Z'));
  const stopwatch = new TestStopwatch();
  // The report scheduler stays off: suites that test it call ReportsService.tick() themselves.
  // The public rate limit is off too: a suite that hammers a route would cross it on a fast
  // machine and not on a slow one. The suites about the limit set it, and move the clock.
  const config = validateEnvironment({
    DEMO_DATA: 'never',
    BOOTSTRAP_ADMIN_KEY: ADMIN_KEY,
    REPORTS_TICK_SECONDS: '0',
    PUBLIC_RATE_LIMIT: '0',
    ...database.env,
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(ConfigService)
    .useValue(new ConfigService(config as unknown as Record<string, unknown>))
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(Stopwatch)
    .useValue(stopwatch)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: options.logger ?? ['error'] });
  // Before everything setupApp adds, so that the body parser's refusals are seen too.
  const log = new AnswerLog();
  app.use(log.middleware);
  setupApp(app);
  await app.init();
  const http = request(app.getHttpServer());
  return {
    app,
    http,
    clock,
    stopwatch,
    database,
    answers: log,
    close: async () => {
      // Every answer the suite received, held against the app's own document (openapi-check.ts).
      const document = (await http.get('/api/docs-json')).body as OpenApiDocument;
      const problems = new OpenApiCheck(document).problemsOf(log.answers);
      await app.close();
      if (!options.database) await database.drop();
      (options.drift ?? driftReport).add(problems);
    },
  };
}

/**
 * `describe` for each real database: the same scenarios on MariaDB/MySQL and on SQLite. The
 * MySQL half is skipped only outside CI when no server answers (test/support/global-setup.js).
 */
export function describeEachDatabase(title: string, body: (kind: 'mysql' | 'sqlite') => void): void {
  for (const kind of ['sqlite', 'mysql'] as const) {
    const skip = kind === 'mysql' && process.env.TTHC_TEST_MYSQL === '0';
    (skip ? describe.skip : describe)(`${title} [${kind}]`, () => body(kind));
  }
}

export const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
