/**
 * The monthly meeting report on the national data set: a draft meeting of the cluster with most
 * projects, with the six computed blocks (approval, indicators, monitoring, previous year,
 * disbursement, events held) as of the report's date, created through the API once per data set;
 * then its report generated over HTTP in each format (a draft's report is computed from live data
 * on every request), against what it cannot do without, timed in the same turns:
 * - its SQL: the statements the request ran (authentication included), replayed on the database;
 * - its rendering: the format's renderer (meetings.render.ts) on the same report, in process;
 * - the domain function alone (meetingReport: its SQL and the wording of the blocks), which
 *   splits the API's time into database, wording, rendering and HTTP.
 * The limit: API at most 1.2x its SQL + its rendering (bench/README.md says why).
 */
import type { Db } from '../src/db/db.ts';
import type { Actor } from '../src/core/context.ts';
import { actorOfToken } from '../src/features/users/auth.service.ts';
import { meetingReport } from '../src/features/meetings/meetings.service.ts';
import { renderReport } from '../src/features/meetings/meetings.render.ts';
import type { AgendaItemInput, Meeting, MeetingInput, MeetingReport } from '../src/features/meetings/meetings.schema.ts';
import { replay, type Statement } from './lib/recording-db.ts';
import { startBenchApp, type BenchApp } from './lib/bench-app.ts';
import { round, timeInTurns, verdict, type Timing } from './lib/measure.ts';
import { clusterWithMostProjects, REPORT_AS_OF, REPORT_FY } from './reports.bench.ts';

export const MEETING_FORMATS = ['json', 'text', 'docx', 'pdf'] as const;
type Format = (typeof MEETING_FORMATS)[number];

/** Meeting 6/2565 (June 2022), held on 6 July 2022, its blocks as of the reports' date. */
const meetingOf = (owner: string): MeetingInput => ({
  owner,
  no: 6,
  year: 2565,
  month: '2022-06',
  date: '2022-07-06',
  startTime: '09:00',
  cutOff: REPORT_AS_OF,
  venues: ['ศาลากลางจังหวัด'],
  organizer: 'สำนักบริหารยุทธศาสตร์กลุ่มจังหวัด (OSM)',
  purposes: ['ติดตามความก้าวหน้าการดำเนินงานโครงการ'],
  note: 'national data set benchmark',
});

const AGENDA: AgendaItemInput[] = [
  { division: 'strategy', topic: 'ความก้าวหน้าการดำเนินโครงการฯ ประจำปีงบประมาณ พ.ศ. 2565', items: [{ kind: 'approval', fiscalYear: REPORT_FY }] },
  {
    division: 'strategy',
    topic: 'ตัวชี้วัดของกลุ่มจังหวัด',
    items: [{ kind: 'indicators', fiscalYear: REPORT_FY, setBy: 'สำนักงาน ก.พ.ร.', requestedBy: 'OSM' }],
  },
  { division: 'monitoring', topic: 'การติดตามและการอบรม', items: [{ kind: 'monitoring', from: '2022-06-01', to: '2022-06-30', include: 'both' }] },
  { division: 'monitoring', topic: 'ผลการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2564', items: [{ kind: 'previousYear', fiscalYear: REPORT_FY - 1 }] },
  {
    division: 'administration',
    topic: 'ความก้าวหน้าการเบิกจ่ายงบประมาณ',
    items: [
      { kind: 'disbursement', fiscalYear: REPORT_FY },
      { kind: 'eventsHeld', from: '2022-06-01', to: '2022-06-30' },
    ],
  },
];

export interface MeetingFormatFigures {
  format: Format;
  path: string;
  /** bytes of the answer */
  bytes: number;
  statements: number;
  bare: Timing;
  api: Timing;
  sql: Timing;
  /** the renderer alone, on the report the API computed */
  render: Timing;
  /** meetingReport called directly: its SQL and the wording of the blocks */
  domain: Timing;
  /** the API's median split: database, wording (domain − SQL), rendering, HTTP and the rest (API − domain − rendering) */
  splitMs: { sql: number; wording: number; render: number; http: number };
  apiVsSqlAndRender: ReturnType<typeof verdict>;
  /** the same ratio of CPU medians of this process */
  apiVsSqlAndRenderCpu: number;
}

export interface MeetingFigures {
  owner: string;
  meetingId: string;
  created: boolean;
  blocks: number;
  paragraphs: number;
  formats: MeetingFormatFigures[];
}

