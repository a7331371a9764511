import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DataSource, In } from 'typeorm';
import { Locale } from '../common/locale';
import { addLocalDays, formatLocalDate } from '../common/local-time';
import { Dossier } from '../dossiers/dossier.entity';
import { ReportSubscription } from '../reports/report.entities';
import { lookup, t } from '../i18n/i18n';
import { OfficialListAct, placeOfChange } from '../units/official-list';
import { canonicalChange } from '../units/reorganization-changes';
import { ReorganizationPlan } from '../units/reorganization-plan';
import { Unit } from '../units/unit.entity';
import { UnitView } from '../units/units.dto';

/**
 * The national list of 2025 (some 3,400 rows) is well under 1 MB; the confirming form carries
 * the file back gzipped in one field, which stays far inside the form's 1 MB body.
 */
export const MAX_LIST_BYTES = 5 * 1024 * 1024;

/** The packed file the confirming form may carry: the form's body is at most 1 MB (setup-app.ts). */
export const MAX_PACKED_CHARACTERS = 900_000;

/** The file's text: UTF-8, with or without its BOM; null when it is not UTF-8. */
export function decodeList(content: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return null;
  }
}

/** The file as the confirming form's hidden field carries it. */
export function packList(content: Buffer): string {
  return gzipSync(content).toString('base64');
}

/** The file back from the form; null for a field that is not one packList wrote (or unpacks past the bound). */
export function unpackList(field: string): Buffer | null {
  if (field === '' || !/^[A-Za-z0-9+/]+=*$/.test(field)) return null;
  try {
    return gunzipSync(Buffer.from(field, 'base64'), { maxOutputLength: MAX_LIST_BYTES });
  } catch {
    return null;
  }
}

/** What the preview showed: the act's day, reference and changes, read the same way. */
export function actFingerprint(act: OfficialListAct): string {
  const canonical = JSON.stringify({ effectiveOn: act.effectiveOn, reference: act.reference, changes: act.changes.map(canonicalChange) });
  return createHash('sha256').update(canonical).digest('hex');
}

/** The service's refusal lines, each said where the list has it (its CSV lines, or the unit an abolished level retires). */
export function actRefusalLines(act: OfficialListAct, lines: string[], lang: Locale): string[] {
  return lines.map((line) => {
    const place = placeOfChange(act, line);
    if (place.lines.length > 0) return `${t(lang, 'work.officialListAtLines', { lines: place.lines.join(', ') })}: ${place.text}`;
    if (place.retired) return `${t(lang, 'work.officialListAbolished', { code: place.retired })}: ${place.text}`;
    return place.text;
  });
}

/**
 * Rows of `entity` (dossiers, report subscriptions) of each unit, by unit code (a unit with none
 * is absent): one count query by unitId.
 */
export async function countsByUnit(dataSource: DataSource, entity: typeof Dossier | typeof ReportSubscription, codes: string[]): Promise<Map<string, number>> {
  const wanted = new Set(codes);
  const units = (await dataSource.getRepository(Unit).find({ select: { id: true, code: true } })).filter((unit) => wanted.has(unit.code));
  const codeOf = new Map(units.map((unit) => [unit.id, unit.code]));
  const unitIds = units.map((unit) => unit.id);
  const counts = new Map<string, number>();
  for (let start = 0; start < unitIds.length; start += 500) {
    const rows: { unitId: number; rows: string | number }[] = await dataSource
      .getRepository<{ unitId: number }>(entity)
      .createQueryBuilder('row')
      .select('row.unitId', 'unitId')
      .addSelect('COUNT(*)', 'rows')
      .where({ unitId: In(unitIds.slice(start, start + 500)) })
      .groupBy('row.unitId')
      .getRawMany();
    for (const row of rows) counts.set(codeOf.get(Number(row.unitId))!, Number(row.rows));
  }
  return counts;
}

/** The preview's tables: units created, merged, split, moved, renamed and retired (with their dossiers and report subscriptions). */
export function previewOf(act: OfficialListAct, plan: ReorganizationPlan, stored: UnitView[], counts: { dossiers: Map<string, number>; subscriptions: Map<string, number> }, lang: Locale) {
  const byCode = new Map(stored.map((unit) => [unit.code, unit]));
  const created = new Map(act.changes.flatMap((change) => (change.op === 'create' ? [[change.code, change.name] as const] : [])));
  const nameOf = (code: string | null) => (code === null ? '—' : `${byCode.get(code)?.name ?? created.get(code) ?? code} (${code})`);
  const at = (index: number) => act.lines[index].join(', ');
  const changes = act.changes.map((change, index) => ({ change, line: at(index) }));
  return {
    created: changes.flatMap(({ change, line }) => (change.op === 'create' ? [{ line, code: change.code, name: change.name, level: lookup(lang, `work.level_${change.level}`) ?? change.level, parent: nameOf(change.parentCode) }] : [])),
    merged: changes.flatMap(({ change, line }) => (change.op === 'merge' ? [{ line, into: nameOf(change.into), from: change.from.map(nameOf).join(', ') }] : [])),
    split: changes.flatMap(({ change, line }) => (change.op === 'split' ? [{ line, from: nameOf(change.from), into: change.into.map(nameOf).join(', '), historyTo: nameOf(change.historyTo) }] : [])),
    moved: changes.flatMap(({ change, line }) => (change.op === 'move' ? [{ line, unit: nameOf(change.code), from: nameOf(byCode.get(change.code)?.parentCode ?? null), to: nameOf(change.parentCode) }] : [])),
    renamed: changes.flatMap(({ change, line }) => (change.op === 'rename' ? [{ line, code: change.code, from: byCode.get(change.code)?.name ?? '', to: change.name }] : [])),
    retired: plan.retires.map((code) => {
      const unit = byCode.get(code);
      return { code, name: unit?.name ?? code, level: unit ? lookup(lang, `work.level_${unit.level}`) ?? unit.level : '', dossiers: counts.dossiers.get(code) ?? 0, subscriptions: counts.subscriptions.get(code) ?? 0 };
    }),
    lastDay: formatLocalDate(addLocalDays(act.effectiveOn, -1)),
  };
}
