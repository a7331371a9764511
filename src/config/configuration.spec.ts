import { databaseSettings, trustProxySetting, validateEnvironment } from './configuration';

describe('validateEnvironment (fails fast at start-up)', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const sut = validateEnvironment({});
    expect(sut).toMatchObject({ PORT: 3000, DATA_DIR: './data', DEMO_DATA: 'auto', WIDGET_MAX_AGE: 60, WIDGET_REVALIDATE_MS: 1000, IMPORT_DB_WAIT_SECONDS: 300 });
    expect(databaseSettings(sut)).toEqual({ kind: 'sqlite', sqlitePath: expect.stringMatching(/data\/tthc-monitor\.sqlite$/) });
  });

  it('uses MySQL when DATABASE_URL is set', () => {
    const sut = validateEnvironment({ DATABASE_URL: 'mysql://tthc:secret@db:3306/tthc', PORT: '8080' });
    expect(sut.PORT).toBe(8080);
    expect(databaseSettings(sut)).toEqual({ kind: 'mysql', url: 'mysql://tthc:secret@db:3306/tthc' });
  });

  it('reads figures from the replicas DATABASE_READ_URL names', () => {
    const sut = validateEnvironment({ DATABASE_URL: 'mysql://tthc:s@db:3306/tthc', DATABASE_READ_URL: 'mysql://tthc:s@r1:3306/tthc, mysql://tthc:s@r2:3306/tthc' });
    expect(databaseSettings(sut)).toEqual({ kind: 'mysql', url: 'mysql://tthc:s@db:3306/tthc', readUrls: ['mysql://tthc:s@r1:3306/tthc', 'mysql://tthc:s@r2:3306/tthc'] });
  });

  it.each`
    env                                            | message
    ${{ DATABASE_URL: 'postgres://x@y/z' }}        | ${'DATABASE_URL must look like mysql://user:password@host:3306/database'}
    ${{ DATABASE_READ_URL: 'mysql://r1/tthc;x' }}  | ${'DATABASE_READ_URL must be one or more mysql://user:password@host:3306/database, separated by commas'}
    ${{ PORT: 'eighty' }}                          | ${'PORT must be an integer number'}
    ${{ PORT: '70000' }}                           | ${'PORT must not be greater than 65535'}
    ${{ BOOTSTRAP_ADMIN_KEY: 'short' }}            | ${'BOOTSTRAP_ADMIN_KEY must be at least 24 characters'}
    ${{ PUBLIC_BASE_URL: 'tthc.example.vn' }}      | ${'PUBLIC_BASE_URL must be a URL address'}
    ${{ DEMO_DATA: 'yes' }}                        | ${'DEMO_DATA must be one of the following values: auto, never'}
    ${{ WIDGET_REVALIDATE_MS: '-1' }}              | ${'WIDGET_REVALIDATE_MS must not be less than 0'}
    ${{ WIDGET_REVALIDATE_MS: '2s' }}              | ${'WIDGET_REVALIDATE_MS must be an integer number'}
    ${{ IMPORT_DB_WAIT_SECONDS: '100000' }}        | ${'IMPORT_DB_WAIT_SECONDS must not be greater than 86400'}
  `('refuses $env: $message', ({ env, message }) => {
    expect(() => validateEnvironment(env)).toThrow(message);
  });

  it.each`
    value                                      | expected
    ${undefined}                               | ${false}
    ${'none'}                                  | ${false}
    ${'0'}                                     | ${false}
    ${'1'}                                     | ${1}
    ${'loopback'}                              | ${['loopback']}
    ${'10.0.0.1, 10.1.0.0/16,fd00::/16,uniquelocal'} | ${['10.0.0.1', '10.1.0.0/16', 'fd00::/16', 'uniquelocal']}
    ${'10.0.0.0/8,2001:db8::/16'}              | ${['10.0.0.0/8', '2001:db8::/16']}
    ${'::ffff:10.0.0.0/104,::/96,64:ff9b::/96'} | ${['::ffff:10.0.0.0/104', '::/96', '64:ff9b::/96']}
  `('trusts $value as proxies: $expected', ({ value, expected }) => {
    const sut = validateEnvironment(value === undefined ? {} : { TRUST_PROXY: value });
    expect(trustProxySetting(sut.TRUST_PROXY)).toEqual(expected);
  });

  it.each(['true', '*', 'all', '11', '10.0.0.1/33', '10.0.0.300', 'proxy.local', 'loopback;10.0.0.1', '10.0.0.0/8/1', '-1', '1.5'])(
    'refuses TRUST_PROXY=%j with what it takes',
    (value) => {
      expect(() => validateEnvironment({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY must be (none, a hop count|a hop count 0–10)/);
    },
  );

  // Ranges that together trust every client (two halves of IPv4 or IPv6, or IPv4 through its
  // IPv4-mapped IPv6 form), and ranges so wide they are networks rather than proxies.
  it.each([
    ['0.0.0.0/1,128.0.0.0/1', '"0.0.0.0/1", "128.0.0.0/1"'],
    ['::/1,8000::/1', '"::/1", "8000::/1"'],
    ['10.0.0.0/0', '"10.0.0.0/0"'],
    ['::/0', '"::/0"'],
    ['10.0.0.1,172.0.0.0/7', '"172.0.0.0/7"'],
    ['2001::/15', '"2001::/15"'],
    ['fd00::/8', '"fd00::/8"'],
    ['::/16', '"::/16"'],
    ['::ffff:0:0/96', '"::ffff:0:0/96"'],
    ['::ffff:0.0.0.0/97,::ffff:128.0.0.0/97', '"::ffff:0.0.0.0/97", "::ffff:128.0.0.0/97"'],
    ['::ffff:10.0.0.0/103', '"::ffff:10.0.0.0/103"'],
  ])('refuses TRUST_PROXY=%j: a range that wide trusts whole networks', (value, named) => {
    expect(() => validateEnvironment({ TRUST_PROXY: value })).toThrow(
      `TRUST_PROXY must name the proxies, not whole networks: IPv4 ranges /8 or narrower, IPv6 ranges /16 or narrower (over IPv4-mapped ::ffff:0:0/96, /104 or narrower); not ${named}`,
    );
  });

  it('never prints a secret it refuses', () => {
    expect(() => validateEnvironment({ BOOTSTRAP_ADMIN_KEY: 'hunter2' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});
