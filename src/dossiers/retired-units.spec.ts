import { retiredUnitProblem } from './retired-units';

describe('retiredUnitProblem', () => {
  const retired = { code: 'xa-cu', validTo: '2025-06-30' };
  it.each([
    ['a unit that goes on takes any date', { code: 'xa-moi', validTo: null }, '2030-01-01T00:00:00+07:00', 'xa-moi', null],
    ['a late update received on its last day (Vietnam time) is its own', retired, '2025-06-30T23:59:59+07:00', 'xa-moi', null],
    ['received before its last day', retired, '2025-01-02T08:00:00+07:00', null, null],
    [
      'received the day after, in Vietnam time (16:59 UTC is 23:59 there; 17:00 UTC the next day)',
      retired,
      '2025-06-30T17:00:00Z',
      'xa-moi',
      'unitCode: unit "xa-cu" was retired after 2025-06-30; a dossier received later is not its own (send it for "xa-moi", which carries its history)',
    ],
    ['no unit carries its history', retired, '2025-07-01T08:00:00+07:00', null, 'unitCode: unit "xa-cu" was retired after 2025-06-30; a dossier received later is not its own (no unit carries its history)'],
  ])('%s', (_case, unit, receivedAt, heir, expected) => {
    expect(retiredUnitProblem(unit, new Date(receivedAt), heir)).toBe(expected);
  });
});
