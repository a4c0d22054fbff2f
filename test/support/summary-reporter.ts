/**
 * Prints the one-line summary of a run, as the very last line of output:
 *   tests: N passed, N failed, N skipped
 * counting test cases. A test that was meant to run but did not because its suite or file failed
 * (a failing beforeAll, say) counts as failed, not skipped; a file that failed to load, with no
 * test cases, counts as one failure. Skipped includes skip and todo.
 * Under scripts/test.mjs (PADME_SUMMARY_FILE set) the line is written to that file instead, and
 * the script prints it last, after its own "Skipped:" block.
 */
import fs from 'node:fs';
import type { Reporter, TestCase, TestModule } from 'vitest/node';

/** Whether a suite around the test, or its file, failed by itself (a hook, collection). */
function inBrokenSuite(t: TestCase): boolean {
  for (let p: TestCase['parent'] | undefined = t.parent; p; p = p.type === 'suite' ? p.parent : undefined) {
    if (p.errors().length > 0) return true;
  }
  return false;
}

export function summaryLine(modules: ReadonlyArray<TestModule>): string {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const m of modules) {
    let tests = 0;
    for (const t of m.children.allTests()) {
      tests++;
      const state = t.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') failed++;
      else if ((t.options.mode === 'run' || t.options.mode === 'only') && inBrokenSuite(t)) failed++;
      else skipped++;
    }
    if (tests === 0 && m.state() === 'failed') failed++;
  }
  return `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`;
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const line = summaryLine(modules);
    const file = process.env.PADME_SUMMARY_FILE;
    if (file) fs.writeFileSync(file, `${line}\n`);
    else process.stdout.write(`${line}\n`);
  }
}
