import { ADMIN_KEY, TestApp, bearer } from './test-app';

/**
 * The small tree most suites use:
 *   tinh (province) → huyen (district) → xa-a, xa-b (communes)
 */
export async function createTree(app: TestApp): Promise<void> {
  const units = [
    { code: 'tinh', name: 'Tỉnh Thử', level: 'province' },
    { code: 'huyen', name: 'Huyện Thử', level: 'district', parentCode: 'tinh' },
    { code: 'xa-a', name: 'Xã A', level: 'commune', parentCode: 'huyen' },
    { code: 'xa-b', name: 'Xã B', level: 'commune', parentCode: 'huyen' },
  ];
  for (const unit of units) {
    await app.http.post('/api/v1/units').set(bearer(ADMIN_KEY)).send(unit).expect(201);
  }
}

/**
 * Two provinces with a district each, as they stood before 1 July 2025 (the suites of
 * reorganizations and of the official list reorganize them):
 *   tinh-a → huyen-a → xa-a1, xa-a2
 *   tinh-b → huyen-b → xa-b1, xa-b2, xa-b3
 */
export const TWO_PROVINCES = [
  { code: 'tinh-a', name: 'Tỉnh A', level: 'province' },
  { code: 'huyen-a', name: 'Huyện A', level: 'district', parentCode: 'tinh-a' },
  { code: 'xa-a1', name: 'Xã A1', level: 'commune', parentCode: 'huyen-a' },
  { code: 'xa-a2', name: 'Xã A2', level: 'commune', parentCode: 'huyen-a' },
  { code: 'tinh-b', name: 'Tỉnh B', level: 'province' },
  { code: 'huyen-b', name: 'Huyện B', level: 'district', parentCode: 'tinh-b' },
  { code: 'xa-b1', name: 'Xã B1', level: 'commune', parentCode: 'huyen-b' },
  { code: 'xa-b2', name: 'Xã B2', level: 'commune', parentCode: 'huyen-b' },
  { code: 'xa-b3', name: 'Xã B3', level: 'commune', parentCode: 'huyen-b' },
];

export async function send(app: TestApp, dossiers: unknown[], key = ADMIN_KEY) {
  return app.http.post('/api/v1/dossiers').set(bearer(key)).send({ dossiers });
}

export async function stats(app: TestApp, unitCode: string, query: Record<string, string | number | boolean> = {}) {
  const response = await app.http.get(`/api/v1/units/${unitCode}/stats`).query(query);
  if (response.status !== 200) throw new Error(`stats ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** The act of 1 July 2025 on TWO_PROVINCES, as the README's example: the provinces into one, communes merged, moved, renamed and split, the districts retired. */
export const REFORM_ACT = {
  effectiveOn: '2025-07-01',
  reference: 'Nghị quyết thử 1/NQ-UBTVQH15',
  changes: [
    { op: 'create', code: 'tinh-moi', name: 'Tỉnh Mới', level: 'province' },
    { op: 'merge', from: ['tinh-a', 'tinh-b'], into: 'tinh-moi' },
    { op: 'create', code: 'xa-moi', name: 'Xã Mới', level: 'commune', kind: 'xa', parentCode: 'tinh-moi', agencyCode: '000.00.21.h23' },
    { op: 'merge', from: ['xa-a1', 'xa-a2'], into: 'xa-moi' },
    { op: 'merge', from: ['xa-b1', 'xa-b2'], into: 'xa-b1' },
    { op: 'move', code: 'xa-b1', parentCode: 'tinh-moi' },
    { op: 'rename', code: 'xa-b1', name: 'Phường B1' },
    { op: 'create', code: 'xa-c1', name: 'Xã C1', level: 'commune', parentCode: 'tinh-moi' },
    { op: 'create', code: 'xa-c2', name: 'Xã C2', level: 'commune', parentCode: 'tinh-moi' },
    { op: 'split', from: 'xa-b3', into: ['xa-c1', 'xa-c2'], historyTo: 'xa-c1' },
    { op: 'retire', code: 'huyen-a' },
    { op: 'retire', code: 'huyen-b' },
  ],
};
