/** Password hashing with scrypt (memory-hard, in Node's crypto): 64 MiB and about 0.1 s a hash. */
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** The cost parameters of every new hash (N = 2^16, r = 8: 64 MiB). */
export const SCRYPT_COST = { N: 2 ** 16, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

let cost: { N: number; r: number; p: number } = SCRYPT_COST;

/**
 * For the test suite only (test/support/setup.ts): a lower N for the hashes of the hundreds of
 * accounts its servers create. Each hash records its own parameters, so verifying is unchanged;
 * password.test.ts checks SCRYPT_COST itself. Nothing outside the tests calls this.
 */
export function useScryptCostForTests(N: number): void {
  cost = { ...SCRYPT_COST, N };
}

function scrypt(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, KEY_LENGTH, { ...opts, maxmem: 256 * opts.N! * opts.r! }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** "scrypt$N$r$p$salt$hash" (base64), so that parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p } = cost;
  const key = await scrypt(password, salt, { N, r, p });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random password, verified against when a username does not exist (same cost, same answer). */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}
