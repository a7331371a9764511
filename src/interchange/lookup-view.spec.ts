import { wordsOf } from '../i18n/i18n';
import { LookupAnswer } from './lookup-answer';
import { loadLookupPage, lookupJson, lookupPageView, notFoundJson } from './lookup-view';

const ANSWER: LookupAnswer = {
  code: 'HS-2025-000123',
  procedure: { code: '1.001193', name: 'Đăng ký khai sinh' },
  field: 'Hộ tịch',
  unit: { code: 'xa-a', name: 'Xã A' },
  status: 'processing',
  channel: 'direct',
  receivedAt: new Date('2025-06-02T01:00:00Z'),
  dueAt: new Date('2025-06-09T16:59:59.999Z'),
  extendedDueAt: null,
  resolvedAt: null,
  returnedAt: null,
  timeliness: 'overdue',
  steps: [{ statusCode: 12, at: new Date('2025-06-03T02:00:00Z'), department: null, stepDueAt: null }],
  judgedAt: new Date('2025-06-10T03:07:03Z'),
};
const LINKS = { otherLanguage: '/tra-cuu?ma=HS-2025-000123&lang=en', json: '/api/v1/lookup/HS-2025-000123' };

describe('lookupJson', () => {
  it('names a step code outside 1–10 by its number rather than dropping it', () => {
    expect(lookupJson(ANSWER, 'vi').steps[0].text).toBe('Bước xử lý (mã 12)');
    expect(lookupJson(ANSWER, 'en').steps[0].text).toBe('Step (code 12)');
  });
});

describe('notFoundJson', () => {
  it('says "not found" in the language asked', () => {
    expect(notFoundJson('vi')).toEqual({ statusCode: 404, error: 'Not Found', message: 'Không tìm thấy hồ sơ' });
    expect(notFoundJson('en').message).toBe('No dossier found');
  });
});

describe('the lookup page', () => {
  const sut = loadLookupPage();

  it('gives every step status code 1–10 a word in both languages', () => {
    for (const lang of ['vi', 'en'] as const) expect(Object.values(wordsOf(lang, 'lookup').step)).toHaveLength(10);
  });

  it('renders the form alone, the dossier, and "not found" (templates are strict: every field is given)', () => {
    const form = sut(lookupPageView('no-code', 'vi', { otherLanguage: '/tra-cuu?lang=en', json: null }));
    const found = sut(lookupPageView(ANSWER, 'vi', LINKS));
    const missing = sut(lookupPageView(null, 'en', { otherLanguage: '/tra-cuu', json: null }));

    expect(form).toContain('<label for="ma">Mã hồ sơ</label>');
    expect(form).not.toContain('data-field="status"');
    expect(found).toContain('data-field="status">Tình trạng: Đang xử lý</p>');
    expect(found).toContain('<dd>Đăng ký khai sinh (1.001193)</dd>');
    expect(missing).toContain('data-field="notFound">No dossier found</h2>');
    expect(missing).toContain('<input type="hidden" name="lang" value="en">');
  });
});
