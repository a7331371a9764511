import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiResponse, ApiServiceUnavailableResponse } from '@nestjs/swagger';

/** The health routes' answers, for the OpenAPI document (checked against real answers by the e2e suites). */

const INDICATORS = {
  type: 'object' as const,
  additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] } }, additionalProperties: true },
};

/** @nestjs/terminus's answer: each indicator (here only `database`) up or down, with what it said. */
export class HealthBody {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'], example: 'ok' })
  status: string;

  @ApiProperty({ ...INDICATORS, nullable: true, description: 'The indicators that are up.' })
  info: Record<string, unknown> | null;

  @ApiProperty({ ...INDICATORS, nullable: true, description: 'The indicators that are down.' })
  error: Record<string, unknown> | null;

  @ApiProperty({ ...INDICATORS, description: 'Every indicator.' })
  details: Record<string, unknown>;
}

export class LivenessBody {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  status: 'ok';
}

export const HealthApi = {
  check: () =>
    applyDecorators(
      ApiOkResponse({ type: HealthBody, description: 'The database answers.', example: { status: 'ok', info: { database: { status: 'up' } }, error: {}, details: { database: { status: 'up' } } } }),
      ApiServiceUnavailableResponse({
        type: HealthBody,
        description: 'The database does not answer.',
        example: { status: 'error', info: {}, error: { database: { status: 'down', message: 'timeout of 3000ms exceeded' } }, details: { database: { status: 'down', message: 'timeout of 3000ms exceeded' } } },
      }),
    ),
  live: () => applyDecorators(ApiResponse({ status: 200, type: LivenessBody, description: 'The process answers HTTP (the database is not asked).', example: { status: 'ok' } })),
};
