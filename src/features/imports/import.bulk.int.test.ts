/**
 * The bulk way of a disbursement import against the row-by-row way, on PGlite and PostgreSQL:
 * two databases set up alike, the same file imported through each (the real spec, and the spec
 * without its bulk hook), and the outcome, the errors, the ledgers and the audit records compared
 * (ids and timestamps aside). Files mixing clean projects with breaking ones, returns,
 * commitments, several categories, repeated refs, identical re-imports, dry runs; then random
 * small ledgers (fast-check), including ledgers that already break the rule.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeEachDb } from '../../../test/support/db.ts';
import { freshDb } from '../../../test/support/db.ts';
import type { Db } from '../../db/db.ts';
import type { Actor } from '../../core/context.ts';
import { isAppError } from '../../core/errors.ts';
import { runImport, type ImportSpec } from './importer.ts';
import { disbursementImport } from '../budget/disbursement.import.ts';
import { disbursementBulk } from '../budget/disbursement.bulk.ts';
import { createProject, changeStatus } from '../projects/project.service.ts';
import { setBudgetLines } from '../budget/budget-lines.service.ts';
import { recordCommitment } from '../commitments/commitment.service.ts';
import { recordDisbursement, recordAdjustment } from '../budget/ledger.service.ts';

const admin: Actor = { username: 'bulk-admin', role: 'admin', scopeCode: null, userId: null, via: 'cli' };
type Spec = typeof disbursementImport;

/** The real spec, noting what its bulk way decided (added, unchanged) on each import. */
function observedSpec(decided: { added: number; unchanged: number }[]): Spec {
  return {
    ...disbursementImport,
    bulk: {
      open: async (tx, actor) => {
        const s = await disbursementBulk.open(tx, actor);
        return {
          stage: s.stage,
          settle: async () => {
            const r = await s.settle();
            decided.push({ added: r.added, unchanged: r.unchanged });
            return r;
          },
        };
      },
    },
  };
}
const rowByRow: Spec = { ...disbursementImport, bulk: undefined };

async function outcome(db: Db, spec: ImportSpec<never> | Spec, csv: string, dryRun = false): Promise<unknown> {
  try {
    return await runImport({ db, actor: admin }, spec as Spec, 'd.csv', Buffer.from(csv), { dryRun });
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { code: e.code, message: e.message, details: e.details };
  }
}

/** Every ledger entry and audit record, without ids and timestamps; an audit record's after.id checked against its entry. */
async function state(db: Db, project = '%'): Promise<{ ledger: unknown[]; audit: unknown[] }> {
  const ledger = await db.query<{ id: bigint; key: string }>(
    `SELECT e.id, p.code || '/' || e.kind || '/' || e.ref AS key, e.entry_date, e.amount, e.note, e.created_by, e.category,
            c.number AS commitment, e.version, e.deleted_at, e.updated_by
       FROM ledger_entries e JOIN projects p ON p.id = e.project_id LEFT JOIN commitments c ON c.id = e.commitment_id
      WHERE p.code LIKE $1 ORDER BY key, e.id`,
    [project],
  );
  const idOf = new Map(ledger.map((e) => [e.key, String(e.id)]));
  const audit = await db.query<{ entity_key: string; after: Record<string, unknown> | null }>(
    `SELECT actor, action, entity_type, entity_key, before, after, reason FROM audit_log WHERE entity_key LIKE $1 || '/%'
      ORDER BY entity_type, entity_key, action, id`,
    [project],
  );
  return {
    ledger: ledger.map(({ id: _id, ...rest }) => rest),
    audit: audit.map((a) => {
      if (a.after && 'id' in a.after && a.entity_key in Object.fromEntries(idOf)) {
        expect(a.after.id).toBe(idOf.get(a.entity_key));
        return { ...a, after: { ...a.after, id: 'its entry' } };
      }
      return a;
    }),
  };
}

const HEADER = 'project_code,date,amount,ref,category,commitment\n';

