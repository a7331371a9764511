import { IndicatorDossiersAnswer } from '../index766/indicator-dossiers.service';
import { indicatorDossiersView, periodQuery, shortDateTime } from './index766-dossiers-view';

const LIST: IndicatorDossiersAnswer = {
  unit: { code: 'xa-a', name: 'Xã A', level: 'commune' },
  period: { from: '2025-05-01', to: '2025-05-31', label: '2025-05' },
  includeChildren: false,
  judgedAt: '2025-05-31T16:59:59.999Z',
  indicator: { id: '4.2', name: 'Hồ sơ số hóa thành phần và kết quả' },
  page: 2,
  pageSize: 1,
  total: 3,
  items: [{
    unitCode: 'xa-a', unitName: 'Xã A', code: 'HS-1', procedureCode: null, procedureName: null, field: 'Hộ tịch', channel: 'postal', status: 'resolved',
    receivedAt: '2025-05-02T01:00:00.000Z', dueAt: '2025-05-09T16:59:59.999Z', finishedAt: null, reasons: ['papersNotDigitized', 'resultNotDigitized'], reason: 'x',
  }],
};

describe('the drill-down page’s view', () => {
  it('shows instants to the minute in Vietnam’s time, and "—" for none', () => {
    expect(shortDateTime('2025-05-02T01:00:00.000Z')).toBe('02/05/2025 08:00');
    expect(shortDateTime(null)).toBe('—');
  });

  it('carries a named period by its name and a range by its days', () => {
    expect(periodQuery(LIST.period)).toEqual({ period: '2025-05' });
    expect(periodQuery({ from: '2025-05-10', to: '2025-05-20', label: '2025-05-10/2025-05-20' })).toEqual({ from: '2025-05-10', to: '2025-05-20' });
  });

  it('links the other indicators, the file and the pages with the same unit, scope and period', () => {
    const view = indicatorDossiersView(LIST, 'vi');
    expect(view.csvUrl).toBe('/admin/index766/dossiers.csv?unit=xa-a&period=2025-05&includeChildren=false&indicator=4.2');
    expect(view.scorecardUrl).toBe('/admin/index766?unit=xa-a&period=2025-05');
    expect(view.indicatorLinks.find((link) => link.id === '4.2')!.url).toBeNull();
    expect(view.indicatorLinks.find((link) => link.id === '2.1')!.url).toBe('/admin/index766/dossiers?unit=xa-a&period=2025-05&includeChildren=false&indicator=2.1');
    expect(view.pager).toMatchObject({ previousUrl: '/admin/index766/dossiers?unit=xa-a&period=2025-05&includeChildren=false&indicator=4.2', nextUrl: '/admin/index766/dossiers?unit=xa-a&period=2025-05&includeChildren=false&indicator=4.2&page=3' });
    expect(view.items[0]).toMatchObject({ channelLabel: 'Bưu chính công ích', statusLabel: 'Đã có kết quả', received: '02/05/2025 08:00', finished: '—', reasonCodes: 'papersNotDigitized resultNotDigitized' });
    expect(view.totalLine).toBe('3 hồ sơ làm mất điểm');
    expect(indicatorDossiersView(LIST, 'en').heading).toBe('Indicator 4.2: dossiers that cost points');
  });
});
