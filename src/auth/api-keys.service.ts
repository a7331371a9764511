import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { EnvironmentVariables } from '../config/configuration';
import { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { ApiKey, ApiKeyRole } from './api-key.entity';

/** The caller behind a request's key: admin, or a unit and everything below it. */
export interface Caller {
  keyId: number;
  role: ApiKeyRole;
  unit: Unit | null;
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

  /** Creates a key and returns it in clear: the only time it is ever shown. */
  async create(input: { name: string; role: ApiKeyRole; unitCode?: string }): Promise<{ key: string; record: ApiKey; unit: Unit | null }> {
    const unit = input.role === 'unit' ? await this.units.getByCode(input.unitCode ?? '') : null;
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

  async authenticate(key: string): Promise<Caller | null> {
    const record = await this.keys.findOneBy({ keyHash: hashKey(key), revokedAt: IsNull() });
    if (!record) return null;
    const unit = record.unitId === null ? null : await this.units.findById(record.unitId);
    if (record.role === 'unit' && !unit) return null;
    return { keyId: record.id, role: record.role, unit };
  }
}
