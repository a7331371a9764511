import { ERRORS_VI } from './errors.vi';
import { Words } from './words';

export const ERRORS_EN: Words<typeof ERRORS_VI> = {
  databaseUnavailable: {
    heading: 'The database is temporarily unavailable',
    message: 'The database server is stopped or restarting. Please try again in a few seconds; stored data is not lost.',
  },
  units: {
    exists: 'unit {{code}} already exists',
    notFound: 'unit {{code}} does not exist',
    parentNotFound: 'parentCode: unit {{code}} does not exist',
  },
  accounts: {
    mayNotCreateRole: 'this account may not create {{role}} accounts',
    mayNotCreateFor: 'this account may not create accounts for {{unit}}',
    notCreated: 'the account was not created',
    emailNotAddress: 'email: {{value}} is not an e-mail address',
    role: 'role: must be one of {{roles}}',
    unitRequired: 'unitCode: is required for every role but admin',
    exists: 'an account for {{email}} already exists',
    notFound: 'account {{id}} does not exist',
    cannotDisableItself: 'an account cannot disable itself',
  },
  passwords: {
    notChanged: 'the password was not changed',
    notCurrent: 'currentPassword: is not your current password',
    required: 'password: is required',
    tooShort: 'password: at least {{min}} characters',
    containsEmail: 'password: must not contain the e-mail name',
  },
  apiKeys: {
    adminKeyAdminsOnly: 'only an administrator may create an admin key',
    mayNotCreateFor: 'this account may not create keys for {{unit}}',
    notFound: 'API key {{id}} does not exist',
  },
  calendar: {
    ordinaryNationalDay: '{{date}} is an ordinary day in the national calendar',
    ordinaryUnitDay: '{{date}} is an ordinary day in the calendar of {{unit}}',
    kind: 'kind: must be one of {{kinds}}',
    nameLength: 'name: must be 1–200 characters',
    noEntry: 'no calendar entry for {{date}}',
    nationalAdminsOnly: 'only an admin key may change the national calendar',
    mayNotChange: 'this key may not change the calendar of {{unit}}',
  },
  procedures: {
    notFound: 'procedure {{code}} is not in the catalogue',
  },
  subscriptions: {
    mayNotRead: 'this key may not read the subscriptions of {{unit}}',
    notFound: 'report subscription {{id}} does not exist',
    unitRequired: 'unitCode: is required',
    mayNotManage: 'this key may not manage the reports of {{unit}}',
    notSaved: 'the subscription was not saved',
    periodKind: 'periodKind: must be one of {{kinds}}',
    recipientsRequired: 'recipients: must be a list of one or more e-mail addresses',
    recipientsTooMany: 'recipients: at most {{max}} addresses',
    recipientNotAddress: 'recipients: {{value}} is not an e-mail address',
    locale: 'locale: must be one of {{locales}}',
    sendAt: 'sendAt: must be a time HH:mm from 00:00 to 23:59 (Asia/Ho_Chi_Minh)',
    sendWeekday: 'sendDay: must be an ISO weekday from 1 (Monday) to 7 (Sunday) for weekly reports',
    sendDay: 'sendDay: must be a whole number of days from 1 to 28 after the period closes (1 = the first day of the next period)',
    monthStartDay: 'monthStartDay: must be 1 (calendar months) or 15 (months from the 15th to the 14th)',
  },
  imports: {
    mayNotLoad: 'this key may not load dossiers for {{unit}}',
    notFound: 'import {{id}} does not exist',
    mayNotRead: 'this key may not read the imports of {{unit}}',
  },
};
