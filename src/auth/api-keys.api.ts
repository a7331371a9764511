import { applyDecorators } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { JsonBody, PathParam } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { ApiKeyRole } from './api-key.entity';
import { API_KEY_ROLES, CreateApiKeyDto } from './api-keys.dto';
import { ApiKeyView } from './api-keys.service';

/** The answers of /api/v1/api-keys, for the OpenAPI document (checked against real answers by the e2e suites). */

export class CreatedApiKeyBody {
  @ApiProperty({ type: 'integer', example: 7 })
  id: number;

  @ApiProperty({ example: 'Một cửa Tỉnh Hải Hưng' })
  name: string;

  @ApiProperty({ enum: API_KEY_ROLES, example: 'unit' })
  role: ApiKeyRole;

  @ApiProperty({ type: String, nullable: true, example: 'tinh-hai-hung', description: 'null for an admin key.' })
  unitCode: string | null;

  @ApiProperty({ example: 'tthc_kEUG1r8rBsTr9NgAPexcDrM68TbrQ1agTdLNCreZOuY', description: 'The key itself: shown only in this answer.' })
  key: string;

  @ApiProperty({ example: 'Store this key now: it is shown only once.' })
  notice: string;
}

export class ApiKeyBody implements ApiKeyView {
  @ApiProperty({ type: 'integer', example: 7 })
  id: number;

  @ApiProperty({ example: 'Một cửa Tỉnh Hải Hưng' })
  name: string;

  @ApiProperty({ example: 'tthc_kEUG1r8', description: 'The key’s first characters, to tell keys apart.' })
  prefix: string;

  @ApiProperty({ enum: API_KEY_ROLES, example: 'unit' })
  role: ApiKeyRole;

  @ApiProperty({ type: String, nullable: true, example: 'tinh-hai-hung' })
  unitCode: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Tỉnh Hải Hưng' })
  unitName: string | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2025-06-10T03:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  revokedAt: string | null;
}

export class ApiKeyListBody {
  @ApiProperty({ type: () => [ApiKeyBody] })
  apiKeys: ApiKeyBody[];
}

const KEY: ApiKeyView = {
  id: 7, name: 'Một cửa Tỉnh Hải Hưng', prefix: 'tthc_kEUG1r8', role: 'unit', unitCode: 'tinh-hai-hung', unitName: 'Tỉnh Hải Hưng', createdAt: '2025-06-10T03:00:00.000Z', revokedAt: null,
};

export const ApiKeysApi = {
  create: () =>
    applyDecorators(
      JsonBody(CreateApiKeyDto, { name: 'Một cửa Tỉnh Hải Hưng', unitCode: 'tinh-hai-hung' }),
      ApiCreatedResponse({
        type: CreatedApiKeyBody,
        description: 'The new key, shown once.',
        example: { id: 7, name: 'Một cửa Tỉnh Hải Hưng', role: 'unit', unitCode: 'tinh-hai-hung', key: 'tthc_kEUG1r8rBsTr9NgAPexcDrM68TbrQ1agTdLNCreZOuY', notice: 'Store this key now: it is shown only once.' },
      }),
      ApiErrors(400, 401, 403, { status: 404, example: { statusCode: 404, message: 'unit "xa-khong-co" does not exist', error: 'Not Found' } }, 503),
    ),
  list: () => applyDecorators(ApiOkResponse({ type: ApiKeyListBody, description: 'Every key, newest first (never the key itself).', example: { apiKeys: [KEY] } }), ApiErrors(401, 403, 503)),
  revoke: () =>
    applyDecorators(
      PathParam('id', 7),
      ApiNoContentResponse({ description: 'Revoked (or it already was).' }),
      ApiErrors(
        { status: 400, example: { statusCode: 400, message: 'id: must be an integer 1–2147483647', error: 'Bad Request' } },
        401,
        403,
        { status: 404, example: { statusCode: 404, message: 'API key 999999 does not exist', error: 'Not Found' } },
        503,
      ),
    ),
};
