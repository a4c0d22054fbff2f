/**
 * The `padme` CLI as a person runs it: `node bin/padme.mjs --data <dir> …` in a child process.
 * One demo data dir (a copy of the run's, test/support/cli.ts demoDataDir; each spawn costs about a second); tests that write use a copy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cliEnv, demoDataDir, padme, ROOT } from '../../test/support/cli.ts';
import { PG_ADMIN_URL, noteSkip } from '../../test/support/env.ts';
import { ALL_DEMO_PROJECTS, DEMO_USERS } from '../features/demo/demo.data.ts';

const STATUS_COUNTS_2559 = { proposed: 0, revising: 1, approved: 14, in_progress: 0, completed: 0, cancelled: 0 };

const SEED_2559 = {
  owner: 'upper-north-1',
  ownerKind: 'cluster',
  ownerNameTh: 'กลุ่มจังหวัดภาคเหนือตอนบน 1',
  ownerNameEn: 'Upper Northern 1',
  fiscalYear: 2559,
  asOf: '2016-01-05',
  projectCount: 15,
  allocated: '359420700.00',
  disbursed: '1421593.29',
  disbursedPercent: '0.40',
  remaining: '357999106.71',
  remainingPercent: '99.60',
  statusCounts: STATUS_COUNTS_2559,
  // By budget category (demo.data.ts): investment lines of UN1-2559-05 (20,000,000.00) and -07
  // (24,320,700.00), and the payment GF59-0501 (185,382.79); everything else is operating.
  byCategory: [
    {
      category: 'operating',
      projectCount: 14,
      allocated: '315100000.00',
      disbursed: '1236210.50',
      disbursedPercent: '0.39',
      remaining: '313863789.50',
      remainingPercent: '99.61',
    },
    {
      category: 'investment',
      projectCount: 2,
      allocated: '44320700.00',
      disbursed: '185382.79',
      disbursedPercent: '0.42',
      remaining: '44135317.21',
      remainingPercent: '99.58',
    },
    { category: 'other', projectCount: 0, allocated: '0.00', disbursed: '0.00', disbursedPercent: null, remaining: '0.00', remainingPercent: null },
  ],
};

const REPORT_2559 = ['report', 'disbursement', '--owner', 'upper-north-1', '--fiscal-year', '2559', '--as-of', '2016-01-05'];

const SEED_SENTENCE = 'จำนวน ๑,๔๒๑,๕๙๓.๒๙ บาท คิดเป็นร้อยละ ๐.๔๐ คงเหลือ ๓๕๗,๙๙๙,๑๐๖.๗๑ บาท คิดเป็นร้อยละ ๙๙.๖๐ (ข้อมูล ณ วันที่ ๕ มกราคม ๒๕๕๙)';

/** No JavaScript stack trace in what a person reads. */
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at .+(\.ts|\.js|\.mjs|node:)/m);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts `padme serve` and resolves once it prints its "PADME serving" line. */
function serve(dataDir: string, port: number): Promise<{ child: ChildProcess; line: string; stderr: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--data', dataDir, 'serve', '--port', String(port)], {
      cwd: ROOT,
      env: cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start: ${out} ${err}`));
    }, 60_000);
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('PADME serving'));
      if (line) {
        clearTimeout(timer);
        resolve({ child, line, stderr: () => err });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${out} ${err}`));
    });
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('padme CLI', { timeout: 60_000 }, () => {
  let tmp: string;
  let demoDir: string;
  let copies = 0;
  /** A private copy of the demo data dir, for a test that writes. */
  const demoCopy = () => {
    const dir = path.join(tmp, `copy-${++copies}`);
    fs.cpSync(demoDir, dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'padme-cli-'));
    demoDir = path.join(tmp, 'demo');
    const r = await demoDataDir(demoDir);
    const projects = ALL_DEMO_PROJECTS();
    const payments = projects.reduce((n, p) => n + p.payments.length, 0);
    // The demo accounts are printed once, each with a generated password of 16 characters.
    const accounts = DEMO_USERS.map((u) => `  ${u.username.padEnd(14)} PASSWORD  ${u.role}${u.scope ? ` of ${u.scope}` : ''}\n`).join('');
    expect({ ...r, stdout: r.stdout.replace(/(?<=^  \S+ +)[A-Za-z0-9_-]{16}(?=  )/gm, 'PASSWORD') }).toEqual({
      code: 0,
      stdout: `Demo data loaded: ${projects.length} projects, ${payments} disbursements (illustrative figures marked in the data).\nDemo accounts (passwords shown only now):\n${accounts}`,
      stderr: '',
    });
  }, 120_000);

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('every command and subcommand answers --help with exit 0', async () => {
    const commands = [
      [],
      ['serve'],
      ['demo'],
      ['import'],
      ['import', 'projects'],
      ['import', 'disbursements'],
      ['report'],
      ['report', 'disbursement'],
      ['report', 'ranking'],
      ['user'],
      ['user', 'add'],
      ['user', 'list'],
      ['token'],
      ['token', 'create'],
      ['audit'],
      ['backup'],
      ['restore'],
    ];
    const runs = await Promise.all(commands.map((c) => padme([...c, '--help'])));
    runs.forEach((r, i) => {
      const usage = `Usage: padme${commands[i]!.length ? ` ${commands[i]!.join(' ')}` : ''} [options]`;
      expect({ command: commands[i], code: r.code, stderr: r.stderr, start: r.stdout.slice(0, usage.length) }).toEqual({
        command: commands[i],
        code: 0,
        stderr: '',
        start: usage,
      });
    });
    expect(runs[0]!.stdout).toContain('--data <dir>');
    expect(runs[7]!.stdout).toContain('--as-of <date>');
    expect(runs[7]!.stdout).toContain('--by-category');
    expect(runs[8]!.stdout).toContain('--level <level>');
    expect(runs[4]!.stdout).toContain('--dry-run');
  }, 120_000);

  it('report disbursement --format json prints exactly the seed figures', async () => {
    const r = await padme(['--data', demoDir, ...REPORT_2559, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(SEED_2559);
    expect(r.stdout).toBe(`${JSON.stringify(SEED_2559, null, 2)}\n`);
  });

  it('report disbursement --format text writes the seed sentence (Thai digits by default, Arabic on request)', async () => {
    const thai = await padme(['--data', demoDir, ...REPORT_2559]);
    expect(thai.code).toBe(0);
    expect(thai.stdout).toContain(SEED_SENTENCE);
    expect(thai.stdout).toBe(
      `ผลการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ ${SEED_SENTENCE}\n` +
        'งบประมาณที่ได้รับจัดสรร ๓๕๙,๔๒๐,๗๐๐.๐๐ บาท จำนวน ๑๕ โครงการ\n',
    );
    const arabic = await padme(['--data', demoDir, ...REPORT_2559, '--format', 'text', '--digits', 'arabic']);
    expect(arabic.code).toBe(0);
    expect(arabic.stdout).toContain('จำนวน 1,421,593.29 บาท คิดเป็นร้อยละ 0.40 คงเหลือ 357,999,106.71 บาท คิดเป็นร้อยละ 99.60 (ข้อมูล ณ วันที่ 5 มกราคม 2559)');
  }, 120_000);

  it('report disbursement --format csv', async () => {
    const r = await padme(['--data', demoDir, ...REPORT_2559, '--format', 'csv']);
    expect(r).toEqual({
      code: 0,
      stdout:
        'owner,fiscalYear,asOf,projectCount,allocated,disbursed,disbursedPercent,remaining,remainingPercent,category\n' +
        'upper-north-1,2559,2016-01-05,15,359420700.00,1421593.29,0.40,357999106.71,99.60,all\n' +
        'upper-north-1,2559,2016-01-05,14,315100000.00,1236210.50,0.39,313863789.50,99.61,operating\n' +
        'upper-north-1,2559,2016-01-05,2,44320700.00,185382.79,0.42,44135317.21,99.58,investment\n' +
        'upper-north-1,2559,2016-01-05,0,0.00,0.00,,0.00,,other\n',
      stderr: '',
    });
  });

  it('report disbursement --by-category adds one sentence per budget category to the text, which is otherwise unchanged', async () => {
    const r = await padme(['--data', demoDir, ...REPORT_2559, '--by-category']);
    expect(r).toEqual({
      code: 0,
      stdout:
        `ผลการเบิกจ่ายงบประมาณโครงการกลุ่มจังหวัดภาคเหนือตอนบน ๑ ประจำปีงบประมาณ พ.ศ. ๒๕๕๙ ${SEED_SENTENCE}\n` +
        'งบประมาณที่ได้รับจัดสรร ๓๕๙,๔๒๐,๗๐๐.๐๐ บาท จำนวน ๑๕ โครงการ\n' +
        'งบดำเนินงาน ได้รับจัดสรร ๓๑๕,๑๐๐,๐๐๐.๐๐ บาท เบิกจ่ายจำนวน ๑,๒๓๖,๒๑๐.๕๐ บาท คิดเป็นร้อยละ ๐.๓๙ คงเหลือ ๓๑๓,๘๖๓,๗๘๙.๕๐ บาท คิดเป็นร้อยละ ๙๙.๖๑\n' +
        'งบลงทุน ได้รับจัดสรร ๔๔,๓๒๐,๗๐๐.๐๐ บาท เบิกจ่ายจำนวน ๑๘๕,๓๘๒.๗๙ บาท คิดเป็นร้อยละ ๐.๔๒ คงเหลือ ๔๔,๑๓๕,๓๑๗.๒๑ บาท คิดเป็นร้อยละ ๙๙.๕๘\n' +
        'งบรายจ่ายอื่น ไม่ได้รับจัดสรรงบประมาณ\n',
      stderr: '',
    });
    const arabic = await padme(['--data', demoDir, ...REPORT_2559, '--by-category', '--digits', 'arabic']);
    expect(arabic.stdout.split('\n')[3]).toBe(
      'งบลงทุน ได้รับจัดสรร 44,320,700.00 บาท เบิกจ่ายจำนวน 185,382.79 บาท คิดเป็นร้อยละ 0.42 คงเหลือ 44,135,317.21 บาท คิดเป็นร้อยละ 99.58',
    );
  }, 120_000);

  it('report ranking --fiscal-year 2558: upper-north-1 is 7th of 18 at 72.32 %', async () => {
    const r = await padme(['--data', demoDir, 'report', 'ranking', '--fiscal-year', '2558', '--as-of', '2016-01-05', '--format', 'json']);
    expect(r.code).toBe(0);
    const ranking = JSON.parse(r.stdout) as { fiscalYear: number; asOf: string; level: string; clusters: { rank: number; owner: string }[] };
    expect(ranking).toMatchObject({ fiscalYear: 2558, asOf: '2016-01-05', level: 'cluster' });
    expect(ranking.clusters).toHaveLength(18);
    expect(ranking.clusters.map((c) => c.rank)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(ranking.clusters[6]).toEqual({
      rank: 7,
      owner: 'upper-north-1',
      nameTh: 'กลุ่มจังหวัดภาคเหนือตอนบน 1',
      nameEn: 'Upper Northern 1',
      projectCount: 12,
      allocated: '284810000.00',
      disbursed: '205973814.96',
      disbursedPercent: '72.32',
    });
  });

  it('bad arguments exit non-zero with a clear message and no stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [['report', 'disbursement', '--owner', 'upper-north-1', '--fiscal-year', 'abc', '--as-of', '2016-01-05'], /^padme: --fiscal-year: .+\n$/],
      [
        ['report', 'disbursement', '--owner', 'upper-north-1', '--fiscal-year', '2559', '--as-of', '2016-02-30'],
        /^padme: --as-of: must be a real date written YYYY-MM-DD\n$/,
      ],
      [['report', 'ranking', '--fiscal-year', '2558', '--as-of', '5/1/2559'], /^padme: --as-of: must be a real date written YYYY-MM-DD\n$/],
      [['report', 'disbursement', '--fiscal-year', '2559', '--as-of', '2016-01-05'], /^error: required option '--owner <code>' not specified/],
      [[...REPORT_2559, '--format', 'xml'], /^error: option '--format <format>' argument 'xml' is invalid\. Allowed choices are text, json, csv\./],
      [['report', 'bogus'], /unknown command 'bogus'/],
    ];
    // These fail before opening the database: run them side by side.
    const runs = await Promise.all(cases.map(([args]) => padme(['--data', demoDir, ...args])));
    runs.forEach((r, i) => {
      expect({ args: cases[i]![0], code: r.code, stdout: r.stdout }).toEqual({ args: cases[i]![0], code: 1, stdout: '' });
      expect(r.stderr).toMatch(cases[i]![1]);
      noStack(r.stderr);
    });

    // An unknown owner is found out in the database.
    const unknown = await padme([
      '--data',
      demoDir,
      'report',
      'disbursement',
      '--owner',
      'nowhere',
      '--fiscal-year',
      '2559',
      '--as-of',
      '2016-01-05',
    ]);
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'padme: Unknown cluster nowhere in the cluster scheme 2552 of fiscal year 2559\n' });
  }, 120_000);

  // BUG: core/schemas.ts FiscalYear is z.union([number, FiscalYearText]); for text that is not a
  // number the union reports zod's generic "Invalid input" instead of the fiscal-year message, so
  // `--fiscal-year abc` prints "padme: --fiscal-year: Invalid input" (the API's ?fiscalYear=abc
  // likewise answers "fiscalYear: Invalid input"). Files use FiscalYearText alone and say it well.
  describe('--fiscal-year abc says only "Invalid input"', () => {
    it('names what a fiscal year must be', async () => {
      const r = await padme([
        '--data',
        demoDir,
        'report',
        'disbursement',
        '--owner',
        'upper-north-1',
        '--fiscal-year',
        'abc',
        '--as-of',
        '2016-01-05',
      ]);
      expect(r).toEqual({ code: 1, stdout: '', stderr: 'padme: --fiscal-year: fiscal year must be a B.E. year such as 2559\n' });
    });
  });

  it('demo on a non-empty database fails with a clear message', async () => {
    const r = await padme(['--data', demoDir, 'demo']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'padme: The database already holds projects: padme demo loads only into an empty database (use another --data directory)\n',
    });
  });

  it('import disbursements: a bad file lists every bad row and changes nothing; a good one imports; --dry-run checks', async () => {
    const dir = demoCopy();
    const bad = path.join(tmp, 'bad.csv');
    fs.writeFileSync(
      bad,
      'project_code,date,amount,ref\nUN1-2559-01,31/2/2559,10,CLI-1\nNO-SUCH,2016-01-04,10,CLI-2\nUN1-2559-01,2016-01-04,1.234,CLI-3\n',
    );
    const r = await padme(['--data', dir, '--as', 'admin', 'import', 'disbursements', bad]);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'padme: The file was not imported: 3 error(s) in 3 row(s). Nothing was changed.\n' +
        '  row 2, date: 31/2/2559 is not a real date\n' +
        '  row 3, project_code: Project NO-SUCH not found\n' +
        '  row 4, amount: "1.234" is not an amount: use digits with up to 2 decimals, e.g. 1234.50 or 1,234.50\n',
    });

    const good = path.join(tmp, 'good.csv');
    fs.writeFileSync(good, '\uFEFFรหัสโครงการ,วันที่,จำนวนเงิน,เลขที่เอกสาร\nUN1-2559-01,4/1/2559,"1,000.71",CLI-4\nUN1-2559-02,2016-01-05,7000,CLI-5\n');
    const dry = await padme(['--data', dir, '--as', 'admin', 'import', 'disbursements', good, '--dry-run']);
    expect(dry).toEqual({ code: 0, stdout: 'good.csv: 2 rows checked (dry run, nothing changed): 2 added, 0 already present\n', stderr: '' });
    const first = await padme(['--data', dir, '--as', 'admin', 'import', 'disbursements', good]);
    expect(first).toEqual({ code: 0, stdout: 'good.csv: 2 rows imported: 2 added, 0 already present\n', stderr: '' });
    const again = await padme(['--data', dir, '--as', 'admin', 'import', 'disbursements', good]);
    expect(again).toEqual({ code: 0, stdout: 'good.csv: 2 rows imported: 0 added, 2 already present\n', stderr: '' });

    // Only the good file (once) counts: 1,421,593.29 + 1,000.71 + 7,000.00.
    const report = await padme(['--data', dir, ...REPORT_2559, '--format', 'json']);
    expect(JSON.parse(report.stdout)).toEqual({
      ...SEED_2559,
      disbursed: '1429594.00',
      disbursedPercent: '0.40',
      remaining: '357991106.00',
      remainingPercent: '99.60',
      // both projects have only the implicit operating line: 1,236,210.50 + 8,000.71
      byCategory: [
        { ...SEED_2559.byCategory[0], disbursed: '1244211.21', disbursedPercent: '0.39', remaining: '313855788.79', remainingPercent: '99.61' },
        SEED_2559.byCategory[1],
        SEED_2559.byCategory[2],
      ],
    });
  }, 180_000);

  it('a missing file is a clear error', async () => {
    const r = await padme(['--data', demoDir, '--as', 'admin', 'import', 'projects', path.join(tmp, 'no-such.csv')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^padme: ENOENT: no such file or directory, open '.*no-such\.csv'\n$/);
    noStack(r.stderr);
  });

  it('serve holds the data dir: a second process is refused naming the lock; the API gives the same JSON as the CLI', async () => {
    const created = await padme(['--data', demoDir, 'token', 'create', '--username', 'viewer', '--name', 'cli-test']);
    expect(created.code).toBe(0);
    const auth = { headers: { authorization: `Bearer ${created.stdout.trim()}` } };
    const port = await freePort();
    const server = await serve(demoDir, port);
    try {
      expect(server.line).toBe(`PADME serving http://127.0.0.1:${port}/ (API docs at /api/docs), data: PGlite in ${demoDir}`);
      const refused = await padme(['--data', demoDir, ...REPORT_2559, '--format', 'json']);
      expect(refused).toEqual({
        code: 1,
        stdout: '',
        stderr: `padme: The data directory ${demoDir} is in use by another PADME process (PID ${server.child.pid}). Stop it first, or choose another directory with --data.\n`,
      });
      // The server still answers, with what the CLI printed for the same data.
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/reports/disbursement?owner=upper-north-1&fiscalYear=2559&asOf=2016-01-05`, auth);
      expect(res.status).toBe(200);
      const api = await res.json();
      expect(api).toEqual(SEED_2559);
      const ranking = await (await fetch(`http://127.0.0.1:${port}/api/v1/reports/ranking?fiscalYear=2558&asOf=2016-01-05`, auth)).json();
      server.child.kill('SIGTERM');
      expect(await exited(server.child)).toBe(0);
      // Released on exit: the CLI opens the directory again, and prints what the API served.
      const [cli, cliRanking] = [
        await padme(['--data', demoDir, ...REPORT_2559, '--format', 'json']),
        await padme(['--data', demoDir, 'report', 'ranking', '--fiscal-year', '2558', '--as-of', '2016-01-05', '--format', 'json']),
      ];
      expect(cli.code).toBe(0);
      expect(JSON.parse(cli.stdout)).toEqual(api);
      expect(JSON.parse(cliRanking.stdout)).toEqual(ranking);
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 180_000);

  it('a lock left by a dead process is taken over', async () => {
    const dir = demoCopy();
    const lock = path.join(path.dirname(dir), `.${path.basename(dir)}.padme.lock`);
    // A PID that is not running: a short-lived child that has exited.
    const dead = spawn(process.execPath, ['-e', '0']);
    await exited(dead);
    fs.writeFileSync(lock, String(dead.pid));
    const r = await padme(['--data', dir, ...REPORT_2559, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('upper-north-1,2559,2016-01-05,15,359420700.00,1421593.29,0.40,357999106.71,99.60');
    expect(fs.existsSync(lock)).toBe(false);
  });
});

describe('padme CLI on PostgreSQL (DATABASE_URL)', () => {
  if (!PG_ADMIN_URL) {
    noteSkip('padme CLI on PostgreSQL', 'skipped: no PostgreSQL server (PADME_TEST_PG_URL)');
    it.skip('needs PADME_TEST_PG_URL', () => {});
    return;
  }
  const name = `padme_cli_${randomBytes(6).toString('hex')}`;
  let url = '';
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL! });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(PG_ADMIN_URL!);
    u.pathname = `/${name}`;
    url = u.toString();
  });
  afterAll(async () => {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL! });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('demo, then the same reports as on PGlite; DATABASE_URL wins over --data', async () => {
    const unused = path.join(os.tmpdir(), `padme-unused-${randomBytes(4).toString('hex')}`);
    const demo = await padme(['--data', unused, 'demo'], { env: { DATABASE_URL: url } });
    expect(demo.code).toBe(0);
    expect(demo.stdout).toMatch(/^Demo data loaded: \d+ projects/);
    expect(fs.existsSync(unused)).toBe(false);
    const r = await padme([...REPORT_2559, '--format', 'json'], { env: { DATABASE_URL: url } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${JSON.stringify(SEED_2559, null, 2)}\n`);
    const text = await padme(REPORT_2559, { env: { DATABASE_URL: url } });
    expect(text.stdout).toContain(SEED_SENTENCE);
    const again = await padme(['demo'], { env: { DATABASE_URL: url } });
    expect(again).toEqual({
      code: 1,
      stdout: '',
      stderr: 'padme: The database already holds projects: padme demo loads only into an empty database (use another --data directory)\n',
    });
  }, 180_000);
});
