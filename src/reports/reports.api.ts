import { applyDecorators } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { JsonBody, PathParam, QueryParam, TextAnswer } from '../http/api-docs';
import { ApiErrors } from '../http/api-errors';
import { LOCALES, Locale } from '../common/locale';
import { LocalDate } from '../common/local-time';
import { MonthStartDay } from './periods';
import { PeriodKind } from './report-model';
import { DeliveryStatus, ReportRunStatus } from './report.entities';
import { MAX_RECIPIENTS, PERIOD_KINDS, SubscriptionView } from './subscriptions.service';

/** The report subscriptions' requests and answers, for the OpenAPI document (checked against real answers by the e2e suites). */

const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'sending', 'sent', 'failed'];
const RUN_STATUSES: ReportRunStatus[] = ['rendering', 'ready', 'skipped', 'failed'];

/** A subscription as POST takes it; PATCH takes any of these fields and keeps the others. */
export class SubscriptionInputBody {
  @ApiProperty({ example: 'xa-tu-ky', description: 'The unit reported on; the key must be of it or above.' })
  unitCode: string;

  @ApiPropertyOptional({ example: false, default: false })
  includeChildren?: boolean;

  @ApiPropertyOptional({ example: true, default: true, description: 'Count the dossiers of the units whose history it carries.' })
  includePredecessors?: boolean;

  @ApiProperty({ type: [String], maxItems: MAX_RECIPIENTS, example: ['chu-tich@tuky.gov.vn'] })
  recipients: string[];

  @ApiProperty({ enum: PERIOD_KINDS, example: 'month' })
  periodKind: PeriodKind;

  @ApiPropertyOptional({ type: 'integer', enum: [1, 15], default: 1, example: 1, description: '1: calendar months; 15: months from the 15th to the 14th.' })
  monthStartDay?: MonthStartDay;

  @ApiPropertyOptional({ example: '07:30', default: '07:30', description: 'HH:mm, Asia/Ho_Chi_Minh.' })
  sendAt?: string;

  @ApiPropertyOptional({ type: 'integer', example: 1, default: 1, description: 'Days after the period closes (1–28; 1 = the next period’s first day); for weekly reports the ISO weekday 1–7.' })
  sendDay?: number;

  @ApiPropertyOptional({ enum: LOCALES, example: 'vi', default: 'vi' })
  locale?: Locale;

  @ApiPropertyOptional({ example: false, default: false, description: 'Send nothing for a period without dossiers.' })
  skipWhenEmpty?: boolean;

  @ApiPropertyOptional({ example: true, default: true })
  enabled?: boolean;
}

/** PATCH: any of the fields; the others stay as they are. */
export class SubscriptionChangesBody extends PartialType(SubscriptionInputBody) {}

class NextReportBody {
  @ApiProperty({ example: '2025-06' })
  period: string;

  @ApiProperty({ type: String, format: 'date-time', example: '2025-07-01T00:30:00.000Z' })
  sendAt: string;
}

class StoppedBody {
  @ApiProperty({ enum: ['unit-retired'], example: 'unit-retired' })
  reason: 'unit-retired';

  @ApiProperty({ type: String, format: 'date', example: '2025-06-30' })
  lastDay: LocalDate;

  @ApiProperty({ example: '2025-06' })
  lastPeriod: string;
}

export class SubscriptionBody implements SubscriptionView {
  @ApiProperty({ type: 'integer', example: 3 })
  id: number;

  @ApiProperty({ example: 'xa-tu-ky' })
  unitCode: string;

  @ApiProperty({ example: false })
  includeChildren: boolean;

  @ApiProperty({ example: true })
  includePredecessors: boolean;

  @ApiProperty({ type: [String], example: ['chu-tich@tuky.gov.vn'] })
  recipients: string[];

  @ApiProperty({ enum: PERIOD_KINDS, example: 'month' })
  periodKind: PeriodKind;

  @ApiProperty({ type: 'integer', enum: [1, 15], example: 1 })
  monthStartDay: MonthStartDay;

  @ApiProperty({ example: '07:30' })
  sendAt: string;

  @ApiProperty({ type: 'integer', example: 1 })
  sendDay: number;

  @ApiProperty({ enum: LOCALES, example: 'vi' })
  locale: Locale;

  @ApiProperty({ example: false })
  skipWhenEmpty: boolean;

  @ApiProperty({ example: true })
  enabled: boolean;

  @ApiProperty({ type: NextReportBody, nullable: true, description: 'The next period to be sent and when; null once a retired unit’s last period is sent.' })
  next: NextReportBody | null;

  @ApiProperty({ type: StoppedBody, nullable: true, example: null, description: 'Why it sends no more: its unit was retired.' })
  stopped: StoppedBody | null;

  @ApiProperty({ type: String, format: 'date-time', example: '2025-06-10T03:00:00.000Z' })
  createdAt: string;
}

export class SubscriptionListBody {
  @ApiProperty({ type: () => [SubscriptionBody] })
  subscriptions: SubscriptionBody[];
}

class DeliveryBody {
  @ApiProperty({ example: '2025-05' })
  period: string;

  @ApiProperty({ example: 'chu-tich@tuky.gov.vn' })
  recipient: string;

  @ApiProperty({ enum: DELIVERY_STATUSES, example: 'sent' })
  status: DeliveryStatus;

