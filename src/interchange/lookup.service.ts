import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { onReadReplica } from '../database/sql';
import { DossierEvent } from '../dossiers/dossier-event.entity';
import { Dossier } from '../dossiers/dossier.entity';
import { Unit } from '../units/unit.entity';
import { LookupAnswer, timelinessOf } from './lookup-answer';
import { parseDossierCode } from './dossier-code';
import { lookupCodeOf } from './lookup-code';

/** Steps shown at most, the earliest first: a dossier has a few dozen; a stream that repeats itself no more. */
export const MAX_STEPS = 200;

/** Only what the answer shows: no content hash, no figures' facts. */
const DOSSIER_COLUMNS = [
  'd.id', 'd.unitId', 'd.code', 'd.procedureCode', 'd.procedureName', 'd.field', 'd.channel', 'd.status',
  'd.receivedAt', 'd.dueAt', 'd.extendedDueAt', 'd.resolvedAt', 'd.returnedAt', 'd.timeliness',
];

/**
 * The citizen lookup (README "Citizen lookup"): a dossier from its code alone, for the public
 * page, the JSON route and the DVCQG `TraCuuHoSo` service. Read-only, so it reads from a replica
 * when there is one. Null means "not found" whatever the reason: the callers answer it one way.
 */
@Injectable()
export class LookupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async lookup(raw: string): Promise<LookupAnswer | null> {
    const code = lookupCodeOf(raw);
    if (code === null) return null;
    return onReadReplica(this.dataSource, async (manager) => {
      const dossier = await this.pick(manager, code);
      if (dossier === null) return null;
      const unit = await manager.findOne(Unit, { select: { id: true, code: true, name: true }, where: { id: dossier.unitId } });
      if (unit === null) return null;
      const steps = await manager.find(DossierEvent, {
        // Never `content` (free text that may carry names): it is not even read.
        select: { id: true, statusCode: true, at: true, department: true, stepDueAt: true },
        where: { unitId: dossier.unitId, dossierCode: dossier.code },
        order: { at: 'ASC', id: 'ASC' },
        take: MAX_STEPS,
      });
      const judgedAt = this.clock.now();
      return {
        code: dossier.code,
        procedure: { code: dossier.procedureCode, name: dossier.procedureName },
        field: dossier.field,
        unit: { code: unit.code, name: unit.name },
        status: dossier.status,
        channel: dossier.channel,
        receivedAt: dossier.receivedAt,
        dueAt: dossier.dueAt,
        extendedDueAt: dossier.extendedDueAt,
        resolvedAt: dossier.resolvedAt,
        returnedAt: dossier.returnedAt,
        timeliness: timelinessOf(dossier, judgedAt),
        steps: steps.map((step) => ({ statusCode: step.statusCode, at: step.at, department: step.department, stepDueAt: step.stepDueAt })),
        judgedAt,
      };
    });
  }

  /**
   * Which dossier a code means, when units' own codes repeat (README "Citizen lookup"): a code of
   * the national form names its agency, and when a unit has that agency code only its dossier is
   * the one meant (another unit storing a dossier under that code cannot stand in for it, before
   * or after it arrives); otherwise (no unit has that agency code, or a unit's own code) the one
   * received last. The code as typed comes before its
   * upper-case form, which is tried too: codes are printed in capitals and typed on phones.
   */
  private async pick(manager: EntityManager, code: string): Promise<Dossier | null> {
    const codes = [...new Set([code, code.toUpperCase()])];
    const candidates = () =>
      manager
        .createQueryBuilder(Dossier, 'd')
        .select(DOSSIER_COLUMNS)
        .where('d.code IN (:...codes)', { codes, typed: code })
        .orderBy('CASE WHEN d.code = :typed THEN 0 ELSE 1 END', 'ASC')
        .addOrderBy('d.receivedAt', 'DESC')
        .addOrderBy('d.id', 'DESC')
        .limit(1);
    const agency = parseDossierCode(code)?.agency ?? null;
    if (agency !== null) {
      const own = await candidates().innerJoin(Unit, 'u', 'u.id = d.unitId AND u.agencyCode = :agency', { agency }).getOne();
      if (own !== null) return own;
      if ((await manager.count(Unit, { where: { agencyCode: agency } })) > 0) return null;
    }
    return candidates().getOne();
  }
}
