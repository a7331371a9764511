import { validateEnvironment } from '../config/configuration';

/** `rollups rebuild` and `rollups check` (see the usage text). */
export async function rollups(action: 'rebuild' | 'check'): Promise<number> {
  validateEnvironment(process.env);
  const { openCliContext } = await import('./cli.module');
  const { RollupsService } = await import('../dossiers/rollups/rollups.service');
  const app = await openCliContext('rollups');
  try {
    const service = app.get(RollupsService);
    const started = Date.now();
    if (action === 'rebuild') {
      const units = await service.rebuild();
      process.stdout.write(`Đã tính lại / rebuilt: ${units} đơn vị / units in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      return 0;
    }
    const mismatches = await service.check();
    for (const m of mismatches.slice(0, 50)) process.stdout.write(`unit #${m.unitId} ${m.table} ${m.bucket}: stored ${JSON.stringify(m.stored)} recounted ${JSON.stringify(m.recounted)}\n`);
    process.stdout.write(mismatches.length === 0 ? 'Khớp / consistent\n' : `${mismatches.length} dòng lệch / rows differ\n`);
    return mismatches.length === 0 ? 0 : 1;
  } finally {
    await app.close();
  }
}
