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
