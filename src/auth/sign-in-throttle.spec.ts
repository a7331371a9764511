import { MAX_FAILURES, SignInThrottle, WINDOW_MS } from './sign-in-throttle';

describe('the per-address sign-in throttle', () => {
  let now = 0;
  const sut = () => new SignInThrottle(() => now);

  beforeEach(() => {
    now = Date.parse('2025-06-10T03:00:00Z');
  });

  it('refuses an address and network address after 5 failures, until the window has passed', () => {
    const throttle = sut();
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(throttle.retryAfter('a@x.vn', '10.0.0.1')).toBe(0);
      throttle.failed('A@x.vn ', '10.0.0.1');
      now += 1000;
    }
    expect(throttle.retryAfter('a@x.vn', '10.0.0.1')).toBe(WINDOW_MS - MAX_FAILURES * 1000);
    // Another network address, or another e-mail address, is counted on its own.
    expect(throttle.retryAfter('a@x.vn', '10.0.0.2')).toBe(0);
    expect(throttle.retryAfter('b@x.vn', '10.0.0.1')).toBe(0);
    now += WINDOW_MS;
    expect(throttle.retryAfter('a@x.vn', '10.0.0.1')).toBe(0);
  });

  it('takes back an attempt that was counted and then not checked', () => {
    const throttle = sut();
    for (let i = 0; i < MAX_FAILURES; i++) throttle.failed('a@x.vn', '10.0.0.1');
    throttle.uncount('a@x.vn', '10.0.0.1');
    expect(throttle.retryAfter('a@x.vn', '10.0.0.1')).toBe(0);
    throttle.failed('a@x.vn', '10.0.0.1');
    expect(throttle.retryAfter('a@x.vn', '10.0.0.1')).toBeGreaterThan(0);
  });

  it('forgets the failures of an address that signs in', () => {
    const throttle = sut();
    for (let i = 0; i < MAX_FAILURES; i++) throttle.failed('a@x.vn', '10.0.0.1');
    throttle.succeeded('a@x.vn', '10.0.0.1');
    expect(throttle.retryAfter('a@x.vn', '10.0.0.1')).toBe(0);
  });
});
