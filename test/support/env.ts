/**
 * What the test machine offers. scripts/test.mjs starts a throwaway PostgreSQL server when its
 * binaries are installed and passes its admin URL here; chromium is Debian's.
 */
import fs from 'node:fs';

/** Admin URL of a PostgreSQL server the tests may create and drop databases on. */
export const PG_ADMIN_URL: string | null = process.env.PADME_TEST_PG_URL || null;

export const CHROMIUM_PATH: string | null = process.env.PADME_CHROMIUM || (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null);

/**
 * Records that a suite was skipped and why; scripts/test.mjs prints the list at the end
 * (and fails under CI, which must never skip).
 */
export function noteSkip(suite: string, reason: string): void {
  const log = process.env.PADME_SKIP_LOG;
  if (log) fs.appendFileSync(log, `${suite}: ${reason}\n`);
}

/** A tool on the PATH (pdftotext from poppler-utils, soffice from libreoffice-writer-nogui), or null. */
function onPath(tool: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = `${dir}/${tool}`;
    if (dir && fs.existsSync(p)) return p;
  }
  return null;
}
export const PDFTOTEXT_PATH: string | null = onPath('pdftotext');
export const SOFFICE_PATH: string | null = onPath('soffice');
