/**
 * vitest setupFiles: runs in each test file's process before its tests. The servers of the tests
 * create hundreds of accounts; at the production scrypt cost (64 MiB, about 0.1 s a hash on an
 * idle machine, seconds on a busy one) that is a large share of a run. Within the tests' own
 * processes new hashes use N = 2^10 instead; `padme` run as a child process, and
 * src/features/users/password.test.ts, use the real cost.
 */
import { useScryptCostForTests } from '../../src/features/users/password.ts';

useScryptCostForTests(2 ** 10);
