import { KNOWN_BROWSER_DAYS, isKnownBrowser, issueKnownBrowser } from './known-browser';

const NOW = new Date('2025-06-10T03:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const account = { id: 7, passwordHash: 'scrypt$32768$8$1$c2FsdA==$aGFzaA==' };

describe('the mark of a browser that signed in before', () => {
  const sut = issueKnownBrowser(account, NOW);

  it('is recognised for its account, within its lifetime', () => {
    expect(isKnownBrowser(sut, account, NOW)).toBe(true);
    expect(isKnownBrowser(sut, account, new Date(NOW.getTime() + KNOWN_BROWSER_DAYS * DAY))).toBe(true);
  });

  it('names no one: it holds the account id and the time, no address', () => {
    expect(sut).toMatch(/^v1\.7\.\d{13}\.[A-Za-z0-9_-]{43}$/);
  });

  it.each`
    label                         | mark                                                   | who
    ${'another account'}          | ${sut}                                                 | ${{ ...account, id: 8 }}
    ${'a changed password'}       | ${sut}                                                 | ${{ ...account, passwordHash: 'scrypt$new' }}
    ${'a forged MAC'}             | ${sut.replace(/\.[^.]+$/, `.${'A'.repeat(43)}`)}       | ${account}
    ${'another id written in'}    | ${sut.replace('v1.7.', 'v1.8.')}                       | ${{ ...account, id: 8 }}
    ${'no mark'}                  | ${undefined}                                           | ${account}
    ${'garbage'}                  | ${'v1.7.x.y'}                                          | ${account}
  `('is refused for $label', ({ mark, who }) => {
    expect(isKnownBrowser(mark, who, NOW)).toBe(false);
  });

  it('expires, and is not taken from the future', () => {
    expect(isKnownBrowser(sut, account, new Date(NOW.getTime() + KNOWN_BROWSER_DAYS * DAY + 1))).toBe(false);
    expect(isKnownBrowser(sut, account, new Date(NOW.getTime() - 1))).toBe(false);
  });
});
