import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { EnvironmentVariables } from '../config/configuration';
import { ReportsService } from './reports.service';

const INTERVAL = 'report-tick';

/**
 * Thin on purpose: every REPORTS_TICK_SECONDS it asks ReportsService to do a tick (tests call the
 * service). A tick that is still running is not started twice in this instance; other instances
 * are kept apart by the database claims.
 */
@Injectable()
export class ReportScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReportScheduler.name);
  private running: Promise<unknown> | null = null;
  private firstTick: NodeJS.Timeout | null = null;

  constructor(
    private readonly reports: ReportsService,
    private readonly registry: SchedulerRegistry,
    private readonly config: ConfigService<EnvironmentVariables, true>,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.get('REPORTS_TICK_SECONDS', { infer: true });
    if (!seconds) return;
    this.registry.addInterval(INTERVAL, setInterval(() => void this.tick(), seconds * 1000));
    // A period missed while the service was down is sent soon after it comes back.
    this.firstTick = setTimeout(() => void this.tick(), 5_000);
    this.firstTick.unref();
  }

  onApplicationShutdown(): void {
    if (this.firstTick) clearTimeout(this.firstTick);
    if (this.registry.doesExist('interval', INTERVAL)) this.registry.deleteInterval(INTERVAL);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.reports
      .tick()
      .catch((error: unknown) => this.logger.error(`report tick failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.running = null;
      });
    await this.running;
  }
}
