import { ConsoleLogger, LogLevel } from '@nestjs/common';

/**
 * Nest's own start-up lines: one per module loaded and one per route mapped (some 150). They are
 * detail for whoever debugs the wiring, not for whoever runs the service.
 */
/** Nest's levels, most severe first. */
const SEVERITY: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

const START_UP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/**
 * The service's log. In production one JSON object a line (level, time, context, message), for a
 * log collector to parse; otherwise Nest's readable coloured lines. Nest's start-up lines go to
 * `debug`, so the first lines of a start are the ones main.ts prints: where it listens, the demo.
 */
export class AppLogger extends ConsoleLogger {
  /** `level`: the least severe level written (`info` is `log`). */
  constructor(options: { production: boolean; level: LogLevel | 'info' }) {
    const least = options.level === 'info' ? 'log' : options.level;
    super({ json: options.production, logLevels: SEVERITY.slice(0, SEVERITY.indexOf(least) + 1) });
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest.length > 0 ? rest[rest.length - 1] : this.context;
    if (typeof context === 'string' && START_UP_CONTEXTS.has(context)) super.debug(message, ...rest);
    else super.log(message, ...rest);
  }
}
