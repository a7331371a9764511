import { AppLogger } from './app-logger';

/** What the logger writes to stdout and stderr while `act` runs. */
function written(act: () => void): string[] {
  const lines: string[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => lines.push(String(chunk)) > 0);
  try {
    act();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines;
}

describe('AppLogger', () => {
  it('writes one JSON object a line in production, with level, context and message', () => {
    const sut = new AppLogger({ production: true, level: 'log' });
    const [line, ...more] = written(() => sut.warn('import paused while writing batch 3', 'ImportRunner'));
    expect(more).toEqual([]);
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toMatchObject({ level: 'warn', context: 'ImportRunner', message: 'import paused while writing batch 3' });
  });

  it("keeps Nest's module and route lines out of the log unless LOG_LEVEL=debug", () => {
    const start = (sut: AppLogger) => () => {
      sut.log('AppModule dependencies initialized', 'InstanceLoader');
      sut.log('Mapped {/health, GET} route', 'RouterExplorer');
      sut.log('listening on http://localhost:3000', 'tthc-monitor');
    };
    const quiet = written(start(new AppLogger({ production: true, level: 'log' }))).map((line) => JSON.parse(line).message);
    expect(quiet).toEqual(['listening on http://localhost:3000']);
    const debug = written(start(new AppLogger({ production: true, level: 'debug' }))).map((line) => JSON.parse(line));
    expect(debug.map((entry) => [entry.level, entry.message])).toEqual([
      ['debug', 'AppModule dependencies initialized'],
      ['debug', 'Mapped {/health, GET} route'],
      ['log', 'listening on http://localhost:3000'],
    ]);
  });

  it('takes Nest\'s level names as containers set them: info is log, warn leaves log lines out', () => {
    const some = (sut: AppLogger) => () => {
      sut.log('listening', 'tthc-monitor');
      sut.warn('database unavailable', 'Database');
    };
    expect(written(some(new AppLogger({ production: true, level: 'info' }))).map((line) => JSON.parse(line).message)).toEqual(['listening', 'database unavailable']);
    expect(written(some(new AppLogger({ production: true, level: 'warn' }))).map((line) => JSON.parse(line).message)).toEqual(['database unavailable']);
  });

  it('writes readable lines outside production', () => {
    const [line] = written(() => new AppLogger({ production: false, level: 'log' }).log('demo data loaded', 'tthc-monitor'));
    expect(line).toContain('[tthc-monitor]');
    expect(line).toContain('demo data loaded');
    expect(() => JSON.parse(line)).toThrow();
  });
});
