import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Locale } from '../common/locale';
import { endOfLocalDay, formatLocalDate, formatLocalDateTime, localDateOf } from '../common/local-time';
import { Channel, DossierStatus } from '../dossiers/classification';
import { t, wordsOf } from '../i18n/i18n';
import { LookupAnswer, LookupTimeliness, StatusWord, isLate, statusWordOf, stepWordOf } from './lookup-answer';

/** The lookup JSON (README "Citizen lookup"): the answer's facts, times in ISO 8601 UTC, and their words. */
export interface LookupJson {
  code: string;
  procedure: { code: string | null; name: string | null };
  field: string;
  unit: { code: string; name: string };
  status: { code: DossierStatus; text: string };
  channel: { code: Channel; text: string };
  receivedAt: string;
  dueAt: string;
  extendedDueAt: string | null;
  resolvedAt: string | null;
  returnedAt: string | null;
  timeliness: { code: LookupTimeliness; text: string; late: boolean } | null;
  steps: { statusCode: number; text: string; at: string; department: string | null; stepDueAt: string | null }[];
  judgedAt: string;
}

const iso = (instant: Date | null) => (instant === null ? null : instant.toISOString());

function stepText(statusCode: number, lang: Locale): string {
  const word = stepWordOf(statusCode);
  return word === null ? t(lang, 'lookup.steps.unknown', { code: statusCode }) : wordsOf(lang, 'lookup').step[word];
}

export function lookupJson(answer: LookupAnswer, lang: Locale): LookupJson {
  const words = wordsOf(lang, 'lookup');
  return {
    code: answer.code,
    procedure: answer.procedure,
    field: answer.field,
    unit: answer.unit,
    status: { code: answer.status, text: words.status[statusWordOf(answer)] },
    channel: { code: answer.channel, text: words.channels[answer.channel] },
    receivedAt: answer.receivedAt.toISOString(),
    dueAt: answer.dueAt.toISOString(),
    extendedDueAt: iso(answer.extendedDueAt),
    resolvedAt: iso(answer.resolvedAt),
    returnedAt: iso(answer.returnedAt),
    timeliness: answer.timeliness === null ? null : { code: answer.timeliness, text: words.timeliness[answer.timeliness], late: isLate(answer.timeliness)! },
    steps: answer.steps.map((step) => ({
      statusCode: step.statusCode,
      text: stepText(step.statusCode, lang),
      at: step.at.toISOString(),
      department: step.department,
      stepDueAt: iso(step.stepDueAt),
    })),
    judgedAt: answer.judgedAt.toISOString(),
  };
}

/** One body for every code that finds nothing (unknown, malformed, another province's): nothing tells them apart. */
export function notFoundJson(lang: Locale): { statusCode: 404; error: 'Not Found'; message: string } {
  return { statusCode: 404, error: 'Not Found', message: wordsOf(lang, 'lookup').notFound };
}

/** Where the page's links go: built by the controller from PUBLIC_BASE_URL. */
export interface LookupLinks {
  /** The page in the other language (with the code when one was found). */
  otherLanguage: string;
  /** The JSON of the dossier shown, or null. */
  json: string | null;
}

/** The badge's class by status: open ones in the page's blue, results in green, the rest grey. */
const STATUS_TONE: Record<StatusWord, string> = {
  processing: '',
  waiting: '',
  resolved: ' is-done',
  returned: ' is-done',
  refused: ' is-stopped',
  withdrawn: ' is-stopped',
  denied: ' is-stopped',
};

/**
 * A deadline given as a date is the last millisecond of that local day (docs/figures.md §2): a
 * citizen reads it as the day, "09/06/2025", not "09/06/2025 23:59:59".
 */
function deadline(instant: Date): string {
  const day = localDateOf(instant);
  return endOfLocalDay(day).getTime() === instant.getTime() ? formatLocalDate(day) : formatLocalDateTime(instant);
}

const shown = (instant: Date | null) => (instant === null ? null : deadline(instant));

