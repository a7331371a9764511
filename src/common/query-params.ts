import { BadRequestException, ExecutionContext, createParamDecorator } from '@nestjs/common';
import { LocalDate, localDateProblem } from './local-time';

/**
 * Numbers and flags in URLs (query and path), read one way everywhere: a value that is not what
 * the parameter takes is a 400 naming the parameter, never a default, a 500 from the database
 * ("1e21" is an integer to `Number`, not to SQL) or a silently different number ("0x10" is 16
 * to `Number`, " 2 " is 2).
 */

/** The largest id a table's INT column holds: every `:id` in a path lies in 1 … this. */
export const MAX_ID = 2_147_483_647;

export interface IntegerRange {
  min: number;
  max: number;
}

/** Plain decimal digits, an optional minus: no sign "+", exponent, point, hex, space or padding. */
const INTEGER = /^-?[0-9]{1,16}$/;

/**
 * `raw` as an integer in [min, max]. Absent or empty: `fallback` (undefined when there is none).
 * Anything else that is not written as a decimal integer in that range is a 400:
 * "page: must be an integer 1–100000".
 */
export function parseIntegerParam(raw: unknown, name: string, range: IntegerRange): number | undefined;
export function parseIntegerParam(raw: unknown, name: string, range: IntegerRange & { fallback: number }): number;
export function parseIntegerParam(raw: unknown, name: string, range: IntegerRange & { fallback?: number }): number | undefined {
  if (raw === undefined || raw === '') return range.fallback;
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= range.min && raw <= range.max) return raw;
  if (typeof raw !== 'string') throw new BadRequestException(Array.isArray(raw) ? `${name}: must be given once` : integerRule(name, range));
  if (!INTEGER.test(raw)) throw new BadRequestException(integerRule(name, range));
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) throw new BadRequestException(integerRule(name, range));
  // "-0" and "007" are the numbers they say; the answer carries the number, not the text.
  return value === 0 ? 0 : value;
}

export function integerRule(name: string, range: IntegerRange): string {
  return `${name}: must be an integer ${range.min}–${range.max}`;
}

/** `true`/`1` or `false`/`0`; absent or empty: `fallback`; anything else is a 400. */
export function parseBoolean(raw: unknown, name: string, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new BadRequestException(Array.isArray(raw) ? `${name}: must be given once` : `${name}: must be true or false`);
}

/**
 * A local date `YYYY-MM-DD` inside the dates the service accepts; absent or empty: undefined.
 * Anything else is a 400 naming the parameter: "at: "2025-02-30" is not a date YYYY-MM-DD".
 */
export function parseLocalDateParam(raw: unknown, name: string): LocalDate | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (Array.isArray(raw)) throw new BadRequestException(`${name}: must be given once`);
  const problem = localDateProblem(raw);
  if (problem) throw new BadRequestException(`${name}: ${problem}`);
  return raw as LocalDate;
}

/** A path's `:id` (a row of an INT auto-increment column): 1 … 2,147,483,647, else a 400 naming the parameter. */
export function parseIdParam(raw: unknown, name = 'id'): number {
  const id = parseIntegerParam(raw, name, { min: 1, max: MAX_ID });
  if (id === undefined) throw new BadRequestException(integerRule(name, { min: 1, max: MAX_ID }));
  return id;
}

/**
 * `@IdParam()` in place of `@Param('id', ParseIntPipe)`, which lets 99999999999999999999 and -1
 * through. It reads the path's own text: the global ValidationPipe turns a `number` parameter
 * into `+value` before any pipe of the parameter runs (so "0x10" would arrive as 16), but leaves
 * a custom decorator's value alone.
 */
export const IdParam = createParamDecorator((name: string | undefined, context: ExecutionContext): number => {
  const key = name ?? 'id';
  return parseIdParam(context.switchToHttp().getRequest<{ params?: Record<string, unknown> }>().params?.[key], key);
});
