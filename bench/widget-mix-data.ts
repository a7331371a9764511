import { seededRandom } from '../test/factories/export.factory';
/**
 * The units and dossiers of the widget-mix bench, and the seeded streams of widget URLs it asks
 * for: 34 provinces and 3,321 communes (the 2025 shape of the country), every commune embedded by
 * its own portal.
 */

export const PROVINCES = 34;
export const COMMUNES = 3321;

export interface BenchUnit {
  code: string;
  name: string;
  level: 'province' | 'commune';
  parentCode?: string;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `tinh-01` … `tinh-34`, then their communes `xa-01-001` …: 98 under each of the first 23, 97 under the rest. */
export function benchUnits(): { provinces: BenchUnit[]; communes: BenchUnit[] } {
  const provinces: BenchUnit[] = [];
  const communes: BenchUnit[] = [];
  const base = Math.floor(COMMUNES / PROVINCES);
  const extra = COMMUNES - base * PROVINCES;
  for (let p = 1; p <= PROVINCES; p++) {
    const code = `tinh-${pad(p, 2)}`;
    provinces.push({ code, name: `Tỉnh ${pad(p, 2)} (bench)`, level: 'province' });
    const size = base + (p <= extra ? 1 : 0);
    for (let c = 1; c <= size; c++) {
      communes.push({ code: `xa-${pad(p, 2)}-${pad(c, 3)}`, name: `Xã ${pad(p, 2)}-${pad(c, 3)} (bench)`, level: 'commune', parentCode: code });
    }
  }
  return { provinces, communes };
}

/** The factories' seeded generator, so a run asks for the same URLs in the same order as the last. */
export const seeded = seededRandom;

/** A widget URL stream: `next()` draws the next path; `distinct` counts the paths drawn since `reset()`. */
export interface UrlStream {
  next(): string;
  drawn(): { requests: number; distinct: number };
  reset(): void;
}

/** Variants per commune: HTML or JSON × lang vi or en × decimals absent or 1. */
export const VARIANTS = 8;

/**
 * Widget paths of `codes`, each request a commune drawn by `rank` (Zipf with exponent 1 over a
 * seeded shuffle of the communes, so the hot ones are spread over the provinces, or uniform), then
 * its variant: `.json` half the time, `lang=en` 20 % (`lang=vi` otherwise, as embed.js writes it),
 * `decimals=1` 10 %.
 */
export function urlStream(codes: readonly string[], distribution: 'zipf' | 'uniform', seed: number): UrlStream {
  const random = seeded(seed);
  const order = [...codes];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  // Cumulative weights 1/k for Zipf; a plain index for uniform.
  const cumulative = new Float64Array(order.length);
  let sum = 0;
  for (let k = 0; k < order.length; k++) cumulative[k] = sum += 1 / (k + 1);
  const pick = (): string => {
    if (distribution === 'uniform') return order[Math.floor(random() * order.length)];
    const target = random() * sum;
    let low = 0;
    let high = order.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return order[low];
  };
  const seen = new Set<string>();
  let requests = 0;
  return {
    next: () => {
      const code = pick();
      const json = random() < 0.5;
      const lang = random() < 0.2 ? 'en' : 'vi';
      const decimals = random() < 0.1;
      const path = `/widget/${code}${json ? '.json' : ''}?lang=${lang}${decimals ? '&decimals=1' : ''}`;
      seen.add(path);
      requests++;
      return path;
    },
    drawn: () => ({ requests, distinct: seen.size }),
    reset: () => {
      seen.clear();
      requests = 0;
    },
  };
}

/** The communes that get dossiers: the hot URL's and every 11th (302 in all). */
export function communesWithDossiers(communes: readonly BenchUnit[], hot: string): string[] {
  return communes.filter((unit, index) => unit.code === hot || index % 11 === 0).map((unit) => unit.code);
}

/**
 * `perCommune` dossiers for each commune, received over the last 20 local days (not before
 * 1 January, the widget's default period being the year to date): a quarter still open, the
 * rest resolved, some of them late.
 */
export function benchDossiers(codes: readonly string[], perCommune: number, now: Date): Record<string, string>[] {
  const localToday = new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  const yearStart = `${localToday.slice(0, 4)}-01-01`;
  const day = (daysAgo: number) => {
    const date = new Date(Date.parse(localToday) - daysAgo * 86_400_000).toISOString().slice(0, 10);
    return date < yearStart ? yearStart : date;
  };
  const records: Record<string, string>[] = [];
  for (const unitCode of codes) {
    for (let i = 0; i < perCommune; i++) {
      const ago = 3 + (i % 18);
      const received = day(ago);
      const record: Record<string, string> = {
        code: `BENCH-${unitCode}-${pad(i, 4)}`,
        unitCode,
        field: i % 3 === 0 ? 'Hộ tịch' : i % 3 === 1 ? 'Chứng thực' : 'Đất đai',
        channel: i % 2 === 0 ? 'online' : 'direct',
        receivedAt: `${received}T08:00:00`,
      };
      if (i % 4 === 0) {
        records.push({ ...record, status: 'processing', dueAt: day(ago - 5) });
      } else {
        const late = i % 5 === 0;
        records.push({ ...record, status: 'resolved', dueAt: late ? received : day(ago - 2), resolvedAt: `${late ? day(ago - 2) : received}T16:00:00` });
      }
    }
  }
  return records;
}
