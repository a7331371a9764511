import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppLogger } from './common/app-logger';
import { EnvironmentVariables, validateEnvironment } from './config/configuration';

async function bootstrap(): Promise<void> {
  // Checked before the modules load, so a wrong variable stops the start with a plain list
  // of what is wrong rather than a stack trace from inside the module system.
  const environment = validateEnvironment(process.env);
  const logger = new AppLogger({ production: environment.NODE_ENV === 'production', level: environment.LOG_LEVEL });
  const { AppModule } = await import('./app.module');
  const { DemoService } = await import('./demo/demo.service');
  const { setupApp } = await import('./setup-app');
  const app = setupApp(await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: true, logger }));
  app.enableShutdownHooks();
  const config = app.get(ConfigService<EnvironmentVariables, true>);
  const port = config.get('PORT', { infer: true });
  const seeded = await app.get(DemoService).seedIfWanted();
  await app.listen(port);

  const base = (config.get('PUBLIC_BASE_URL', { infer: true }) ?? `http://localhost:${port}`).replace(/\/$/, '');
  const log = new Logger('tthc-monitor');
  log.log(`listening on ${base}`);
  log.log(`API docs:     ${base}/api/docs`);
  log.log(`console:      ${base}/admin`);
  if (seeded) {
    log.log(`demo data loaded (labelled "demo"):`);
    log.log(`  widget:     ${base}/widget/${seeded}`);
    log.log(`  JSON:       ${base}/widget/${seeded}.json`);
    log.log(`  stats:      ${base}/api/v1/units/${seeded}/stats`);
    const code = app.get(DemoService).lookupCode;
    if (code) log.log(`  lookup:     ${base}/tra-cuu?ma=${encodeURIComponent(code)}`);
  }
}

bootstrap().catch((error: unknown) => {
  // Configuration and database errors stop the process with their message, not a stack dump.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
