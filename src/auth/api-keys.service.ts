import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { In, IsNull, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { textProblem } from '../common/text';
import { EnvironmentVariables } from '../config/configuration';
import { Unit } from '../units/unit.entity';
import { UnitsService, isWithin } from '../units/units.service';
import { ApiKey, ApiKeyRole } from './api-key.entity';
import { DomainError } from '../common/domain-error';
import { phrase, textPhrase } from '../i18n/refusal-words';

/** The caller behind a request's key: admin, or a unit and everything below it. */
export interface Caller {
  keyId: number;
  role: ApiKeyRole;
  unit: Unit | null;
}

/** A key as a list shows it: never the key or its hash. */
export interface ApiKeyView {
  id: number;
  name: string;
  prefix: string;
  role: ApiKeyRole;
  unitCode: string | null;
  unitName: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/**
 * Keys are 32 random bytes, so a plain SHA-256 is enough to store them safely (a slow password
 * hash protects low-entropy secrets; these are not), and it lets a key be found by its hash.
 */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

@Injectable()
export class ApiKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    private readonly units: UnitsService,
    private readonly config: ConfigService<EnvironmentVariables, true>,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const bootstrapKey = this.config.get('BOOTSTRAP_ADMIN_KEY', { infer: true });
    if (bootstrapKey) await this.ensureAdminKey(bootstrapKey, 'bootstrap admin key (BOOTSTRAP_ADMIN_KEY)');
  }

  /** Makes sure an admin key with exactly this value exists (and is not revoked). */
  async ensureAdminKey(key: string, name: string): Promise<void> {
    const keyHash = hashKey(key);
    const existing = await this.keys.findOneBy({ keyHash });
    if (existing && existing.role === 'admin' && existing.revokedAt === null) return;
    if (existing) {
      await this.keys.update(existing.id, { role: 'admin', unitId: null, revokedAt: null });
    } else {
      await this.keys.insert({ name, keyHash, prefix: key.slice(0, 8), role: 'admin', unitId: null, createdAt: this.clock.now() });
    }
    this.logger.log(`admin key "${name}" is in place`);
  }

  /**
   * Creates a key and returns it in clear: the only time it is ever shown. With `caller` (the
   * console's managers) only a unit key for a unit in the caller's subtree, unless it is admin.
   */
  async create(input: { name: string; role: ApiKeyRole; unitCode?: string }, caller?: Caller): Promise<{ key: string; record: ApiKey; unit: Unit | null }> {
    // The API and the console both come here: a name is stored only when it is valid text.
    const nameProblem = typeof input.name === 'string' ? textProblem(input.name) : null;
    if (nameProblem) throw new DomainError('invalid', `name: ${nameProblem}`, {}, { message: textPhrase('keyName', input.name as string) });
    const unit = input.role === 'unit' ? await this.units.getByCode(input.unitCode ?? '') : null;
    if (caller && caller.role !== 'admin') {
      if (!unit) throw new DomainError('forbidden', 'only an administrator may create an admin key', {}, { message: phrase('errors.apiKeys.adminKeyAdminsOnly') });
      if (!caller.unit || !isWithin(unit, caller.unit)) throw new DomainError('forbidden', `this account may not create keys for "${unit.code}"`, {}, { message: phrase('errors.apiKeys.mayNotCreateFor', { unit: `"${unit.code}"` }) });
    }
    const key = `tthc_${randomBytes(32).toString('base64url')}`;
    const record = await this.keys.save(
      this.keys.create({
        name: input.name,
        keyHash: hashKey(key),
        prefix: key.slice(0, 12),
        role: input.role,
        unitId: unit?.id ?? null,
        createdAt: this.clock.now(),
        revokedAt: null,
      }),
    );
    return { key, record, unit };
  }

  /** Every key, newest first; `unitIds` limits it to the unit keys of a subtree (null: all, for admins). */
  async list(unitIds: number[] | null): Promise<ApiKeyView[]> {
    if (unitIds && unitIds.length === 0) return [];
    const records = await this.keys.find({ where: unitIds ? { unitId: In(unitIds) } : {}, order: { createdAt: 'DESC', id: 'DESC' } });
    const ids = [...new Set(records.map((record) => record.unitId).filter((id): id is number => id !== null))];
    const units = ids.length > 0 ? await this.keys.manager.getRepository(Unit).findBy({ id: In(ids) }) : [];
    const byId = new Map(units.map((unit) => [unit.id, unit]));
    return records.map((record) => toView(record, record.unitId === null ? null : byId.get(record.unitId) ?? null));
  }

  /**
   * Revokes a key at once (its next request gets 401). An admin may revoke any key; a unit
   * caller only the keys of its subtree — any other key is "not found", its existence untold.
   */
  async revoke(id: number, caller: Caller): Promise<ApiKeyView> {
    const record = Number.isInteger(id) ? await this.keys.findOneBy({ id }) : null;
    const unit = record?.unitId != null ? await this.units.findById(record.unitId) : null;
    const allowed = record !== null && (caller.role === 'admin' || (unit !== null && caller.unit !== null && isWithin(unit, caller.unit)));
    if (!record || !allowed) throw new DomainError('not-found', `API key ${id} does not exist`, {}, { message: phrase('errors.apiKeys.notFound', { id }) });
    if (record.revokedAt === null) {
      record.revokedAt = this.clock.now();
      await this.keys.update(record.id, { revokedAt: record.revokedAt });
    }
    return toView(record, unit);
  }

  /** A key given with its name, as a sender's login gives them: the caller only when both match. */
  async authenticateNamed(name: string, key: string): Promise<Caller | null> {
    const record = await this.keys.findOneBy({ keyHash: hashKey(key), revokedAt: IsNull() });
    if (!record || record.name !== name) return null;
    return this.authenticate(key);
  }

  async authenticate(key: string): Promise<Caller | null> {
    const record = await this.keys.findOneBy({ keyHash: hashKey(key), revokedAt: IsNull() });
    if (!record) return null;
    const unit = record.unitId === null ? null : await this.units.findById(record.unitId);
    if (record.role === 'unit' && !unit) return null;
    return { keyId: record.id, role: record.role, unit };
  }
}

function toView(record: ApiKey, unit: Unit | null): ApiKeyView {
  return {
    id: record.id,
    name: record.name,
    prefix: record.prefix,
    role: record.role,
    unitCode: unit?.code ?? null,
    unitName: unit?.name ?? null,
    createdAt: record.createdAt.toISOString(),
    revokedAt: record.revokedAt ? record.revokedAt.toISOString() : null,
  };
}