function procedureText(procedure: LookupAnswer['procedure']): string {
  if (procedure.name !== null && procedure.code !== null) return `${procedure.name} (${procedure.code})`;
  return procedure.name ?? procedure.code ?? '—';
}

/** The found dossier's part of the page: the summary first (status, deadline), then the facts and the steps. */
function resultView(answer: LookupAnswer, lang: Locale) {
  const words = wordsOf(lang, 'lookup');
  const { labels } = words;
  const facts: { label: string; value: string }[] = [
    { label: labels.procedure, value: procedureText(answer.procedure) },
    { label: labels.field, value: answer.field },
    { label: labels.unit, value: answer.unit.name },
    { label: labels.channel, value: words.channels[answer.channel] },
    { label: labels.receivedAt, value: formatLocalDateTime(answer.receivedAt) },
  ];
  if (answer.resolvedAt !== null) facts.push({ label: labels.resolvedAt, value: formatLocalDateTime(answer.resolvedAt) });
  if (answer.returnedAt !== null) facts.push({ label: labels.returnedAt, value: formatLocalDateTime(answer.returnedAt) });
  return {
    heading: t(lang, 'lookup.result', { code: answer.code }),
    status: { label: labels.status, text: words.status[statusWordOf(answer)], tone: STATUS_TONE[statusWordOf(answer)] },
    timeliness: answer.timeliness === null ? null : { label: labels.timeliness, text: words.timeliness[answer.timeliness], late: isLate(answer.timeliness) },
    due: { label: labels.dueAt, value: deadline(answer.dueAt) },
    extendedDue: answer.extendedDueAt === null ? null : { label: labels.extendedDueAt, value: deadline(answer.extendedDueAt) },
    facts,
    steps: {
      heading: words.steps.heading,
      empty: words.steps.empty,
      departmentLabel: words.steps.department,
      stepDueLabel: words.steps.stepDueAt,
      items: answer.steps.map((step) => ({ text: stepText(step.statusCode, lang), at: formatLocalDateTime(step.at), department: step.department, stepDue: shown(step.stepDueAt) })),
    },
    judgedAt: t(lang, 'lookup.judgedAt', { time: formatLocalDateTime(answer.judgedAt) }),
  };
}

/**
 * The page's view: the form alone (no code asked), the dossier found, or "not found". The form's
 * field is always empty and "not found" never repeats the code, so every code that finds nothing
 * gives the same page.
 */
export function lookupPageView(found: LookupAnswer | null | 'no-code', lang: Locale, links: LookupLinks) {
  const words = wordsOf(lang, 'lookup');
  const otherLang: Locale = lang === 'vi' ? 'en' : 'vi';
  return {
    lang,
    pageTitle: found !== null && found !== 'no-code' ? `${words.title} – ${found.code}` : words.title,
    kicker: words.title,
    heading: words.heading,
    form: { label: words.codeLabel, hint: words.codeHint, submit: words.submit, lang: lang === 'vi' ? null : lang },
    notFound: found === null ? { heading: words.notFound, hint: words.notFoundHint } : null,
    result: found !== null && found !== 'no-code' ? resultView(found, lang) : null,
    note: words.note,
    otherLanguage: { label: words.otherLanguage, lang: otherLang, url: links.otherLanguage },
    json: links.json === null ? null : { label: words.json, url: links.json },
  };
}

/** The project-root `templates/`: two levels up from the sources (src/interchange) and from the build (dist/interchange). */
export const LOOKUP_TEMPLATES_DIR = resolve(__dirname, '..', '..', 'templates');

/**
 * Reads and parses the page's template once, at start-up: a broken template stops the service
 * instead of failing its first visitor. `strict` makes a misspelt field an error.
 */
export function loadLookupPage(dir: string = LOOKUP_TEMPLATES_DIR): (view: ReturnType<typeof lookupPageView>) => string {
  const handlebars = Handlebars.create();
  const template = handlebars.compile(handlebars.parse(readFileSync(join(dir, 'lookup.hbs'), 'utf8')), { strict: true });
  return (view) => template(view);
}
