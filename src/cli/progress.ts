import { SingleBar } from 'cli-progress';
import { formatCount } from '../common/locale';

/** A bar with rows/s and ETA on a terminal; a plain line every few seconds otherwise. */
export class Progress {
  private readonly bar: SingleBar | null;
  private lastLine = 0;
  private readonly started = Date.now();

  constructor(
    private readonly name: string,
    private readonly total: number | null,
  ) {
    this.bar = process.stdout.isTTY
      ? new SingleBar({
          format: total
            ? `${name} [{bar}] {percentage}% | {value}/{total} dòng | {speed} dòng/s | còn {eta_formatted} | từ chối {refused}`
            : `${name} | {value} dòng | {speed} dòng/s | từ chối {refused}`,
          barsize: 30,
          hideCursor: true,
          etaBuffer: 50,
        })
      : null;
    this.bar?.start(total ?? 0, 0, { speed: '0', refused: '0' });
  }

  update(rows: number, refused: number): void {
    const speed = Math.round(rows / Math.max((Date.now() - this.started) / 1000, 0.001));
    if (this.bar) {
      this.bar.update(rows, { speed: formatCount(speed, 'vi'), refused: formatCount(refused, 'vi') });
      return;
    }
    if (Date.now() - this.lastLine < 2000) return;
    this.lastLine = Date.now();
    const share = this.total ? ` (${Math.min(100, Math.floor((rows / this.total) * 100))}%)` : '';
    process.stdout.write(`${this.name}: ${rows}${this.total ? `/${this.total}` : ''} rows${share}, ${speed} rows/s, ${refused} refused\n`);
  }

  stop(rows: number, refused: number): void {
    if (this.bar) {
      this.bar.update(rows, { refused: formatCount(refused, 'vi') });
      this.bar.stop();
    }
  }
}
