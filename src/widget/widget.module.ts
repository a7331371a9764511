import { Module } from '@nestjs/common';
import { Clock } from '../common/clock';
import { StatsModule } from '../stats/stats.module';
import { WidgetCache } from './widget-cache';
import { WidgetController } from './widget.controller';
import { RenderedWidget, WIDGET_CACHE_MAX_ENTRIES, WIDGET_CACHE_TTL_MS, WidgetService } from './widget.service';

@Module({
  imports: [StatsModule],
  controllers: [WidgetController],
  providers: [
    WidgetService,
    {
      provide: WidgetCache,
      inject: [Clock],
      // The injected clock, not the wall clock: tests that move time also age the cache.
      useFactory: (clock: Clock) =>
        new WidgetCache<RenderedWidget>({
          maxEntries: WIDGET_CACHE_MAX_ENTRIES,
          ttlMs: WIDGET_CACHE_TTL_MS,
          now: () => clock.now().getTime(),
        }),
    },
  ],
  exports: [WidgetService],
})
export class WidgetModule {}
