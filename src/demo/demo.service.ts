import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Clock } from '../common/clock';
import { EnvironmentVariables } from '../config/configuration';
import { DossiersService } from '../dossiers/dossiers.service';
import { UnitsService } from '../units/units.service';
import { ReorganizationsService } from '../units/reorganizations.service';
import { DEMO_REORGANIZATION, DEMO_UNITS, DEMO_WIDGET_UNIT, DemoRecord, demoRecordsAfterReform, demoRecordsBeforeReform, demoSteps } from './demo-data';
import { DossierWriter } from '../dossiers/dossier-writer';

@Injectable()
export class DemoService {
  private readonly logger = new Logger(DemoService.name);
  /** A demo dossier with steps, for the start-up log's lookup link. */
  lookupCode: string | null = null;

  constructor(
    private readonly units: UnitsService,
    private readonly dossiers: DossiersService,
    private readonly reorganizations: ReorganizationsService,
    private readonly writer: DossierWriter,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly clock: Clock,
  ) {}

  /**
   * Seeds the demo into an empty embedded database only — never into a database given by
   * DATABASE_URL. Returns the demo widget's unit code when the demo is there to show.
   */
  async seedIfWanted(): Promise<string | null> {
    if (this.config.get('DATABASE_URL', { infer: true }) || this.config.get('DEMO_DATA', { infer: true }) === 'never') {
      return null;
    }
    if (!(await this.units.isEmpty())) {
      const existing = await this.units.findByCodes([DEMO_WIDGET_UNIT]);
      return existing.has(DEMO_WIDGET_UNIT) ? DEMO_WIDGET_UNIT : null;
    }
    await this.seed();
    return DEMO_WIDGET_UNIT;
  }

  /** The old tree and its dossiers, the act of 01/07/2025, then the new tree's dossiers: as a province lived it. */
  async seed(): Promise<void> {
    for (const unit of DEMO_UNITS) await this.units.create(unit);
    const before = demoRecordsBeforeReform();
    await this.load(before);
    await this.reorganizations.apply(DEMO_REORGANIZATION);
    const after = demoRecordsAfterReform(this.clock.now());
    await this.load(after);
    const unit = (await this.units.findByCodes([DEMO_WIDGET_UNIT])).get(DEMO_WIDGET_UNIT)!;
    const steps = demoSteps(after);
    await this.writer.writeSteps(
      steps.flatMap(({ code, steps: list }) => list.map((step) => ({ unitId: unit.id, dossierCode: code, event: { ...step, startedAt: step.at, stepDueAt: null, origin: 'progress' as const } }))),
      this.clock.now(),
    );
    this.lookupCode = steps[0]?.code ?? null;
    this.logger.log(`demo units, their reorganization of 01/07/2025 and ${before.length + after.length} demo dossiers loaded into the embedded database`);
  }

  private async load(records: DemoRecord[]): Promise<void> {
    const admin = { keyId: 0, role: 'admin' as const, unit: null };
    for (let start = 0; start < records.length; start += 2000) {
      const result = await this.dossiers.ingest(records.slice(start, start + 2000), admin);
      if (result.rejected.length > 0) {
        throw new Error(`demo data rejected: ${JSON.stringify(result.rejected.slice(0, 3))}`);
      }
    }
  }
}
