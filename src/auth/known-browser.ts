import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A browser that has signed in to an account before carries a mark of it (a cookie): that
 * browser is held neither by the account's lock (account-lock.ts) nor by the throttle of its
 * network address (sign-in-throttle.ts), so an attacker who locks the account from elsewhere,
 * or fails five times from the owner's office address, does not keep its owner out; the
 * browser's own failures are throttled by its mark instead. The mark is a MAC over the account and
 * the time it was issued, keyed with the account's password hash: the server alone can make
 * one, it names no one, and a new password voids every mark made before it.
 */
export const KNOWN_BROWSER_DAYS = 180;
const DAY_MS = 24 * 60 * 60 * 1000;
const FORMAT = /^v1\.([1-9][0-9]{0,9})\.([0-9]{13})\.([A-Za-z0-9_-]{43})$/;

interface Keyed {
  id: number;
  passwordHash: string;
}

function mac(account: Keyed, issuedAt: number): string {
  return createHmac('sha256', `known-browser\u0000${account.passwordHash}`).update(`${account.id}.${issuedAt}`).digest('base64url');
}

export function issueKnownBrowser(account: Keyed, now: Date): string {
  const issuedAt = now.getTime();
  return `v1.${account.id}.${issuedAt}.${mac(account, issuedAt)}`;
}

/** True when `mark` was issued for this account, under its current password, within KNOWN_BROWSER_DAYS. */
export function isKnownBrowser(mark: unknown, account: Keyed, now: Date): boolean {
  if (typeof mark !== 'string') return false;
  const match = FORMAT.exec(mark);
  if (!match || Number(match[1]) !== account.id) return false;
  const issuedAt = Number(match[2]);
  const age = now.getTime() - issuedAt;
  if (age < 0 || age > KNOWN_BROWSER_DAYS * DAY_MS) return false;
  const expected = Buffer.from(mac(account, issuedAt));
  const given = Buffer.from(match[3]);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