describeEachDb('disbursement import: the bulk way against the row-by-row way', (kind) => {
  let fast: Db;
  let slow: Db;
  const decided: { added: number; unchanged: number }[] = [];
  const bulkSpec = observedSpec(decided);

  /** The same file through both ways: the same answer, the same state after; gives the answer and what the bulk way decided. */
  async function both(csv: string, dryRun = false, project = '%'): Promise<{ answer: unknown; decided: { added: number; unchanged: number } }> {
    decided.length = 0;
    const a = await outcome(fast, bulkSpec, csv, dryRun);
    const b = await outcome(slow, rowByRow, csv, dryRun);
    expect(a).toEqual(b);
    expect(await state(fast, project)).toEqual(await state(slow, project));
    return { answer: a, decided: decided[0]! };
  }

  async function setUp(db: Db): Promise<void> {
    const ctx = { db, actor: admin };
    const project = (code: string, budget: string) =>
      createProject(ctx, {
        code,
        fiscalYear: 2559,
        owner: 'upper-north-1',
        nameTh: `โครงการ ${code}`,
        budget: BigInt(budget),
        status: 'approved',
        statusDate: '2015-10-01',
      });
    for (const [code, budget] of [
      ['F-1', 100000n],
      ['F-2', 50000n],
      ['F-3', 10000n],
      ['M-1', 100000n],
      ['C-1', 100000n],
      ['X-1', 100000n],
      ['R-1', 10000n],
    ] as const)
      await project(code, String(budget));
    await recordDisbursement(ctx, 'F-2', { date: '2016-01-01', amount: 10000n, ref: 'OLD-1' });
    await recordAdjustment(ctx, 'F-3', { date: '2016-02-01', amount: -5000n, ref: 'CUT-1', note: 'ลดงบ' });
    await setBudgetLines(ctx, 'M-1', {
      lines: [
        { category: 'operating', amount: 30000n },
        { category: 'investment', amount: 70000n },
      ],
      reason: 'แยกหมวด',
    });
    await recordCommitment(ctx, 'C-1', { number: 'K-1', kind: 'contract', date: '2015-12-01', vendor: 'ร้านค้า', amount: 20000n });
    await changeStatus(ctx, 'X-1', { status: 'cancelled', date: '2016-01-15', reason: 'ยกเลิก' });
  }

  beforeAll(async () => {
    fast = await freshDb(kind);
    slow = await freshDb(kind);
    await setUp(fast);
    await setUp(slow);
  }, 120_000);
  afterAll(async () => {
    await fast?.close();
    await slow?.close();
  });

  it('names every error of a file mixing clean projects with breaking ones, exactly as row by row, and changes nothing', async () => {
    const before = await state(fast);
    const csv =
      HEADER +
      [
        'F-1,2016-03-01,100.00,A-1,,', // clean
        'F-3,2016-03-01,40.00,B-1,,',
        'F-3,2016-03-02,20.00,B-2,,', // 60.00 of the 50.00 left after the cut
        'R-1,2016-03-01,-10.00,RET-1,,', // a return of nothing disbursed
        'C-1,2016-03-01,50.00,P-1,,K-9', // no such commitment
        'X-1,2016-03-01,1.00,P-1,,', // cancelled
        'NOPE-1,2016-03-01,1.00,P-1,,', // no such project
        'F-2,2016-01-01,100.01,OLD-1,,', // the same ref with other values
        'M-1,2016-03-01,1.00,P-1,,', // several categories, none named
        'M-1,2016-03-01,1.00,P-2,other,', // not one of its lines
        'F-1,2016-03-01,1.00,A-1,,', // repeats row 2
        'F-1,2016-03-02,2.00,A-2,,', // clean
      ].join('\n');
    const { answer, decided: d } = await both(csv);
    expect(answer).toEqual({
      code: 'import_rejected',
      message: 'The file was not imported: 9 error(s) in 9 row(s). Nothing was changed.',
      details: {
        errors: [
          { row: 4, field: 'amount', message: 'A disbursement of 20.00 would take project F-3 above its allocation of 50.00: 10.00 remains' },
          { row: 5, field: 'amount', message: 'A return of 10.00 is more than the 0.00 disbursed on project R-1' },
          { row: 6, field: 'commitment', message: 'Commitment K-9 of project C-1 not found' },
          { row: 7, field: 'project_code', message: 'Project X-1 is cancelled: no disbursement can be recorded on it' },
          { row: 8, field: 'project_code', message: 'Project NOPE-1 not found' },
          { row: 9, field: 'ref', message: 'Project F-2 already has disbursement OLD-1 with other values (2016-01-01, 100.00)' },
          {
            row: 10,
            field: 'category',
            message: 'Project M-1: the project has several budget categories (operating, investment): name the category',
          },
          { row: 11, field: 'category', message: 'Project M-1: the project has no other budget (its categories: operating, investment)' },
          { row: 12, field: 'ref', message: 'F-1 A-1 appears already in row 2: a file names each entry once' },
        ],
      },
    });
    // F-1 repeats a key: row by row; nothing was clean.
    expect(d).toEqual({ added: 0, unchanged: 0 });
    expect(await state(fast)).toEqual(before);
  });

  it('takes clean projects the bulk way and the others row by row: a return, a commitment, several categories', async () => {
    const csv =
      HEADER +
      [
        'F-1,2016-03-01,100.00,A-1,,',
        'R-1,2016-03-01,50.00,R-1,,',
        'M-1,2016-03-01,200.00,M-1,operating,',
        'C-1,2016-03-05,150.00,C-1,,K-1',
        'R-1,2016-03-10,-20.00,R-2,,', // a return: row by row
        'M-1,2016-03-01,600.00,M-2,investment,',
        'F-1,2016-02-01,900.00,A-2,operating,', // the whole allocation, dated before row 2
        'F-2,2016-01-01,100.00,OLD-1,,', // already there: unchanged
        'F-2,2016-05-01,400.00,F2-1,,',
      ].join('\n');
    const { answer, decided: d } = await both(csv);
    expect(answer).toEqual({ kind: 'disbursements', rows: 9, added: 8, unchanged: 1, dryRun: false });
    // F-1 (2), M-1 (2), F-2 (1 + 1 unchanged) the bulk way; R-1 (a return) and C-1 (a commitment) row by row.
    expect(d).toEqual({ added: 5, unchanged: 1 });
    const [m] = await fast.query<{ operating: bigint; investment: bigint }>(
      `SELECT (sum(amount) FILTER (WHERE category = 'operating'))::bigint AS operating,
              (sum(amount) FILTER (WHERE category = 'investment'))::bigint AS investment
         FROM ledger_entries WHERE ref IN ('M-1', 'M-2')`,
    );
    expect(m).toEqual({ operating: 20000n, investment: 60000n });
    const [audit] = await fast.query<{ after: unknown }>(`SELECT after FROM audit_log WHERE entity_key = 'M-1/disbursement/M-2'`);
    const [entry] = await fast.query<{ id: bigint }>(
      `SELECT e.id FROM ledger_entries e JOIN projects p ON p.id = e.project_id WHERE p.code = 'M-1' AND e.ref = 'M-2'`,
    );
    expect(audit!.after).toEqual({
      id: String(entry!.id),
      project: 'M-1',
      kind: 'disbursement',
      date: '2016-03-01',
      amount: '600.00',
      ref: 'M-2',
      note: null,
      category: 'investment',
      commitment: null,
    });
  });

  it('finds the same file again all unchanged, and a dry run changes nothing', async () => {
    const csv =
      HEADER +
      ['F-1,2016-03-01,100.00,A-1,,', 'M-1,2016-03-01,600.00,M-2,investment,', 'R-1,2016-03-10,-20.00,R-2,,', 'C-1,2016-03-05,150.00,C-1,,K-1'].join(
        '\n',
      );
    const again = await both(csv);
    expect(again.answer).toEqual({ kind: 'disbursements', rows: 4, added: 0, unchanged: 4, dryRun: false });
    // The return already there is unchanged the bulk way; the commitment is paid row by row.
    expect(again.decided).toEqual({ added: 0, unchanged: 3 });
    const before = await state(fast);
    const dry = await both(HEADER + 'M-1,2016-04-01,1.00,D-1,operating,\nC-1,2016-04-01,1.00,D-1,,K-1\nF-1,2016-03-01,100.00,A-1,,', true);
    expect(dry.answer).toEqual({ kind: 'disbursements', rows: 3, added: 2, unchanged: 1, dryRun: true });
    expect(dry.decided).toEqual({ added: 1, unchanged: 1 });
    expect(await state(fast)).toEqual(before);
  });

  it('agrees with the row-by-row way on random small ledgers, breaking ones included', async () => {
    let n = 0;
    const ways = new Set<string>();
    const dates = ['2016-01-01', '2016-02-01', '2016-03-01'];
    const category = fc.constantFrom('operating', 'investment', undefined);
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          budget: fc.integer({ min: 0, max: 300 }),
          lines: fc.option(
            fc.uniqueArray(fc.record({ category: fc.constantFrom('operating', 'investment'), amount: fc.integer({ min: 0, max: 200 }) }), {
              selector: (l) => l.category,
              minLength: 1,
            }),
          ),
          old: fc.array(
            fc.record({
              kind: fc.constantFrom('adjustment', 'disbursement'),
              date: fc.constantFrom(...dates),
              amount: fc.integer({ min: -150, max: 150 }).filter((a) => a !== 0),
              category: fc.constantFrom('operating', 'investment'),
            }),
            { maxLength: 4 },
          ),
          rows: fc.array(
            fc.record({
              date: fc.constantFrom(...dates),
              amount: fc.oneof(
                { arbitrary: fc.integer({ min: 1, max: 80 }), weight: 6 },
                { arbitrary: fc.integer({ min: -60, max: -1 }), weight: 1 },
              ),
              ref: fc.constantFrom('R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'O0', 'O1'),
              category,
            }),
            { minLength: 1, maxLength: 4 },
          ),
        }),
        async (c) => {
          const code = `Q-${++n}`;
          for (const db of [fast, slow]) {
            const lines = c.lines ?? [];
            const budget = lines.length ? lines.reduce((s, l) => s + l.amount, 0) : c.budget;
            await createProject(
              { db, actor: admin },
              {
                code,
                fiscalYear: 2559,
                owner: 'upper-north-1',
                nameTh: 'สุ่ม',
                budget: BigInt(budget * 100),
                status: 'approved',
                statusDate: '2015-10-01',
              },
            );
            const [p] = await db.query<{ id: bigint }>('SELECT id FROM projects WHERE code = $1', [code]);
            for (const l of lines) await db.query('INSERT INTO project_budget_lines VALUES ($1, $2, $3)', [p!.id, l.category, l.amount * 100]);
            // Written without the rules: the ledger may already break them.
            for (const [i, e] of c.old.entries())
              await db.query(
                `INSERT INTO ledger_entries (project_id, kind, entry_date, amount, ref, created_by, category) VALUES ($1, $2, $3, $4, $5, 'test', $6)`,
                [p!.id, e.kind, e.date, e.amount * 100, `O${i}`, e.category],
              );
          }
          const csv = HEADER + c.rows.map((r) => `${code},${r.date},${r.amount}.00,${r.ref},${r.category ?? ''},`).join('\n');
          const { decided: d } = await both(csv, false, code);
          ways.add(d.added + d.unchanged === c.rows.length ? 'bulk' : d.added + d.unchanged === 0 ? 'row by row' : 'mixed');
        },
      ),
      { numRuns: 20, seed: 6 },
    );
    // The runs took both ways (a project's rows all go one way).
    expect([...ways].sort()).toEqual(['bulk', 'row by row']);
  }, 120_000);
});
