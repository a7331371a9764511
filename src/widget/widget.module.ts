import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock, Stopwatch } from '../common/clock';
import { isDatabaseUnavailable } from '../common/database-errors';
import { EnvironmentVariables } from '../config/configuration';
import { StatsModule } from '../stats/stats.module';
import { LocalWritesWatcher } from './local-writes.watcher';
import { WidgetCache } from './widget-cache';
import { ResultsController } from './results.controller';
import { RESULTS_ANSWERS_MAX, RESULTS_CACHE_BYTES, ResultsAnswerCache, ResultsPageCache, ResultsService, answerSize } from './results.service';
import { WidgetController } from './widget.controller';
import { RenderedWidget, SCOPE_MEMO_MAX_ENTRIES, SCOPE_MEMO_MAX_UNITS, ScopeStateMemo, scopeWeight, WIDGET_CACHE_MAX_ENTRIES, WIDGET_CACHE_TTL_MS, WidgetService, renderedSize } from './widget.service';

@Module({
  imports: [StatsModule],
  controllers: [WidgetController, ResultsController],
  providers: [
    WidgetService,
    ResultsService,
    LocalWritesWatcher,
    {
      provide: WidgetCache,
      inject: [Clock, ConfigService],
      // The injected clock, not the wall clock: tests that move time also age the cache.
      useFactory: (clock: Clock, config: ConfigService<EnvironmentVariables, true>) =>
        new WidgetCache<RenderedWidget>({
          maxEntries: WIDGET_CACHE_MAX_ENTRIES,
          maxBytes: config.get('WIDGET_CACHE_MB', { infer: true }) * 1024 * 1024,
          sizeOf: renderedSize,
          ttlMs: WIDGET_CACHE_TTL_MS,
          now: () => clock.now().getTime(),
        }),
    },
    // The results page's own caches: its many variants (periods, sorts, languages) never push the
    // widgets' answers, or their last good copies for an outage, out of theirs.
    {
      provide: ResultsAnswerCache,
      inject: [Clock],
      useFactory: (clock: Clock) =>
        new ResultsAnswerCache({ maxEntries: RESULTS_ANSWERS_MAX, maxBytes: RESULTS_CACHE_BYTES, sizeOf: answerSize, keepLastGood: false, ttlMs: WIDGET_CACHE_TTL_MS, now: () => clock.now().getTime() }),
    },
    {
      provide: ResultsPageCache,
      inject: [Clock],
      useFactory: (clock: Clock) =>
        new ResultsPageCache({ maxEntries: RESULTS_ANSWERS_MAX, maxBytes: RESULTS_CACHE_BYTES, sizeOf: renderedSize, ttlMs: WIDGET_CACHE_TTL_MS, now: () => clock.now().getTime() }),
    },
    {
      provide: ScopeStateMemo,
      inject: [ConfigService, Stopwatch],
      // Real elapsed time, not the injected clock: the window bounds how late another
      // instance's write is seen, which is about the wall, not about the domain's "now".
      useFactory: (config: ConfigService<EnvironmentVariables, true>, stopwatch: Stopwatch) =>
        new ScopeStateMemo({
          windowMs: config.get('WIDGET_REVALIDATE_MS', { infer: true }),
          maxEntries: SCOPE_MEMO_MAX_ENTRIES,
          maxWeight: SCOPE_MEMO_MAX_UNITS,
          weigh: scopeWeight,
          now: () => stopwatch.elapsedMs(),
          isUnavailable: isDatabaseUnavailable,
        }),
    },
  ],
  exports: [WidgetService],
})
export class WidgetModule {}
