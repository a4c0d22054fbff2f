import { Option, type Command } from 'commander';
import { z } from 'zod';
import { systemActor } from '../core/context.ts';
import { IsoDateString } from '../core/schemas.ts';
import { OwnerCode } from '../features/reference/reference.schema.ts';
import { eventsReport, eventsReportCsv, eventsReportText } from '../features/events/events.report.ts';
import { withDb } from './with-db.ts';

const Query = z
  .object({ owner: OwnerCode, from: IsoDateString, to: IsoDateString, asOf: IsoDateString.optional() })
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['to'] });

/** `padme report events`: visits and trainings in a date range, and the events held in it, as the Thai sentences of the meeting report. */
export function eventsReportCommand(report: Command): void {
  report
    .command('events')
    .description("An owner's monitoring visits and trainings in a date range, and the events held in it, as Thai report sentences")
    .requiredOption('--owner <code>', 'cluster code (upper-north-1) or province code (50 or TH-50)')
    .requiredOption('--from <date>', 'YYYY-MM-DD')
    .requiredOption('--to <date>', 'YYYY-MM-DD')
    .option('--as-of <date>', 'what has ended by then is told as held, the rest as scheduled (default: today)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'))
    .addOption(new Option('--digits <digits>', 'digits of the sentences').choices(['thai', 'arabic']).default('thai'))
    .action(async (opts: { owner: string; from: string; to: string; asOf?: string; format: string; digits: string }, cmd: Command) => {
      const query = Query.parse({ owner: opts.owner, from: opts.from, to: opts.to, asOf: opts.asOf });
      const r = await withDb(cmd, (db) => eventsReport(db, systemActor('cli'), query, { thaiDigits: opts.digits === 'thai' }));
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      else if (opts.format === 'csv') process.stdout.write(eventsReportCsv(r));
      else process.stdout.write(eventsReportText(r));
    });
}
