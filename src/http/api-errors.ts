import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, ReferenceObject, SchemaObject, getSchemaPath } from '@nestjs/swagger';
import { DATABASE_RETRY_AFTER_SECONDS } from '../common/database-errors';
import { DATABASE_UNAVAILABLE_MESSAGE } from './database-unavailable.filter';

/**
 * The error answers of the JSON API as they really leave the service, for the OpenAPI document:
 * Nest's exceptions (`{ statusCode, message, error }`, `message` a list for the validation pipe),
 * the refusals of common/domain-error.filter.ts that list their reasons (`{ message, errors }`),
 * the body parser's refusals (`{ statusCode, message }`) and the 503 of
 * database-unavailable.filter.ts. A controller says which statuses a route answers with
 * `@ApiErrors(400, 401, …)`; the e2e suites check every real answer against them
 * (test/support/openapi-check.ts).
 */

/** Nest's HttpException body, and the body parser's (which has no `error`). */
export class ApiErrorBody {
  @ApiProperty({ type: 'integer', example: 404 })
  statusCode: number;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'What is wrong; a list when the body failed the validation of its fields.',
    example: 'unit "xa-khong-co" does not exist',
  })
  message: string | string[];

  @ApiPropertyOptional({ example: 'Not Found', description: 'The status in words; absent from the body parser’s 413 for a body over the limit and from the rate limit’s 429.' })
  error?: string;
}

/** A refusal that names each fault: a record, a file, an act of reorganization. */
export class ApiRefusalBody {
  @ApiProperty({ example: 'the reorganization was not applied: nothing of it was written' })
  message: string;

  @ApiProperty({ type: [String], example: ['changes[0].into: unit "xa-moi" already exists'] })
  errors: string[];
}

/** The database cannot be reached right now: try again after `retryAfterSeconds` (also the Retry-After header). */
export class ApiUnavailableBody {
  @ApiProperty({ type: 'integer', example: 503 })
  statusCode: number;

  @ApiProperty({ example: 'Service Unavailable' })
  error: string;

  @ApiProperty({ example: DATABASE_UNAVAILABLE_MESSAGE })
  message: string;

  @ApiProperty({ type: 'integer', example: DATABASE_RETRY_AFTER_SECONDS })
  retryAfterSeconds: number;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

const ref = (model: { name: string }): ReferenceObject => ({ $ref: getSchemaPath(model.name) });

/** What each status means here, the shapes it comes in, and an example as the service says it. */
const ERRORS: Record<ErrorStatus, { description: string; schema: SchemaObject | ReferenceObject; example: unknown }> = {
  400: {
    description: 'Malformed request: a parameter, a field of the body, or the body itself.',
    schema: { anyOf: [ref(ApiErrorBody), ref(ApiRefusalBody)] },
    example: { statusCode: 400, message: ['name must be longer than or equal to 1 characters'], error: 'Bad Request' },
  },
  401: {
    description: 'No API key, or an unknown or revoked one.',
    schema: ref(ApiErrorBody),
    example: { statusCode: 401, message: 'an API key is required: Authorization: Bearer <key>', error: 'Unauthorized' },
  },
  403: {
    description: 'The key may not do this: an admin route, or a unit outside the key’s subtree.',
    schema: ref(ApiErrorBody),
    example: { statusCode: 403, message: 'this action needs an admin key', error: 'Forbidden' },
  },
  404: {
    description: 'What the path names does not exist.',
    schema: ref(ApiErrorBody),
    example: { statusCode: 404, message: 'unit "xa-khong-co" does not exist', error: 'Not Found' },
  },
  409: {
    description: 'It clashes with what is stored (a duplicate).',
    schema: ref(ApiErrorBody),
    example: { statusCode: 409, message: 'unit "xa-van-to" already exists', error: 'Conflict' },
  },
  413: {
    description: 'Past a bound: too many records in one request, or a body over 10 MB (then without `error`).',
    schema: ref(ApiErrorBody),
    example: { statusCode: 413, message: 'request entity too large' },
  },
  422: {
    description: 'Well formed, but it names what is not there or cannot be done.',
    schema: { anyOf: [ref(ApiErrorBody), ref(ApiRefusalBody)] },
    example: { statusCode: 422, message: 'parent unit "huyen-khong-co" does not exist', error: 'Unprocessable Entity' },
  },
  429: {
    description: 'Past the public rate limit of this address (PUBLIC_RATE_LIMIT a minute); see Retry-After.',
    schema: ref(ApiErrorBody),
    example: { statusCode: 429, message: 'ThrottlerException: Too Many Requests' },
  },
  503: {
    description: 'The database is unavailable for now (or the service is too busy): retry after Retry-After seconds.',
    schema: { anyOf: [ref(ApiUnavailableBody), ref(ApiErrorBody)] },
    example: { statusCode: 503, error: 'Service Unavailable', message: DATABASE_UNAVAILABLE_MESSAGE, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
  },
};

/** A status of `@ApiErrors` said otherwise than the usual: its own description, schema or example. */
export interface ErrorAnswer {
  status: ErrorStatus;
  description?: string;
  schema?: SchemaObject | ReferenceObject;
  example?: unknown;
  /** The media types the error comes as (default JSON); a type other than JSON has no schema. */
  types?: string[];
}

/** The error answers of a route, as JSON (`application/json`) unless said otherwise. */
export function ApiErrors(...answers: (ErrorStatus | ErrorAnswer)[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ApiErrorBody, ApiRefusalBody, ApiUnavailableBody),
    ...answers.map((answer) => {
      const given = typeof answer === 'number' ? { status: answer } : answer;
      const usual = ERRORS[given.status];
      const types = given.types ?? ['application/json'];
      const content = Object.fromEntries(
        types.map((type) => [type, /json$/.test(type) ? { schema: given.schema ?? usual.schema, example: given.example ?? usual.example } : {}]),
      );
      return ApiResponse({ status: given.status, description: given.description ?? usual.description, content });
    }),
  );
}
