import type { DemoResult } from '../features/demo/demo.load.ts';

/** The demo accounts and their passwords, printed once (they are stored only hashed). */
export function printDemoUsers(r: DemoResult): void {
  if (!r.users.length) return;
  process.stdout.write('Demo accounts (passwords shown only now):\n');
  for (const u of r.users) process.stdout.write(`  ${u.username.padEnd(14)} ${u.password}  ${u.role}${u.scope ? ` of ${u.scope}` : ''}\n`);
}
