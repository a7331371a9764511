import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Staff } from '../auth/staff-auth.service';
import { StaffRole, roleAtLeast } from '../auth/staff.entities';
import { Locale, formatCount, formatPercent } from '../common/locale';
import { formatLocalDate, formatLocalDateTime } from '../common/local-time';
import { AreaWords, t, wordsOf } from '../i18n/i18n';

/** The project-root templates/admin folder, from src (jest) and from dist alike. */
export const ADMIN_TEMPLATES_DIR = resolve(__dirname, '..', '..', 'templates', 'admin');

const NAV: { key: keyof AreaWords<'console'>; href: string; role: StaffRole }[] = [
  { key: 'dashboard', href: '/admin', role: 'viewer' },
  { key: 'open', href: '/admin/open', role: 'viewer' },
  { key: 'index766', href: '/admin/index766', role: 'viewer' },
  { key: 'imports', href: '/admin/imports', role: 'staff' },
  { key: 'reports', href: '/admin/reports', role: 'staff' },
  { key: 'widget', href: '/admin/widget', role: 'viewer' },
  { key: 'settings', href: '/admin/settings', role: 'manager' },
  { key: 'audit', href: '/admin/audit', role: 'manager' },
];

/**
 * Server-rendered console pages: each templates/admin/<page>.hbs is rendered inside layout.hbs
 * with the navigation the account's role allows, the CSRF token for its forms, and the words of
 * the chosen language. Values are escaped by Handlebars ({{ }}).
 */
@Injectable()
export class ConsoleViews {
  private readonly handlebars = Handlebars.create();
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly layout: Handlebars.TemplateDelegate;

  constructor() {
    const h = this.handlebars;
    h.registerHelper('count', (value: number, lang: Locale) => formatCount(Number(value ?? 0), lang === 'en' ? 'en' : 'vi'));
    h.registerHelper('percent', (value: string | null, lang: Locale) => formatPercent(value ?? null, lang === 'en' ? 'en' : 'vi'));
    h.registerHelper('date', (iso: string | null) => (iso ? formatLocalDate(iso.slice(0, 10)) : '—'));
    h.registerHelper('datetime', (iso: string | Date | null) => (iso ? formatLocalDateTime(new Date(iso)) : '—'));
    h.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    h.registerHelper('json', (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c'));
    for (const file of readdirSync(ADMIN_TEMPLATES_DIR)) {
      if (!file.endsWith('.hbs')) continue;
      const source = readFileSync(join(ADMIN_TEMPLATES_DIR, file), 'utf8');
      if (file.startsWith('_')) h.registerPartial(file.slice(1, -4), source);
      else this.pages.set(file.slice(0, -4), h.compile(source, { strict: false }));
    }
    this.layout = this.pages.get('layout')!;
  }

  /** A full page: `page` rendered with `context`, inside the layout. */
  render(page: string, context: Record<string, unknown>, options: { staff: Staff | null; lang: Locale; title: string; current?: string }): string {
    const template = this.pages.get(page);
    if (!template) throw new Error(`no console template "${page}"`);
    const text = wordsOf(options.lang, 'console');
    const common = { lang: options.lang, t: text, csrf: options.staff?.csrfToken ?? '', staff: options.staff ? this.staffView(options.staff, options.lang) : null };
    const body = template({ ...common, ...context });
    const nav = options.staff
      ? NAV.filter((item) => roleAtLeast(options.staff!.account.role, item.role)).map((item) => ({ ...item, label: text[item.key], current: item.key === options.current }))
      : [];
    return this.layout({ ...common, title: options.title, nav, body, otherLang: options.lang === 'vi' ? 'en' : 'vi' });
  }

  private staffView(staff: Staff, lang: Locale) {
    return {
      name: staff.account.name,
      email: staff.account.email,
      role: staff.account.role,
      roleLabel: wordsOf(lang, 'console')[`role_${staff.account.role}`],
      unitName: staff.unit?.name ?? t(lang, 'console.allUnits'),
      unitCode: staff.unit?.code ?? null,
      failedSignInsCount: staff.failedSignInsNotice,
      failedSignIns: staff.failedSignInsNotice > 0 ? t(lang, 'console.failedSignIns', { count: formatCount(staff.failedSignInsNotice, lang) }) : null,
    };
  }
}
