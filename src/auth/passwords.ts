import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { Problems } from '../common/domain-error';
import { phrase } from '../i18n/refusal-words';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/** scrypt (memory-hard, in Node's own crypto): N = 2^15, r = 8, p = 1, 64-byte key, 16-byte salt. */
const COST = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 64;
export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, { ...COST, maxmem: 128 * COST.N * COST.r * 2 });
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const actual = await scryptAsync(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, { ...cost, maxmem: 128 * cost.N * cost.r * 2 });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Reasons a new password is refused, each a full sentence for the form. */
export function passwordProblems(password: unknown, email?: string): Problems {
  const problems = new Problems();
  if (typeof password !== 'string') {
    problems.add('password: is required', phrase('errors.passwords.required'));
    return problems;
  }
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.add(`password: at least ${MIN_PASSWORD_LENGTH} characters`, phrase('errors.passwords.tooShort', { min: MIN_PASSWORD_LENGTH }));
  if (email && password.toLowerCase().includes(email.split('@')[0].toLowerCase())) problems.add('password: must not contain the e-mail name', phrase('errors.passwords.containsEmail'));
  return problems;
}
