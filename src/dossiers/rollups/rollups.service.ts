import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { UnitsService } from '../../units/units.service';
import { MONTH_TABLE, ROLLUP_TABLES, rebuildAllRollups, recountUnit } from './rollup-tables';
import { ROLLUP_COLUMNS, RollupTable } from './rollups';

export interface RollupMismatch {
  unitId: number;
  table: RollupTable;
  /** The day or month, with the field and channel for the `field…` tables. */
  bucket: string;
  stored: Record<string, number>;
  recounted: Record<string, number>;
}

/** Rebuilding and checking the rollups against a full recount of the dossiers. */
@Injectable()
export class RollupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly clock: Clock,
  ) {}

  /** Recounts every unit's rollups in one pass and one transaction; returns how many units. */
  async rebuild(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const ids = await rebuildAllRollups(manager);
      await this.units.bumpDataVersion(manager, ids, this.clock.now());
      return ids.length;
    });
  }

  /** Every rollup row that differs from what a recount of the dossiers gives (none, normally). */
  async check(): Promise<RollupMismatch[]> {
    const manager = this.dataSource.manager;
    const storedIds = await manager.query(`SELECT DISTINCT unitId FROM ${MONTH_TABLE}`);
    const ids = new Set<number>([...(await this.unitIdsWithDossiers()), ...storedIds.map((row: { unitId: unknown }) => Number(row.unitId))]);
    const mismatches: RollupMismatch[] = [];
    for (const unitId of [...ids].sort((a, b) => a - b)) mismatches.push(...(await this.checkUnit(manager, unitId)));
    return mismatches;
  }

  private async checkUnit(manager: EntityManager, unitId: number): Promise<RollupMismatch[]> {
    const expected = new Map<string, Record<string, number>>();
    const keyOf = (table: string, bucket: string, field?: unknown, channel?: unknown) =>
      `${table}\u0000${bucket}${field === undefined ? '' : ` ${String(field)}/${String(channel)}`}`;
    for (const change of (await recountUnit(manager, unitId)).changes()) {
      expected.set(keyOf(change.table, change.bucket, change.field, change.channel), { ...change.counters });
    }
    const actual = new Map<string, Record<string, number>>();
    for (const [table, { name, bucket, byField }] of Object.entries(ROLLUP_TABLES)) {
      const rows: Record<string, unknown>[] = await manager.query(`SELECT * FROM ${name} WHERE unitId = ?`, [unitId]);
      for (const row of rows) {
        const counters = Object.fromEntries(ROLLUP_COLUMNS.map((column) => [column, Number(row[column])]));
        if (!ROLLUP_COLUMNS.some((column) => counters[column] !== 0)) continue;
        actual.set(byField ? keyOf(table, String(row[bucket]), row.field, row.channel) : keyOf(table, String(row[bucket])), counters);
      }
    }
    const zero = Object.fromEntries(ROLLUP_COLUMNS.map((column) => [column, 0]));
    const mismatches: RollupMismatch[] = [];
    for (const key of new Set([...expected.keys(), ...actual.keys()])) {
      const recounted = expected.get(key) ?? zero;
      const stored = actual.get(key) ?? zero;
      if (ROLLUP_COLUMNS.some((column) => recounted[column] !== stored[column])) {
        const [table, bucket] = key.split('\u0000');
        mismatches.push({ unitId, table: table as RollupTable, bucket, stored, recounted });
      }
    }
    return mismatches;
  }

  private async unitIdsWithDossiers(): Promise<number[]> {
    const rows: { unitId: unknown }[] = await this.dataSource.manager.query('SELECT DISTINCT unitId FROM dossiers ORDER BY unitId');
    return rows.map((row) => Number(row.unitId));
  }
}
