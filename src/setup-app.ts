import { ValidationPipe } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import type { Request } from 'express';
import helmet from 'helmet';
import { ConsoleRequest } from './admin/console.guard';
import { ConsoleViews } from './admin/console-views';
import { consoleLanguage } from './i18n/console-language';
import { DatabaseUnavailableFilter } from './http/database-unavailable.filter';
import { refuseDeepBodies } from './http/body-depth';
import { setsPublicHeaders } from './http/public-headers';
import { DomainErrorFilter } from './common/domain-error.filter';
import { EnvironmentVariables, trustProxySetting } from './config/configuration';
import { DVCQG_PATH, dvcqgDeepBody, dvcqgUnreadableBody } from './interchange/dvcqg-body';
import { undecodableLookupCode } from './interchange/lookup.controller';

/** Body limit: 5,000 records of docs/figures.md §2 fit well inside; a larger body is answered 413. */
export const JSON_BODY_LIMIT = '10mb';

/** Everything `main.ts` does to the app, shared with the e2e suites so they test the real thing. */
export function setupApp(app: NestExpressApplication): NestExpressApplication {
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the proxies TRUST_PROXY names (default: none), so no
  // client can pick its own address to slip past the sign-in throttle or the rate limit.
  const config = app.get(ConfigService, { strict: false }) as ConfigService<EnvironmentVariables, true> | undefined;
  app.set('trust proxy', trustProxySetting(config?.get('TRUST_PROXY', { infer: true })));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('urlencoded', { extended: false, limit: '1mb' });
  // The DVCQG routes answer a body they cannot read as their senders read failures (error_code).
  app.use(DVCQG_PATH, dvcqgUnreadableBody(JSON_BODY_LIMIT), dvcqgDeepBody);
  app.use(refuseDeepBodies);
  app.use(cookieParser());
  // Security headers on every page but the widget and the citizen lookup, which set their own
  // (http/public-headers.ts) so any portal may frame them.
  // Referrer-Policy same-origin, not helmet's no-referrer: under no-referrer a browser sends
  // `Origin: null` with the console's own form posts, which the console refuses as cross-site.
  // Other sites still get no referrer.
  const pages = helmet({
    contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'style-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'frame-src': ["'self'"], 'form-action': ["'self'"] } },
    referrerPolicy: { policy: 'same-origin' },
  });
  const apiDocs = helmet({ contentSecurityPolicy: false });
  app.use((request: { path: string }, response: unknown, next: () => void) => {
    if (setsPublicHeaders(request.path)) return next();
    return (request.path.startsWith('/api/docs') ? apiDocs : pages)(request as never, response as never, next);
  });
  // A lookup code that is not UTF-8 gets the one "not found", not the router's 400.
  app.use(undecodableLookupCode);
  // Catalogue CSV exports and iCalendar files are sent as they are.
  app.useBodyParser('text', { type: ['text/csv', 'text/calendar'], limit: JSON_BODY_LIMIT });
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidUnknownValues: false }));
  // A database that is stopped or restarting answers 503 + Retry-After everywhere, never a 500.
  // A service's refusal answers as the HTTP exception it stands for (registered last: asked first).
  app.useGlobalFilters(new DatabaseUnavailableFilter(app.getHttpAdapter(), consoleErrorPage(app)), new DomainErrorFilter(app.getHttpAdapter()));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('tthc-monitor')
      .setDescription('Figures of administrative-procedure dossiers settled by one-stop desks.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  return app;
}

/** Console pages keep their layout (and the signed-in account, when the guard got that far). */
function consoleErrorPage(app: NestExpressApplication) {
  let views: ConsoleViews | null = null;
  return (request: Request, heading: string, message: string): string | null => {
    try {
      const pages = views ?? app.get(ConsoleViews, { strict: false });
      if (!pages) return null;
      views = pages;
      const staff = (request as Request & Partial<ConsoleRequest>).staff ?? null;
      const lang = consoleLanguage(request);
      return pages.render('message', { heading, message }, { staff, lang, title: heading });
    } catch {
      return null;
    }
  };
}
