/**
 * `padme demo --national` as a person runs it (the real binary, a PGlite data dir): the printed
 * summary and digest at the smallest size (one project per cluster a year: any scale up to 0.0018
 * gives the same rows), the refusal of a non-empty database, and bad options. The loader itself,
 * on both databases, is tested in src/features/national/national.int.test.ts.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { padme, type Run } from '../../test/support/cli.ts';
import { NATIONAL_FISCAL_YEARS, digestFiscalYear, generateFiscalYear } from '../features/national/national.generate.ts';

/** sha256 of every generated row at the smallest size (18 projects a year), seed 7. */
const DIGEST = 'ece093842ed21f61586625911b325646d395452259ff144c381b19a3dc1098ff';
const PER_YEAR = [817, 842, 995, 747, 1107, 817, 888, 992, 1024, 747];

const badScale = (value: string) => `error: option '--scale <s>' argument '${value}' is invalid. a number above 0 and at most 10`;

describe('padme demo --national', { timeout: 120_000 }, () => {
  let tmp: string;
  let dataDir: string;
  let first: Run;
  let bad: Run[];
  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-national-'));
    dataDir = path.join(tmp, 'national');
    // The bad options are refused before any database is opened: run them beside the load.
    [first, ...bad] = await Promise.all([
      padme(['--data', dataDir, 'demo', '--national', '--scale', '0.0001', '--seed', '7']),
      ...['0', 'abc'].map((v) => padme(['--data', path.join(tmp, `bad-${v}`), 'demo', '--national', '--scale', v])),
    ]);
  }, 120_000);
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('prints the summary, each fiscal year on stderr, and the digest of the generated rows', () => {
    expect(first.code).toBe(0);
    const lines = first.stdout.split('\n');
    expect(lines[0]).toMatch(/^National data set loaded \(scale 0\.0001, seed 7\): 180 projects, 8976 ledger entries, FY 2559-2568, in \d+\.\d s\.$/);
    expect(lines.slice(1)).toEqual([`Digest of the data set: ${DIGEST}`, '']);
    expect(first.stderr).toBe(NATIONAL_FISCAL_YEARS.map((fy, i) => `FY ${fy}: 18 projects, ${PER_YEAR[i]} ledger entries\n`).join(''));
    expect(PER_YEAR.reduce((a, b) => a + b)).toBe(8976);
    // The digest printed is that of the generator run here (same scale and seed, same rows).
    const h = createHash('sha256');
    for (const fy of NATIONAL_FISCAL_YEARS) digestFiscalYear(h, generateFiscalYear(fy, { scale: 0.0001, seed: 7 }));
    expect(h.digest('hex')).toBe(DIGEST);
  });

  it('refuses a second run into the same (non-empty) database', async () => {
    const again = await padme(['--data', dataDir, 'demo', '--national', '--scale', '0.0001', '--seed', '8']);
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr: 'padme: The database already holds projects: padme demo --national loads only into an empty database (use another --data directory)\n',
    });
  });

  it('rejects a scale of 0 or abc, naming the option, before opening any database', () => {
    for (const [run, value] of [
      [bad[0]!, '0'],
      [bad[1]!, 'abc'],
    ] as const) {
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 1, stdout: '' });
      // commander then prints the command's help.
      expect(run.stderr.split('\n').slice(0, 3)).toEqual([badScale(value), '', 'Usage: padme demo [options]']);
    }
    expect(['bad-0', 'bad-abc'].filter((d) => fs.existsSync(path.join(tmp, d)))).toEqual([]);
  });
});
