import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { systemActor } from '../core/context.ts';
import { MeetingRef, REPORT_FORMATS } from '../features/meetings/meetings.schema.ts';
import { findMeeting, meetingReport, regenerateReport } from '../features/meetings/meetings.service.ts';
import { renderReport } from '../features/meetings/meetings.render.ts';
import { withDb } from './with-db.ts';

/** `padme report meeting`: the report of a meeting (12/2558 of an owner) in text, HTML, DOCX, PDF or XLSX. */
export function meetingReportCommand(report: Command): void {
  report
    .command('meeting')
    .description('The report of a meeting: the frozen one once it is closed, computed as of its cut-off date otherwise')
    .requiredOption('--owner <code>', 'cluster code (upper-north-1) or province code (50 or TH-50)')
    .requiredOption('--no <number>', 'its number within the B.E. year: 12 of 12/2558')
    .requiredOption('--year <year>', 'the B.E. year of its number: 2558')
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('text'))
    .addOption(new Option('--digits <digits>', 'digits of the report').choices(['thai', 'arabic']).default('thai'))
    .option('--regenerate', "compute a closed meeting's report again from live data, and list what changed since it was frozen (on standard error)")
    .option('--out <file>', 'write to this file instead of standard output (required for docx, pdf and xlsx)')
    .action(
      async (opts: { owner: string; no: string; year: string; format: string; digits: string; regenerate?: boolean; out?: string }, cmd: Command) => {
        const ref = MeetingRef.parse({ owner: opts.owner, no: opts.no, year: opts.year });
        const format = opts.format as (typeof REPORT_FORMATS)[number];
        if (['docx', 'pdf', 'xlsx'].includes(format) && !opts.out) throw new Error(`--format ${format} needs --out FILE`);
        const style = { thaiDigits: opts.digits === 'thai' };
        const out = await withDb(cmd, async (db) => {
          const actor = systemActor('cli');
          const m = await findMeeting(db, actor, ref);
          if (!opts.regenerate) return renderReport(await meetingReport(db, actor, m.id, style), format);
          const { report, changes } = await regenerateReport({ db, actor }, m.id, style);
          for (const c of changes)
            process.stderr.write(`changed: ${c.topic} [${c.index}]\n  was: ${c.old.join(' / ')}\n  now: ${c.new.join(' / ')}\n`);
          return renderReport(report, format);
        });
        if (opts.out) fs.writeFileSync(opts.out, out.body);
        else process.stdout.write(out.body);
      },
    );
}
