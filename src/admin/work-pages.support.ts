import { HttpException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Staff } from '../auth/staff-auth.service';
import { Locale } from '../common/locale';
import { Unit } from '../units/unit.entity';
import { UnitsService } from '../units/units.service';
import { ConsoleRequest } from './console.guard';
import { consoleException } from './console-exception.filter';
import { ConsoleViews } from './console-views';
import { switchConsoleLanguage } from '../i18n/console-language';
import { lookup, wordsOf } from '../i18n/i18n';

export interface UnitOption {
  code: string;
  name: string;
  /** The name indented by the unit's depth below the top of the list (for a <select>). */
  label: string;
}

/**
 * What an account may see and pick on the work pages: its unit and those below (admin: every
 * unit). The services check the same scope again on every write.
 */
@Injectable()
export class WorkScope {
  constructor(
    private readonly units: UnitsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The units in scope, top-down by path; every unit for an admin. */
  async unitsOf(staff: Staff): Promise<Unit[]> {
    if (staff.unit) return this.units.scope(staff.unit, true);
    return this.dataSource.getRepository(Unit).find({ order: { path: 'ASC' } });
  }

  /** The ids a list is limited to; null (everything) for an admin. */
  async unitIdsOf(staff: Staff): Promise<number[] | null> {
    return staff.unit ? (await this.unitsOf(staff)).map((unit) => unit.id) : null;
  }

  async optionsOf(staff: Staff): Promise<UnitOption[]> {
    return unitOptions(await this.unitsOf(staff));
  }
}

export function unitOptions(units: Unit[]): UnitOption[] {
  const depthOf = (unit: Unit) => unit.path.split('/').filter(Boolean).length;
  const top = Math.min(...units.map(depthOf));
  // No-break spaces: a <select> shows ordinary leading spaces collapsed.
  return units.map((unit) => ({ code: unit.code, name: unit.name, label: `${'\u00a0\u00a0\u00a0'.repeat(depthOf(unit) - top)}${unit.name} (${unit.code})` }));
}

/** ?lang= switches the language and remembers it, as on every console page. */
export function pageLang(request: Request, response: Response): Locale {
  return switchConsoleLanguage(request, response);
}

/** Renders a work page (with its words as `w`) inside the console layout. */
export function sendPage(
  views: ConsoleViews,
  request: ConsoleRequest,
  response: Response,
  page: string,
  context: Record<string, unknown>,
  options: { title: string; current: string; status?: number; lang?: Locale },
): void {
  const lang = options.lang ?? pageLang(request, response);
  const title = lookup(lang, `console.${options.title}`) ?? options.title;
  response.setHeader('Cache-Control', 'no-store');
  response
    .status(options.status ?? 200)
    .type('html')
    .send(views.render(page, { ...context, w: wordsOf(lang, 'work') }, { staff: request.staff, lang, title, current: options.current }));
}

/**
 * The field errors of a refused form ("field: reason" lines) from a service's 400/404/409, in
 * the console's language, so the form can show them beside the values; null for any other error (the filter's page).
 */
export function formErrors(thrown: unknown, lang: Locale, statuses: number[] = [400, 404, 409]): string[] | null {
  const error = consoleException(thrown, lang);
  if (!(error instanceof HttpException) || !statuses.includes(error.getStatus())) return null;
  const body = error.getResponse() as { message?: string | string[]; errors?: string[] } | string;
  if (typeof body === 'string') return [body];
  if (body.errors && body.errors.length > 0) return body.errors;
  return [body.message ?? error.message].flat().filter((line): line is string => Boolean(line));
}

/** A form's checkbox: present (any value but "false") means ticked. */
export function ticked(value: unknown): boolean {
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/** Digits become a number; anything else stays as sent, for the service to name the field. */
export function wholeNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '') return undefined;
  return /^\d{1,6}$/.test(text) ? Number(text) : text;
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
