/**
 * The password hash at its production cost (the other test files lower N: test/support/setup.ts).
 */
import { describe, expect, it } from 'vitest';
import { hashPassword, SCRYPT_COST, useScryptCostForTests, verifyPassword } from './password.ts';

describe('password hashing (scrypt at its production cost)', () => {
  it('hashes with N = 2^16, r = 8, p = 1, a 16-byte salt and a 32-byte key, and verifies only the same password', async () => {
    expect(SCRYPT_COST).toEqual({ N: 65536, r: 8, p: 1 });
    useScryptCostForTests(SCRYPT_COST.N);
    const stored = await hashPassword('Velvet-Kraton-4417!');
    const [scheme, n, r, p, salt, key] = stored.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '65536', '8', '1']);
    expect(Buffer.from(salt!, 'base64').length).toBe(16);
    expect(Buffer.from(key!, 'base64').length).toBe(32);
    expect(await verifyPassword('Velvet-Kraton-4417!', stored)).toBe(true);
    expect(await verifyPassword('Velvet-Kraton-4417?', stored)).toBe(false);
    expect(await hashPassword('Velvet-Kraton-4417!')).not.toBe(stored);
  });

  it('verifies a hash by the parameters it records (a hash made at a lower cost still verifies)', async () => {
    useScryptCostForTests(2 ** 10);
    const low = await hashPassword('Velvet-Kraton-4417!');
    expect(low.split('$').slice(0, 4)).toEqual(['scrypt', '1024', '8', '1']);
    useScryptCostForTests(SCRYPT_COST.N);
    expect(await verifyPassword('Velvet-Kraton-4417!', low)).toBe(true);
    expect(await verifyPassword('velvet-Kraton-4417!', low)).toBe(false);
  });
});
