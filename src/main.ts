import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { EnvironmentVariables, validateEnvironment } from './config/configuration';

async function bootstrap(): Promise<void> {
  // Checked before the modules load, so a wrong variable stops the start with a plain list
  // of what is wrong rather than a stack trace from inside the module system.
  validateEnvironment(process.env);
  const { AppModule } = await import('./app.module');
  const { DemoService } = await import('./demo/demo.service');
  const { setupApp } = await import('./setup-app');
  const app = setupApp(await NestFactory.create<NestExpressApplication>(AppModule, { bodyParser: true }));
  app.enableShutdownHooks();
  const config = app.get(ConfigService<EnvironmentVariables, true>);
  const port = config.get('PORT', { infer: true });
  const seeded = await app.get(DemoService).seedIfWanted();
  await app.listen(port);

  const base = (config.get('PUBLIC_BASE_URL', { infer: true }) ?? `http://localhost:${port}`).replace(/\/$/, '');
  const logger = new Logger('tthc-monitor');
  logger.log(`listening on ${base}`);
  logger.log(`API docs:     ${base}/api/docs`);
  if (seeded) {
    logger.log(`demo data loaded (labelled "demo"):`);
    logger.log(`  widget:     ${base}/widget/${seeded}`);
    logger.log(`  JSON:       ${base}/widget/${seeded}.json`);
    logger.log(`  stats:      ${base}/api/v1/units/${seeded}/stats`);
  }
}

bootstrap().catch((error: unknown) => {
  // Configuration and database errors stop the process with their message, not a stack dump.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
