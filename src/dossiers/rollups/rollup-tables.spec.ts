import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { addLocalDays } from '../../common/local-time';
import { NO_SUPPLEMENT } from '../progress-766';
import { REBUILD_FLUSH_ROWS } from './rollup-tables';
import { RollupDelta, RollupFacts } from './rollups';

// A full garbage collection before each reading of the heap.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const FIELDS = ['Hộ tịch', 'Chứng thực', 'Đất đai', 'Bảo trợ xã hội', 'Đăng ký kinh doanh', 'Xây dựng', 'Giao thông vận tải', 'Người có công'];
const CHANNELS = ['direct', 'online', 'postal'] as const;

/** A resolved dossier with every §11 fact and a supplement round: it touches most counters on several days. */
function dossier(k: number): { unitId: number; facts: RollupFacts } {
  const receivedOn = addLocalDays('2023-01-02', k % 1_100);
  const settledOn = addLocalDays(receivedOn, 1 + (k % 9));
  const at = (date: string, hour: number) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+07:00`);
  return {
    unitId: 1 + (k % 211),
    facts: {
      status: 'resolved',
      // Its own copy of the text, as each row the driver reads has.
      field: Array.from(FIELDS[k % FIELDS.length]).join(''),
      channel: CHANNELS[k % CHANNELS.length],
      receivedOn,
      settledOn,
      withdrawnOn: null,
      timeliness: 'onTime',
      dueAt: at(addLocalDays(receivedOn, 5), 17),
      receivedAt: at(receivedOn, 8),
      resolvedAt: at(settledOn, 10),
      withdrawnAt: null,
      electronicResult: true,
      digitized: true,
      resultDigitized: true,
      reusedData: true,
      citizenRepository: true,
      vneidVerified: true,
      feeAmount: 20_000,
      paidOnline: 'dvcqg',
      complaint: k % 2 === 0,
      supplement: k % 3 === 0 ? { ...NO_SUPPLEMENT, supplementAt: at(receivedOn, 9), supplementDoneAt: at(receivedOn, 15) } : NO_SUPPLEMENT,
    },
  };
}

describe('rebuildAllRollups: what it holds between two writes', () => {
  // The command line runs in a 192 MB heap (package.json); beside the delta it holds its own
  // context, a read of 20,000 dossiers and the copies a write of the delta makes.
  it(`a delta of REBUILD_FLUSH_ROWS (${REBUILD_FLUSH_ROWS.toLocaleString('en')}) rows with every counter stays under 40 MB`, () => {
    gc();
    const before = process.memoryUsage().heapUsed;
    const delta = new RollupDelta();
    for (let k = 0; delta.size < REBUILD_FLUSH_ROWS; k++) {
      const { unitId, facts } = dossier(k);
      delta.add(unitId, facts);
    }
    gc();
    const megabytes = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    expect(delta.size).toBeGreaterThanOrEqual(REBUILD_FLUSH_ROWS);
    expect(megabytes).toBeLessThan(40);
  });
});
