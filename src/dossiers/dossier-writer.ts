import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { instantOf, isSqlite, upsertRows } from '../database/sql';
import { retryOnDeadlock } from '../common/database-retry';
import { localDateOf } from '../common/local-time';
import { UnitsService } from '../units/units.service';
import { classifySettled, isSettled } from './classification';
import { Dossier } from './dossier.entity';
import { IngestResult, PreparedBatch } from './ingest-batch';
import { RollupDelta, RollupFacts } from './rollups/rollups';
import { FACT_COLUMNS, applyRollupDelta, factsOf } from './rollups/rollup-tables';
import { OVERWRITTEN, WRITTEN, isOlder, loadStoredStates, toRow } from './stored-dossiers';
import { EventBatchItem, EventCounts, writeSteps } from './dossier-events';
import { NO_SUPPLEMENT } from './progress-766';
import { refreshSupplements } from './supplement-facts';

/**
 * Locks the units' rows until the transaction ends. Every writer of dossiers and rollups takes
 * these locks first, in id order: two instances writing the same unit take turns, so each one
 * reads the stored dossiers the other has finished writing, and the rollups cannot drift.
 * (SQLite has a single writer already.)
 */
async function lockUnits(manager: EntityManager, unitIds: number[]): Promise<void> {
  if (unitIds.length === 0 || isSqlite(manager)) return;
  const ids = [...new Set(unitIds)].sort((a, b) => a - b);
  await manager.query(`SELECT id FROM units WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id FOR UPDATE`, ids);
}

/** What one write changes: dossier rows, what they contribute to the rollups, and whose units. */
class DossierChanges {
  /** Whole rows to upsert, by `unitId\u0000code`: a code sent twice keeps its last version. */
  readonly rows = new Map<string, Partial<Dossier>>();
  /** Some columns of stored rows, by id. */
  readonly updates: { id: number; values: Partial<Dossier> }[] = [];
  readonly rollups = new RollupDelta();
  readonly units = new Set<number>();
  readonly steps: EventBatchItem[] = [];
  /** Dossiers whose record-listed steps are replaced by `steps` (see PreparedBatch.roundsListed). */
  readonly replacedRounds: { unitId: number; dossierCode: string }[] = [];
  /** What writing `steps` did, once stored. */
  stepCounts: EventCounts | null = null;
  /** The rollup facts of the rows written (by `unitId\u0000code`), and which of them are new. */
  readonly facts = new Map<string, RollupFacts>();
  readonly created = new Set<string>();

  /** A dossier of `unitId` now contributes `after` to the rollups instead of `before` (null: new). */
  contribution(unitId: number, before: RollupFacts | null, after: RollupFacts): void {
    if (before) this.rollups.remove(unitId, before);
    this.rollups.add(unitId, after);
    this.units.add(unitId);
  }
}

/**
 * The one write sequence of dossiers, for ingest (the JSON API, the DVCQG envelope, file and
 * command-line imports) and deadline moves alike: lock the units → read what is stored → diff →
 * write the rows → add the rollup delta → bump the units' data version, in one transaction, so
 * the rollups and the caches that follow the version never see half a write.
 */
