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

export async function send(app: TestApp, dossiers: unknown[], key = ADMIN_KEY) {
  return app.http.post('/api/v1/dossiers').set(bearer(key)).send({ dossiers });
}

export async function stats(app: TestApp, unitCode: string, query: Record<string, string | number | boolean> = {}) {
  const response = await app.http.get(`/api/v1/units/${unitCode}/stats`).query(query);
  if (response.status !== 200) throw new Error(`stats ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}
