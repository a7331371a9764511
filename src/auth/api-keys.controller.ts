import { Body, Controller, Delete, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiKeyGuard, AuthenticatedRequest } from './api-key.guard';
import { IdParam } from '../common/query-params';
import { ApiKeysService } from './api-keys.service';
import { AuditService, keyActor } from './audit.service';
import { ApiKeysApi } from './api-keys.api';
import { CreateApiKeyDto } from './api-keys.dto';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api/v1/api-keys')
@UseGuards(ApiKeyGuard)
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly audit: AuditService,
  ) {}

  @Post()
  @AdminOnly()
  @HttpCode(201)
  @ApiKeysApi.create()
  async create(@Body() dto: CreateApiKeyDto, @Req() request: AuthenticatedRequest) {
    const { key, record, unit } = await this.keys.create({ name: dto.name, role: dto.role ?? 'unit', unitCode: dto.unitCode });
    await this.audit.record(keyActor(request.caller), 'api-key-created', `${record.name} (${record.prefix}…, ${record.role}${unit ? ` ${unit.code}` : ''})`, unit?.id ?? null);
    return {
      id: record.id,
      name: record.name,
      role: record.role,
      unitCode: unit?.code ?? null,
      key,
      notice: 'Store this key now: it is shown only once.',
    };
  }

  /** Every key (never the key itself): name, first characters, role, unit, created, revoked. */
  @Get()
  @AdminOnly()
  @ApiKeysApi.list()
  async list() {
    return { apiKeys: await this.keys.list(null) };
  }

  /** Revokes a key: from now on it gets 401. Revoking a revoked key changes nothing. */
  @Delete(':id')
  @AdminOnly()
  @HttpCode(204)
  @ApiKeysApi.revoke()
  async revoke(@IdParam() id: number, @Req() request: AuthenticatedRequest): Promise<void> {
    await this.keys.revoke(id, request.caller);
    await this.audit.record(keyActor(request.caller), 'api-key-revoked', `key ${id}`);
  }
}
