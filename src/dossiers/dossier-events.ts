import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { instantOf, isSqlite, sqlValue, upsertRows } from '../database/sql';
import { DossierEvent, EventOrigin } from './dossier-event.entity';

/** A step as it arrives, before it is stored. */
export interface EventInput {
  statusCode: number;
  at: Date;
  startedAt: Date | null;
  stepDueAt: Date | null;
  /** On a record's completion step: the due date its round moved the dossier to (NgayHenTraMoi). */
  roundDueAt?: Date | null;
  content: string | null;
  department: string | null;
  origin: EventOrigin;
}

export interface EventBatchItem {
  unitId: number;
  dossierCode: string;
  event: EventInput;
}

export interface EventCounts {
  created: number;
  updated: number;
  unchanged: number;
}

const COLUMNS = ['unitId', 'dossierCode', 'statusCode', 'at', 'startedAt', 'stepDueAt', 'roundDueAt', 'content', 'department', 'origin', 'createdAt', 'updatedAt'];
const OVERWRITTEN = ['startedAt', 'stepDueAt', 'roundDueAt', 'content', 'department', 'origin', 'updatedAt'];
const READ_CHUNK = 500;

/**
 * Stores the steps with `manager` (the caller's transaction: the dossier writer writes a batch's
 * dossiers and their steps together); a step already stored as sent is `unchanged`.
 */
export async function writeSteps(
  manager: EntityManager,
  items: EventBatchItem[],
  now: Date,
  /** Dossiers whose steps from a record's list are replaced by the record-listed ones among `items`. */
  replacedRounds: readonly { unitId: number; dossierCode: string }[] = [],
): Promise<EventCounts> {
  const counts: EventCounts = { created: 0, updated: 0, unchanged: 0 };
  if (items.length === 0 && replacedRounds.length === 0) return counts;
  const stored = await storedSteps(manager, [...items, ...replacedRounds]);
  await dropUnlistedRounds(manager, stored, items, replacedRounds);
  const rows = new Map<string, Record<string, unknown>>();
  const created = new Set<string>();
  for (const { unitId, dossierCode, event } of items) {
    const key = keyOf(unitId, dossierCode, event.at, event.statusCode);
    const before = stored.get(key);
    // The due a record's round moved to is the record's to say (null: not moved); a progress row
    // for the same step keeps what the record said.
    const roundDueAt = event.origin === 'record' ? (event.roundDueAt ?? null) : (before?.roundDueAt ?? null);
    // A supplement round a record lists is the same step as the progress row the system sent for
    // it: the row, which has the department and the text, stays, with the round's due.
    if (before && before.origin === 'progress' && event.origin === 'record') {
      counts.unchanged++;
      if (sameInstant(before.roundDueAt ?? null, roundDueAt)) continue;
      const { id, ...details } = before;
      rows.set(key, { unitId, dossierCode, ...details, roundDueAt, createdAt: now, updatedAt: now });
      stored.set(key, { ...before, id, roundDueAt });
      continue;
    }
    if (before && sameStep(before, event) && sameInstant(before.roundDueAt ?? null, roundDueAt)) {
      counts.unchanged++;
      continue;
    }
    // A step sent twice in one batch is one step: created once, its later copy (last wins) no update of it.
    if (created.has(key)) counts.unchanged++;
    else if (before) counts.updated++;
    else (counts.created++, created.add(key));
    rows.set(key, { unitId, dossierCode, ...event, roundDueAt, createdAt: now, updatedAt: now });
    stored.set(key, { ...event, roundDueAt, id: before?.id ?? 0 });
  }
  // In key order, so two writers of overlapping steps take the index's locks in the same order.
  const ordered = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  await upsertRows(manager, 'dossier_events', COLUMNS, ['unitId', 'dossierCode', 'at', 'statusCode'], OVERWRITTEN, ordered);
  return counts;
}

const keyOf = (unitId: number, code: string, at: Date, statusCode: number) => `${unitId}\u0000${code}\u0000${at.getTime()}\u0000${statusCode}`;
/** Two optional instants are the same moment (or both absent). */
export const sameInstant = (a: Date | null, b: Date | null) => (a === null ? b === null : b !== null && a.getTime() === b.getTime());

