import { Type, applyDecorators } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiParam, ApiQuery, ApiResponse, ReferenceObject, SchemaObject, getSchemaPath } from '@nestjs/swagger';

/**
 * Small helpers for the OpenAPI document, so that each area's `*.api.ts` says a route's request
 * and answers in a few lines, every one with an example (test/api-document.e2e-spec.ts asks for them).
 */

/** A JSON request body of `model` (a class with @ApiProperty fields), with an example of it. */
export function JsonBody(model: Type<unknown>, example: unknown, description?: string): MethodDecorator {
  return applyDecorators(ApiExtraModels(model), ApiBody({ description, schema: { $ref: getSchemaPath(model) }, examples: { example: { value: example } } }));
}

/** A request body given as a schema (for a body the service reads by hand), with an example. */
export function SchemaBody(schema: SchemaObject | ReferenceObject, example: unknown, description?: string): MethodDecorator {
  return applyDecorators(ApiBody({ description, schema, examples: { example: { value: example } } }));
}

/** A path parameter, with an example (an integer one is a row's id, 1 … 2,147,483,647). */
export function PathParam(name: string, example: string | number, description?: string): MethodDecorator {
  const schema: SchemaObject = typeof example === 'number' ? { type: 'integer', minimum: 1, maximum: 2_147_483_647, example } : { type: 'string', example };
  return ApiParam({ name, description, schema });
}

/**
 * An optional query parameter, with an example. Its schema defaults to a string; an example of
 * another type (a number, a flag) gives its type.
 */
export function QueryParam(name: string, example: string | number | boolean, description?: string, schema: SchemaObject = {}): MethodDecorator {
  const type = typeof example === 'number' ? 'integer' : typeof example === 'boolean' ? 'boolean' : 'string';
  return ApiQuery({ name, required: false, description, schema: { type, ...schema, example } });
}

/**
 * A success answer that is not JSON (HTML, CSV, JavaScript, an e-mail): its media types without a
 * schema, since a client reads it as text.
 */
export function TextAnswer(status: number, description: string, types: string[]): MethodDecorator {
  return ApiResponse({ status, description, content: Object.fromEntries(types.map((type) => [type, {}])) });
}
