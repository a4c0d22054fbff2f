/**
 * The order in which test files start. Two workers run the files one after another, so a slow
 * file started last keeps one worker busy while the other is idle; vitest orders by the
 * durations of the previous run when it has them, but CI starts from a fresh checkout (by file
 * size then). The files listed here, the slowest ones (longest first), start first; the others
 * follow in vitest's order. The order changes only when a file starts, never what it runs.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SLOWEST_FIRST = [
  'src/cli/cli.int.test.ts',
  'src/http/role-matrix.int.test.ts',
  'test/browser/ui.test.ts',
  'test/browser/meetings.test.ts',
  'src/features/users/accounts.int.test.ts',
  'src/http/hardening.int.test.ts',
  'test/browser/indicators.test.ts',
  'test/browser/monitoring.test.ts',
  'test/browser/progress-reports.test.ts',
  'test/browser/dashboard-progress.test.ts',
  'src/features/backup/backup.int.test.ts',
  'src/features/monitoring/monitoring.int.test.ts',
  'src/features/meetings/meetings.int.test.ts',
  'src/features/audit/audit.int.test.ts',
];

export default class SlowestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOWEST_FIRST.indexOf(path.relative(f.project.config.root, f.moduleId).split(path.sep).join('/'));
      return i < 0 ? SLOWEST_FIRST.length : i;
    };
    return sorted.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map(({ f }) => f);
  }
}