/** The bench meeting of the owner, created (with its agenda) through the API when the data set has none yet. */
async function ensureMeeting(app: BenchApp, owner: string): Promise<{ id: string; created: boolean }> {
  const input = meetingOf(owner);
  const found = await app.send<Meeting>('GET', `/api/v1/meetings/by-number?owner=${owner}&no=${input.no}&year=${input.year}`);
  if (found.status === 200) return { id: found.body.id, created: false };
  const made = await app.send<Meeting>('POST', '/api/v1/meetings', input);
  if (made.status !== 201) throw new Error(`POST /api/v1/meetings: ${made.status} ${JSON.stringify(made.body).slice(0, 300)}`);
  for (const item of AGENDA) {
    const r = await app.send<Meeting>('POST', `/api/v1/meetings/${made.body.id}/agenda`, item);
    if (r.status !== 201) throw new Error(`POST …/agenda: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  }
  return { id: made.body.id, created: true };
}

const bytesOf = (body: string | ArrayBuffer) => (typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength);

export async function runMeetingBenchmark(db: Db, token: string, opts: { runs: number; log: (s: string) => void }): Promise<MeetingFigures> {
  const app = await startBenchApp(db, token);
  try {
    const owner = await clusterWithMostProjects(db);
    const { id, created } = await ensureMeeting(app, owner);
    const actor: Actor | null = await actorOfToken(db, token);
    if (!actor) throw new Error('the bench token is unknown');
    const report = JSON.parse((await app.get(`/api/v1/meetings/${id}/report?format=json`)) as string) as MeetingReport;
    const blocks = report.divisions.flatMap((d) => d.topics.flatMap((t) => t.items)).filter((i) => i.kind !== 'text');
    const paragraphs = blocks.reduce((n, b) => n + b.sentences.length, 0);
    opts.log(`meeting ${id} of ${owner}${created ? ' (created)' : ''}: ${blocks.length} computed blocks, ${paragraphs} sentences`);
    // The SQL is the same whatever the format (the report is computed, then rendered): recorded once,
    // and timed with the domain function and every format's request and renderer in the same turns.
    const path = (format: Format) => `/api/v1/meetings/${id}/report?format=${format}`;
    await app.get(path('json'));
    app.rec.record(true);
    await app.get(path('json'));
    const statements: Statement[] = app.rec.record(false);
    const bodies = new Map<Format, number>();
    for (const format of MEETING_FORMATS) bodies.set(format, bytesOf(await app.get(path(format))));
    const [bare, sql, domain, ...perFormat] = await timeInTurns(
      [
        { fn: () => app.get('/api/health') },
        { fn: () => replay(db, statements) },
        { fn: () => meetingReport(db, actor, id) },
        ...MEETING_FORMATS.flatMap((format) => [{ fn: () => app.get(path(format)) }, { fn: () => renderReport(report, format) }]),
      ],
      opts.runs,
    );
    opts.log(
      `meeting report: its SQL (${statements.length} statements) ${sql!.medianMs} ms (CPU here ${sql!.cpuMedianMs} ms); domain function ${domain!.medianMs} ms; bare route ${bare!.medianMs} ms`,
    );
    const formats: MeetingFormatFigures[] = MEETING_FORMATS.map((format, i) => {
      const api = perFormat[2 * i]!;
      const render = perFormat[2 * i + 1]!;
      const splitMs = {
        sql: sql!.medianMs,
        wording: round(Math.max(0, domain!.medianMs - sql!.medianMs)),
        render: render.medianMs,
        http: round(api.medianMs - domain!.medianMs - render.medianMs),
      };
      const f: MeetingFormatFigures = {
        format,
        path: path(format),
        bytes: bodies.get(format)!,
        statements: statements.length,
        bare: bare!,
        api,
        sql: sql!,
        render,
        domain: domain!,
        splitMs,
        apiVsSqlAndRender: verdict(api.medianMs / (sql!.medianMs + render.medianMs), { atMost: 1.2 }),
        apiVsSqlAndRenderCpu: round(api.cpuMedianMs / Math.max(sql!.cpuMedianMs + render.cpuMedianMs, 0.01), 3),
      };
      opts.log(
        `meeting report ${format} (${f.bytes} bytes): API ${api.medianMs} ms; its SQL ${sql!.medianMs} ms + rendering ${render.medianMs} ms → ${f.apiVsSqlAndRender.ratio}x (aim ${f.apiVsSqlAndRender.aim}${f.apiVsSqlAndRender.met ? ', met' : ', NOT met'}; CPU here ${api.cpuMedianMs} / ${round(sql!.cpuMedianMs + render.cpuMedianMs)} ms → ${f.apiVsSqlAndRenderCpu}x); split: SQL ${splitMs.sql}, wording ${splitMs.wording}, rendering ${splitMs.render}, HTTP and the rest ${splitMs.http} ms`,
      );
      return f;
    });
    return { owner, meetingId: id, created, blocks: blocks.length, paragraphs, formats };
  } finally {
    await app.close();
  }
}
