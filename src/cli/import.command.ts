import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { importFile, IMPORT_KINDS, type ImportKind } from '../features/imports/import.service.ts';
import { withDb } from './with-db.ts';
import { cliActor } from './actor.ts';

const IMPORT_HELP: Record<ImportKind, string> = {
  projects: 'Projects: code,fiscal_year,owner,name,budget,status[,agency] (or the Thai headers)',
  disbursements: 'Disbursements: project_code,date,amount,ref (or the Thai headers); dates ISO or d/m/yyyy B.E.',
  plans:
    'Spending plans: project_code,month,amount[,category,physical_percent,effective_from,reason] and milestone rows milestone,milestone_name,planned_start,planned_end[,actual_start,actual_end]; the rows of a project make one version of its plan',
  progress:
    'Monthly progress reports: project_code,month,percent[,done,obstacles,solutions,help_requested,submit]; month YYYY-MM, 1/2559 or ม.ค. 2559; submit yes/no (default no: a draft)',
  results:
    'Indicator results: owner,fiscal_year,indicator,period,value,date[,component,source,evidence_url] (or the Thai headers); period annual, Q1..Q4 or YYYY-MM',
};

export function importCommand(program: Command): void {
  const imp = program.command('import').description('Import a CSV (UTF-8) or XLSX file, whole or not at all');
  for (const kind of IMPORT_KINDS) {
    imp
      .command(`${kind} <file>`)
      .description(IMPORT_HELP[kind])
      .option('--dry-run', 'check the file and report errors without changing anything')
      .action(async (file: string, opts: { dryRun?: boolean }, cmd: Command) => {
        // Read as a stream: a large CSV never sits whole in memory.
        fs.closeSync(fs.openSync(file, 'r'));
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar({ stream: process.stderr, format: `${kind} [{bar}] {value}/{total} rows` }, cliProgress.Presets.shades_classic)
          : null;
        let started = false;
        try {
          const result = await withDb(cmd, async (db) =>
            importFile(
              { db, actor: await cliActor(db, cmd) },
              kind,
              path.basename(file),
              { path: file },
              {
                dryRun: !!opts.dryRun,
                onProgress: (done, total) => {
                  if (!bar) return;
                  // A CSV is counted as it is read: without a total the bar shows the rows done so far.
                  if (!started) bar.start(total ?? done, 0);
                  started = true;
                  bar.setTotal(total ?? done);
                  bar.update(done);
                },
              },
            ),
          );
          bar?.stop();
          const verb = result.dryRun ? 'checked (dry run, nothing changed)' : 'imported';
          process.stdout.write(`${path.basename(file)}: ${result.rows} rows ${verb}: ${result.added} added, ${result.unchanged} already present\n`);
        } finally {
          bar?.stop();
        }
      });
  }
}