@Injectable()
export class DossierWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
  ) {}

  /** A checked batch: compares each record with what is stored and writes the difference. */
  async writeRecords(batch: PreparedBatch): Promise<IngestResult> {
    const { now, result, accepted } = batch;
    if (accepted.length === 0) return result;
    const unitIds = accepted.map(({ unit }) => unit.id);
    let written: DossierChanges | null = null;
    // A deadlock victim (two writers of the same steps, or of the same units on a cluster) writes
    // again from the start: the counts go back to where they were before the attempt.
    const start = { created: result.created, updated: result.updated, unchanged: result.unchanged, stale: result.stale };
    await retryOnDeadlock(() => (Object.assign(result, start), this.write(unitIds, now, batch.dryRun, async (manager, changes) => {
      written = changes;
      const stored = await loadStoredStates(manager, accepted);
      // The records that were not stale: only theirs are the dossier's steps now.
      const live = new Set<number>();
      // In request order, so a code sent twice in one batch behaves as two requests would.
      for (const { index, record, unit } of accepted) {
        const key = `${unit.id}\u0000${record.code}`;
        const previous = stored.get(key);
        if (previous && isOlder(record.sourceUpdatedAt, previous.sourceUpdatedAt)) {
          result.stale++;
          continue;
        }
        live.add(index);
        if (previous && previous.contentHash === record.contentHash) {
          result.unchanged++;
          continue;
        }
        if (previous) result.updated++;
        else result.created++;
        const row = toRow(record, unit.id, previous, now);
        changes.rows.set(key, row);
        // The record does not carry its rounds: the stored summary of its steps stays with it.
        const facts = { ...factsOf(row), supplement: previous?.facts.supplement ?? NO_SUPPLEMENT };
        changes.contribution(unit.id, previous?.facts ?? null, facts);
        changes.facts.set(key, facts);
        if (!previous) changes.created.add(key);
        stored.set(key, { exists: true, contentHash: row.contentHash!, sourceUpdatedAt: row.sourceUpdatedAt!, status: row.status!, withdrawnAt: row.withdrawnAt!, facts });
      }
      const unitOf = new Map(accepted.filter(({ index }) => live.has(index)).map(({ index, unit, record }) => [index, { unitId: unit.id, code: record.code }]));
      // A dossier sent twice in one batch: the rounds of its last live record that lists them, only.
      const lister = new Map<string, number>();
      for (const index of batch.roundsListed ?? []) {
        const dossier = unitOf.get(index);
        if (dossier !== undefined) lister.set(`${dossier.unitId}\u0000${dossier.code}`, Math.max(index, lister.get(`${dossier.unitId}\u0000${dossier.code}`) ?? -1));
      }
      for (const { forIndex, step } of batch.steps ?? []) {
        const dossier = unitOf.get(forIndex);
        if (dossier !== undefined && lister.get(`${dossier.unitId}\u0000${dossier.code}`) === forIndex) changes.steps.push({ unitId: dossier.unitId, ...step });
      }
      for (const index of new Set(lister.values())) {
        const dossier = unitOf.get(index)!;
        changes.replacedRounds.push({ unitId: dossier.unitId, dossierCode: dossier.code });
      }
    })));
    const steps = (written as DossierChanges | null)?.stepCounts;
    if (steps) batch.stepCounts = steps;
    return result;
  }

  /**
   * Moves computed deadlines to where `dueAtOf` puts them (null: stays), and the timeliness of
   * settled dossiers with them. The dossiers are read again under the units' locks, as they are
   * now (an import may have changed them since the caller chose them): the rollups move by
   * exactly what the stored rows change. Returns how many deadlines moved.
   */
  async moveDeadlines(ids: number[], unitIds: number[], dueAtOf: (id: number, unitId: number, receivedAt: Date) => Date | null, now: Date): Promise<number> {
    // Beside an import of the same units (on this instance or another node) it may lose a conflict: it runs again.
    return retryOnDeadlock(() => this.write(unitIds, now, false, async (manager, changes) => {
      const current: Record<string, unknown>[] = await manager.query(
        `SELECT id, unitId, receivedAt, resolvedAt, dueAtComputed, ${FACT_COLUMNS.join(', ')} FROM dossiers WHERE id IN (${ids.map(() => '?').join(', ')})`,
        ids,
      );
      let moved = 0;
      for (const row of current) {
        const unitId = Number(row.unitId);
        if (!Number(row.dueAtComputed)) continue;
        const before = factsOf(row);
        const dueAt = dueAtOf(Number(row.id), unitId, instantOf(row.receivedAt as Date | string)!);
        if (dueAt === null || dueAt.getTime() === before.dueAt.getTime()) continue;
        const resolvedAt = instantOf(row.resolvedAt as Date | string | null);
        const timeliness = isSettled(before.status) && resolvedAt ? classifySettled(resolvedAt, dueAt) : null;
        changes.updates.push({ id: Number(row.id), values: { dueAt, dueOn: localDateOf(dueAt), timeliness, updatedAt: now } });
        changes.contribution(unitId, before, { ...before, dueAt, timeliness });
        moved++;
      }
      return moved;
    }));
  }

  /**
   * Runs `diff` under the units' locks, then stores what it changed. A dry run reads what is
   * stored (to tell created from updated, say), takes no lock and writes nothing.
   */
  private async write<T>(unitIds: number[], now: Date, dryRun: boolean, diff: (manager: EntityManager, changes: DossierChanges) => Promise<T>): Promise<T> {
    const run = async (manager: EntityManager) => {
      // First, so that a writer of the same units on another instance goes before or after us.
      if (!dryRun) await lockUnits(manager, unitIds);
      const changes = new DossierChanges();
      const outcome = await diff(manager, changes);
      if (!dryRun) await this.store(manager, changes, now);
      return outcome;
    };
    return dryRun ? run(this.dataSource.manager) : this.dataSource.transaction(run);
  }

  /**
   * Steps sent on their own (DVCQG progress rows): under the units' locks, since a step that
   * opens or closes a supplement round moves its dossier's 2.1 figures with it.
   */
  async writeSteps(items: EventBatchItem[], now: Date): Promise<EventCounts> {
    if (items.length === 0) return { created: 0, updated: 0, unchanged: 0 };
    // Two senders of one dossier's steps may deadlock on the unique key: the victim writes again.
    return retryOnDeadlock(async () => {
      let written: DossierChanges | null = null;
      await this.write(items.map((item) => item.unitId), now, false, async (_manager, changes) => {
        written = changes;
        changes.steps.push(...items);
      });
      return (written as DossierChanges | null)?.stepCounts ?? { created: 0, updated: 0, unchanged: 0 };
    });
  }

  private async store(manager: EntityManager, changes: DossierChanges, now: Date): Promise<void> {
    await upsertRows(manager, 'dossiers', WRITTEN, ['unitId', 'code'], OVERWRITTEN, [...changes.rows.values()] as Record<string, unknown>[]);
    for (const { id, values } of changes.updates) await manager.update(Dossier, id, values);
    if (changes.steps.length > 0 || changes.replacedRounds.length > 0) changes.stepCounts = await writeSteps(manager, changes.steps, now, changes.replacedRounds);
    // New dossiers may have steps that came before them; others' summaries change only with their steps.
    const touched = [
      ...[...changes.created].map((key) => ({ unitId: changes.rows.get(key)!.unitId!, dossierCode: changes.rows.get(key)!.code! })),
      ...changes.steps.map(({ unitId, dossierCode }) => ({ unitId, dossierCode })),
      ...changes.replacedRounds,
    ];
    for (const unitId of await refreshSupplements(manager, touched, changes.rollups, changes.facts)) changes.units.add(unitId);
    await applyRollupDelta(manager, changes.rollups);
    await this.units.bumpDataVersion(manager, [...changes.units], now);
  }
}
