import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { HealthApi } from './health.api';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Get()
  // Documented by HealthApi: terminus's own documentation has no example of the whole answer.
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @HealthApi.check()
  check() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 3000 })]);
  }

  /**
   * Liveness: the process answers HTTP, nothing else is touched (no database), so an
   * orchestrator does not restart a healthy process while the database is slow. The benchmark
   * also uses it as the cheapest route of the app (same middleware) to compare the widget with.
   */
  @Get('live')
  @HealthApi.live()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
