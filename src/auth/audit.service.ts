import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditTrail } from '../common/audit-trail';
import { Clock } from '../common/clock';
import { cutText } from '../common/text';
import { AuditEntry } from './staff.entities';

/** Writes and reads the audit log: imports, calendar changes, keys, accounts, subscriptions. */
@Injectable()
export class AuditService implements AuditTrail {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(actor: string, action: string, details: string, unitId: number | null = null): Promise<void> {
    // Provided by the global AuthModule: API calls, the console and the command line all write here.
    await this.dataSource.getRepository(AuditEntry).insert({ at: this.clock.now(), actor: cutText(actor, 300), action: cutText(action, 60), details: cutText(details, 1000), unitId });
  }

  /** Newest first; `unitIds` limits it to a subtree (null: everything, for admins). */
  async list(unitIds: number[] | null, limit = 200): Promise<AuditEntry[]> {
    const query = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a').orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC').take(limit);
    if (unitIds) query.where('a.unitId IN (:...unitIds)', { unitIds: unitIds.length > 0 ? unitIds : [-1] });
    return query.getMany();
  }
}

export { keyActor } from '../common/audit-trail';
