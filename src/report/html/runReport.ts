import { fmt } from '../format.js';
import type { Chart, ScenarioFacts, ScenarioReports } from './Chart.js';
import { num } from './Chart.js';
import { abandonmentChart } from './charts/abandonmentByMonth.js';
import { answerTimesChart } from './charts/answerTimes.js';
import { occupancyChart } from './charts/occupancy.js';
import { peelBandsChart } from './charts/peelBands.js';
import { serviceByHourCharts } from './charts/serviceByHour.js';
import { trainingMixChart } from './charts/trainingMix.js';
import { htmlPage, type HeadlineTable } from './page.js';
import { ReportError } from './ReportError.js';
import type { ReportSource } from './ReportSource.js';
import { costingTable, type InvestmentFacts } from './costingTable.js';

/** What report.html reads from run.json (never its timing: the page is the same for every run of the study). */
export interface RunFacts {
  version: string;
  seed: number;
  replications: number;
  scenario: ScenarioFacts & { name: string; description?: string; horizon: { hours?: number; days?: number; warmup_hours?: number; warmup_days?: number; start_date?: string } };
  investment?: InvestmentFacts;
}

/** One scenario's reports from its folder (run.json and the CSVs). */
export async function scenarioReports(src: ReportSource): Promise<{ reports: ScenarioReports; run: RunFacts }> {
  const run = src.json<RunFacts>('run.json');
  if (!run?.scenario?.name) throw new ReportError(`${src.dir}: no run.json; expected the --out folder of a run, a merge, a compare or a sweep`);
  const [summary, intervals, peel, handlers, staffing, waits] = await Promise.all(
    ['summary.csv', 'intervals.csv', 'peel.csv', 'handlers.csv', 'staffing.csv', 'waits.csv'].map((f) => src.rows(f)),
  );
  return { reports: { name: run.scenario.name, facts: run.scenario, summary, intervals, peel, handlers, staffing, waits }, run };
}

/** The charts of one scenario, or of two side by side. */
export function scenarioCharts(reports: readonly ScenarioReports[]): Chart[] {
  return [
    answerTimesChart(reports),
    ...serviceByHourCharts(reports),
    peelBandsChart(reports),
    abandonmentChart(reports),
    occupancyChart(reports),
    trainingMixChart(reports),
  ].filter((c): c is Chart => c !== null);
}

export const pm = (mean: string | undefined, half: string | undefined, d = 1): string => {
  const m = num(mean);
  if (m === null) return '';
  const h = num(half);
  return h === null ? fmt(m, d) : `${fmt(m, d)} ± ${fmt(h, d)}`;
};

/** "28 days from 2022-06-01, after a 2-day warm-up" */
export function horizonText(h: RunFacts['scenario']['horizon']): string {
  const length = h.days !== undefined ? `${h.days} day${h.days === 1 ? '' : 's'}` : `${h.hours} hour${h.hours === 1 ? '' : 's'}`;
  const warm = h.days !== undefined ? (h.warmup_days ? `${h.warmup_days}-day` : '') : h.warmup_hours ? `${h.warmup_hours}-hour` : '';
  return `${length}${h.start_date ? ` from ${h.start_date}` : ''}${warm ? `, after a ${warm} warm-up` : ''}`;
}

function runHeadline(r: ScenarioReports, replications: number): HeadlineTable {
  return {
    headers: ['contact', 'target, s', 'offered per replication', 'service level, % of offered', 'within target, % of answered', 'abandoned, %', 'mean answer time, s', '90th percentile answer time, s'],
    rows: r.summary.map((s) => [
      s.contact,
      s.target_seconds,
      fmt(num(s.offered), 0),
      pm(s.service_level_pct, s.service_level_pct_ci95),
      pm(s.answered_within_target_pct, undefined),
      pm(s.abandoned_pct, s.abandoned_pct_ci95),
      pm(s.mean_answer_seconds, s.mean_answer_seconds_ci95),
      pm(s.p90_answer_seconds, undefined),
    ]),
    note:
      `From summary.csv: means over ${replications} replication${replications === 1 ? '' : 's'}` +
      (replications > 1 ? '; ± is the half-width of the 95% confidence interval of the mean.' : ' (one replication: no confidence interval).') +
      ' Service level counts all calls offered; "within target" only the answered ones, as the Home Office measures 999 calls.',
  };
}

/** report.html of a run (or a merge of shards): its headline figures and every chart its reports allow. */
export async function runReportHtml(src: ReportSource): Promise<string> {
  const { reports, run } = await scenarioReports(src);
  const s = run.scenario;
  return htmlPage({
    title: `metcc-sim: ${s.name}`,
    meta: [
      ...(s.description ? [s.description.trim()] : []),
      `${horizonText(s.horizon)}; ${run.replications} replication${run.replications === 1 ? '' : 's'} from seed ${run.seed}.`,
    ],
    headline: [runHeadline(reports, run.replications), ...(run.investment ? [costingTable(run.investment)] : [])],
    charts: scenarioCharts([reports]),
    footer: `Drawn by metcc-sim ${run.version} from the reports in this folder (summary.csv, intervals.csv, peel.csv, handlers.csv, staffing.csv, waits.csv, run.json); 'metcc-sim report <folder>' draws it again.`,
  });
}
