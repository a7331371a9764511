import { ValidationPipe } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';

/** Body limit: 5,000 records of SPEC §2 fit well inside; a larger body is answered 413. */
export const JSON_BODY_LIMIT = '10mb';

/** Everything `main.ts` does to the app, shared with the e2e suites so they test the real thing. */
export function setupApp(app: NestExpressApplication): NestExpressApplication {
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('urlencoded', { extended: false, limit: '1mb' });
  app.use(cookieParser());
  // Security headers on every page but the widget, which sets its own so any portal may frame it.
  const pages = helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'frame-src': ["'self'"], 'form-action': ["'self'"] } } });
  const apiDocs = helmet({ contentSecurityPolicy: false });
  app.use((request: { path: string }, response: unknown, next: () => void) => {
    if (request.path.startsWith('/widget/')) return next();
    return (request.path.startsWith('/api/docs') ? apiDocs : pages)(request as never, response as never, next);
  });
  // Catalogue CSV exports and iCalendar files are sent as they are.
  app.useBodyParser('text', { type: ['text/csv', 'text/calendar'], limit: JSON_BODY_LIMIT });
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidUnknownValues: false }));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('tthc-monitor')
      .setDescription('Figures of administrative-procedure dossiers settled by one-stop desks (SPEC §6).')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}
