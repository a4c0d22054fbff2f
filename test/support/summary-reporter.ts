/**
 * Prints the one-line summary of a run, as the very last line of output:
 *   tests: N passed, N failed, N skipped
 * counting test cases (skipped includes todo). Under scripts/test.mjs (PADME_SUMMARY_FILE set)
 * the line is written to that file instead, and the script prints it last, after its own
 * "Skipped:" block.
 */
import fs from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export function summaryLine(modules: ReadonlyArray<TestModule>): string {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const m of modules) {
    let moduleTests = 0;
    for (const t of m.children.allTests()) {
      moduleTests++;
      const state = t.result().state;
      if (state === 'passed') passed++;
      else if (state === 'failed') failed++;
      else skipped++;
    }
    // A file that failed to load has no test cases: count it as one failure, so that the
    // summary never reads "0 failed" on a failed run.
    if (moduleTests === 0 && m.state() === 'failed') failed++;
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