  @ApiProperty({ type: 'integer', example: 1 })
  attempts: number;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'The mail server’s last refusal.' })
  lastError: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null, description: 'When a pending delivery is tried next.' })
  nextAttemptAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2025-06-01T00:30:00.000Z' })
  sentAt: string | null;
}

export class DeliveryListBody {
  @ApiProperty({ type: () => [DeliveryBody], description: 'Every delivery, the latest period first.' })
  deliveries: DeliveryBody[];
}

export class SendBody {
  @ApiProperty({ example: '2025-05' })
  period: string;

  @ApiProperty({ enum: RUN_STATUSES, nullable: true, example: 'ready', description: 'The report of that period: ready, skipped (empty and skipWhenEmpty), failed.' })
  run: ReportRunStatus | null;

  @ApiProperty({ type: () => [DeliveryBody], description: 'The deliveries of that period.' })
  deliveries: DeliveryBody[];
}

const SUBSCRIPTION: SubscriptionView = {
  id: 3, unitCode: 'xa-tu-ky', includeChildren: false, includePredecessors: true, recipients: ['chu-tich@tuky.gov.vn'], periodKind: 'month', monthStartDay: 1,
  sendAt: '07:30', sendDay: 1, locale: 'vi', skipWhenEmpty: false, enabled: true, next: { period: '2025-06', sendAt: '2025-07-01T00:30:00.000Z' }, stopped: null, createdAt: '2025-06-10T03:00:00.000Z',
};
const DELIVERY = { period: '2025-05', recipient: 'chu-tich@tuky.gov.vn', status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null, sentAt: '2025-06-01T00:30:00.000Z' };
const ID = PathParam('id', 3);
const NOT_SAVED = { status: 400 as const, example: { message: 'the subscription was not saved', errors: ['recipients[1]: "not-an-address" is not an e-mail address'] } };
const BAD_ID = { status: 400 as const, example: { statusCode: 400, message: 'id: must be an integer 1–2147483647', error: 'Bad Request' } };
const MAY_NOT = { status: 403 as const, example: { statusCode: 403, message: 'this key may not manage the reports of "xa-tu-ky"', error: 'Forbidden' } };
const UNKNOWN = { status: 404 as const, example: { statusCode: 404, message: 'report subscription 2 does not exist', error: 'Not Found' } };
const PERIOD = QueryParam('period', '2025-05', 'A period of the subscription’s kind (2025-W22, 2025-05, 2025-Q2, 2025-H1, 2025); default the latest closed one.');
const BAD_PERIOD = { status: 400 as const, example: { statusCode: 400, message: 'period: "2025-13" is not a month period like 2025-05', error: 'Bad Request' } };

export const ReportsApi = {
  create: () =>
    applyDecorators(
      JsonBody(SubscriptionInputBody, { unitCode: 'xa-tu-ky', recipients: ['chu-tich@tuky.gov.vn'], periodKind: 'month', sendAt: '07:30', sendDay: 1, locale: 'vi' }),
      ApiCreatedResponse({ type: SubscriptionBody, description: 'The subscription, with its next report.', example: SUBSCRIPTION }),
      ApiErrors(NOT_SAVED, 401, MAY_NOT, 404, 503),
    ),
  list: () =>
    applyDecorators(
      QueryParam('unitCode', 'xa-tu-ky', 'The subscriptions of this unit and those below; default the key’s unit (all for an admin key).'),
      ApiOkResponse({ type: SubscriptionListBody, description: 'The subscriptions the key may manage.', example: { subscriptions: [SUBSCRIPTION] } }),
      ApiErrors(401, MAY_NOT, 404, 503),
    ),
  get: () => applyDecorators(ID, ApiOkResponse({ type: SubscriptionBody, description: 'The subscription.', example: SUBSCRIPTION }), ApiErrors(BAD_ID, 401, UNKNOWN, 503)),
  update: () =>
    applyDecorators(
      ID,
      JsonBody(SubscriptionChangesBody, { recipients: ['chu-tich@tuky.gov.vn', 'pho-chu-tich@tuky.gov.vn'], enabled: true }, 'Any of the fields: the others stay as they are.'),
      ApiOkResponse({ type: SubscriptionBody, description: 'The subscription as changed.', example: SUBSCRIPTION }),
      ApiErrors(NOT_SAVED, 401, MAY_NOT, UNKNOWN, 503),
    ),
  remove: () => applyDecorators(ID, ApiNoContentResponse({ description: 'Deleted, with its deliveries.' }), ApiErrors(BAD_ID, 401, UNKNOWN, 503)),
  preview: () =>
    applyDecorators(ID, PERIOD, TextAnswer(200, 'The e-mail as it would be sent for the period, as HTML.', ['text/html']), ApiErrors(BAD_PERIOD, 401, UNKNOWN, 503)),
  send: () =>
    applyDecorators(
      ID,
      PERIOD,
      ApiOkResponse({ type: SendBody, description: 'The period, its report and its deliveries (a recipient already sent to is not sent again).', example: { period: '2025-05', run: 'ready', deliveries: [DELIVERY] } }),
      ApiErrors(BAD_PERIOD, 401, UNKNOWN, 503),
    ),
  deliveries: () => applyDecorators(ID, ApiOkResponse({ type: DeliveryListBody, description: 'Every delivery of its reports.', example: { deliveries: [DELIVERY] } }), ApiErrors(BAD_ID, 401, UNKNOWN, 503)),
};