/**
 * The steps of dossiers (docs/figures.md §10): one row per (unit, dossier code, moment, status),
 * so the same progress row sent twice is one step, and a step re-sent with other details
 * replaces its details. A progress row never records its dossier's figures: those follow the
 * dossier's record; the steps tell how it got there (supplement rounds, for the 766 index).
 */
@Injectable()
export class DossierEventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A dossier's steps in the order they were taken. */
  async of(unitId: number, dossierCode: string, manager: EntityManager = this.dataSource.manager): Promise<DossierEvent[]> {
    return manager.getRepository(DossierEvent).find({ where: { unitId, dossierCode }, order: { at: 'ASC', id: 'ASC' } });
  }
}

function sameStep(a: EventInput, b: EventInput): boolean {
  return sameInstant(a.startedAt, b.startedAt) && sameInstant(a.stepDueAt, b.stepDueAt) && a.content === b.content && a.department === b.department && a.origin === b.origin;
}

/**
 * A record that lists its supplement rounds says all of them: the steps an earlier version of it
 * listed and this one no longer does (a corrected date, an emptied list) are taken back. Progress
 * rows stay: they are the system's own account of each step.
 */
async function dropUnlistedRounds(
  manager: EntityManager,
  stored: Map<string, StoredStep>,
  items: EventBatchItem[],
  replacedRounds: readonly { unitId: number; dossierCode: string }[],
): Promise<void> {
  if (replacedRounds.length === 0) return;
  const replaced = new Set(replacedRounds.map(({ unitId, dossierCode }) => `${unitId}\u0000${dossierCode}\u0000`));
  const listed = new Set(items.map(({ unitId, dossierCode, event }) => keyOf(unitId, dossierCode, event.at, event.statusCode)));
  const ids: number[] = [];
  // A progress row the record's round had moved the due for: the row stays, the round's due goes.
  const cleared: number[] = [];
  for (const [key, step] of stored) {
    const dossier = key.slice(0, key.indexOf('\u0000', key.indexOf('\u0000') + 1) + 1);
    if (!replaced.has(dossier) || listed.has(key)) continue;
    if (step.origin === 'record') {
      ids.push(step.id);
      stored.delete(key);
    } else if (step.roundDueAt != null) {
      cleared.push(step.id);
      stored.set(key, { ...step, roundDueAt: null });
    }
  }
  for (let start = 0; start < cleared.length; start += READ_CHUNK) {
    const chunk = cleared.slice(start, start + READ_CHUNK);
    await manager.query(`UPDATE dossier_events SET roundDueAt = NULL WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
  }
  for (let start = 0; start < ids.length; start += READ_CHUNK) {
    const chunk = ids.slice(start, start + READ_CHUNK);
    await manager.query(`DELETE FROM dossier_events WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
  }
}

type StoredStep = EventInput & { id: number };

async function storedSteps(manager: EntityManager, items: readonly { unitId: number; dossierCode: string }[]): Promise<Map<string, StoredStep>> {
  const sqlite = isSqlite(manager);
  const pairs = [...new Map(items.map(({ unitId, dossierCode }) => [`${unitId}\u0000${dossierCode}`, [unitId, dossierCode] as const])).values()];
  const stored = new Map<string, StoredStep>();
  for (let start = 0; start < pairs.length; start += READ_CHUNK) {
    const chunk = pairs.slice(start, start + READ_CHUNK);
    const where = chunk.map(() => '(unitId = ? AND dossierCode = ?)').join(' OR ');
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT id, unitId, dossierCode, statusCode, at, startedAt, stepDueAt, roundDueAt, content, department, origin FROM dossier_events WHERE ${where}`,
      chunk.flatMap(([unitId, code]) => [unitId, sqlValue(code, sqlite)]),
    );
    for (const row of rows) {
      const at = instantOf(row.at as Date | string)!;
      stored.set(keyOf(Number(row.unitId), String(row.dossierCode), at, Number(row.statusCode)), {
        id: Number(row.id),
        statusCode: Number(row.statusCode),
        at,
        startedAt: instantOf(row.startedAt as Date | string | null),
        stepDueAt: instantOf(row.stepDueAt as Date | string | null),
        roundDueAt: instantOf(row.roundDueAt as Date | string | null),
        content: (row.content as string | null) ?? null,
        department: (row.department as string | null) ?? null,
        origin: row.origin as EventOrigin,
      });
    }
  }
  return stored;
}
