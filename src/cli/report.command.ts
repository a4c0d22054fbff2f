import { Command, Option } from 'commander';
import { systemActor } from '../core/context.ts';
import { DisbursementReportQuery, RankingQuery } from '../features/reports/report.schema.ts';
import { disbursementReport, ranking } from '../features/reports/report.service.ts';
import { disbursementCsv, disbursementText, rankingCsv, rankingText } from '../features/reports/report.format.ts';
import { withDb } from './with-db.ts';
import fs from 'node:fs';
import { ProgressReportQuery } from '../features/progress/progress.schema.ts';
import { progressReport } from '../features/progress/progress.service.ts';
import { progressCsv, progressText, progressWorkbook } from '../features/progress/progress.format.ts';
import { eventsReportCommand } from './events.command.ts';
import { meetingReportCommand } from './meetings.command.ts';
import { OwnerYearQuery } from '../features/indicators/indicators.schema.ts';
import { indicatorReport } from '../features/indicators/indicators.service.ts';
import { indicatorCsv, indicatorText } from '../features/indicators/indicators.format.ts';

const formatOption = () => new Option('--format <format>', 'output format').choices(['text', 'json', 'csv']).default('text');
const digitsOption = () => new Option('--digits <digits>', 'digits of the text format').choices(['thai', 'arabic']).default('thai');

export function reportCommand(program: Command): void {
  const report = program.command('report').description('Reports as of a date');
  eventsReportCommand(report);
  meetingReportCommand(report);

  report
    .command('disbursement')
    .description('Allocated, disbursed and remaining of a cluster or province for a fiscal year as of a date')
    .requiredOption('--owner <code>', 'cluster code (upper-north-1) or province code (50 or TH-50)')
    .requiredOption('--fiscal-year <year>', 'B.E. fiscal year, e.g. 2559')
    .requiredOption('--as-of <date>', 'YYYY-MM-DD')
    .addOption(formatOption())
    .addOption(digitsOption())
    .option('--by-category', 'text format: add one sentence per budget category (json and csv always carry the split)')
    .action(async (opts: { owner: string; fiscalYear: string; asOf: string; format: string; digits: string; byCategory?: boolean }, cmd: Command) => {
      const query = DisbursementReportQuery.parse({ owner: opts.owner, fiscalYear: opts.fiscalYear, asOf: opts.asOf });
      const r = await withDb(cmd, (db) => disbursementReport(db, systemActor('cli'), query));
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else if (opts.format === 'csv') process.stdout.write(disbursementCsv(r));
      else process.stdout.write(disbursementText(r, { thaiDigits: opts.digits === 'thai' }, { byCategory: !!opts.byCategory }));
    });

  report
    .command('ranking')
    .description('The 18 clusters (or the provinces) ranked by disbursement rate')
    .requiredOption('--fiscal-year <year>', 'B.E. fiscal year, e.g. 2558')
    .requiredOption('--as-of <date>', 'YYYY-MM-DD')
    .addOption(new Option('--level <level>', 'what to rank').choices(['cluster', 'province']).default('cluster'))
    .option('--cluster <code>', 'with --level province: only the provinces of this cluster')
    .addOption(formatOption())
    .addOption(digitsOption())
    .action(async (opts: { fiscalYear: string; asOf: string; level: string; cluster?: string; format: string; digits: string }, cmd: Command) => {
      const query = RankingQuery.parse({ fiscalYear: opts.fiscalYear, asOf: opts.asOf, level: opts.level, cluster: opts.cluster });
      const r = await withDb(cmd, (db) => ranking(db, systemActor('cli'), query));
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else if (opts.format === 'csv') process.stdout.write(rankingCsv(r));
      else process.stdout.write(rankingText(r, { thaiDigits: opts.digits === 'thai' }));
    });

  report
    .command('progress')
    .description('Plan against actual of a cluster or province for a fiscal year as of a date: by category, targets, warnings, forecasts')
    .requiredOption('--owner <code>', 'cluster code (upper-north-1) or province code (50 or TH-50)')
    .requiredOption('--fiscal-year <year>', 'B.E. fiscal year, e.g. 2559')
    .requiredOption('--as-of <date>', 'YYYY-MM-DD')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'csv', 'xlsx']).default('text'))
    .addOption(digitsOption())
    .option('--out <file>', 'write to this file instead of standard output (required for xlsx)')
    .action(async (opts: { owner: string; fiscalYear: string; asOf: string; format: string; digits: string; out?: string }, cmd: Command) => {
      const query = ProgressReportQuery.parse({ owner: opts.owner, fiscalYear: opts.fiscalYear, asOf: opts.asOf });
      const r = await withDb(cmd, (db) => progressReport(db, systemActor('cli'), query));
      let output: string | Buffer;
      if (opts.format === 'json') output = `${JSON.stringify(r, null, 2)}\n`;
      else if (opts.format === 'csv') output = progressCsv(r);
      else if (opts.format === 'xlsx') output = await progressWorkbook(r);
      else output = progressText(r, { thaiDigits: opts.digits === 'thai' });
      if (opts.out) fs.writeFileSync(opts.out, output);
      else if (typeof output !== 'string') throw new Error('--format xlsx needs --out FILE');
      else process.stdout.write(output);
    });

  report
    .command('indicators')
    .description(
      "Performance-agreement indicators of a cluster or province for a fiscal year as of a date: targets, latest results, scores, the agreement's status, open change requests, warnings",
    )
    .requiredOption('--owner <code>', 'cluster code (upper-north-1) or province code (50 or TH-50)')
    .requiredOption('--fiscal-year <year>', 'B.E. fiscal year, e.g. 2559')
    .requiredOption('--as-of <date>', 'YYYY-MM-DD')
    .addOption(formatOption())
    .addOption(digitsOption())
    .action(async (opts: { owner: string; fiscalYear: string; asOf: string; format: string; digits: string }, cmd: Command) => {
      const query = OwnerYearQuery.parse({ owner: opts.owner, fiscalYear: opts.fiscalYear, asOf: opts.asOf });
      const r = await withDb(cmd, (db) => indicatorReport(db, systemActor('cli'), query));
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else if (opts.format === 'csv') process.stdout.write(indicatorCsv(r));
      else process.stdout.write(indicatorText(r, { thaiDigits: opts.digits === 'thai' }));
    });
}
