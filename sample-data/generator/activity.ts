/**
 * activity.csv (committed, clean and tidy), its Parquet copy, and the large
 * benchmark variant activity_<N>.csv streamed straight to disk.
 */
import { join } from 'node:path';
import type { Month } from './calendar';
import { epochDayOfMonthStart, fyLabelSlash, isoMonthStart, monthRange } from './calendar';
import { CcgActivity } from './activity-model';
import type { ActivityFlow, PodCode } from './activity-model';
import { StreamingLineWriter } from './csv-writer';
import { csvField, csvLine, fixed } from './format';
import type { Ccg } from './organisations';
import { CCGS, syntheticCcg } from './organisations';
import { writeActivityParquet } from './parquet';
import type { ActivityColumns } from './parquet';

export const ACTIVITY_HEADER = [
  'commissioner_code',
  'commissioner_name',
  'provider_code',
  'provider_name',
  'pod',
  'pod_description',
  'month',
  'financial_year',
  'activity',
  'cost_gbp',
] as const;

/** April 2014 – March 2021. */
export function activityMonths(): Month[] {
  return monthRange(2014, 4, 2021, 3);
}

/** Annual totals by CCG, financial year start and pod, for derived indicators. */
export class ActivityTotals {
  private readonly totals = new Map<string, number>();

  add(ccgCode: string, fyStart: number, podCode: PodCode, count: number): void {
    const key = `${ccgCode}|${fyStart}|${podCode}`;
    this.totals.set(key, (this.totals.get(key) ?? 0) + count);
  }

  get(ccgCode: string, fyStart: number, podCode: PodCode): number {
    return this.totals.get(`${ccgCode}|${fyStart}|${podCode}`) ?? 0;
  }
}

/** Called for each row with its parts, for consumers other than the CSV line. */
type RowVisitor = (ccg: Ccg, m: Month, flow: ActivityFlow, count: number, costText: string) => void;

/**
 * Visit rows month by month (outer), then CCG, then flow, stopping after
 * `limit` rows. Returns the number of rows visited.
 */
function visitRows(ccgs: readonly Ccg[], limit: number, sink: (line: string) => void, visit?: RowVisitor): number {
  const models = ccgs.map((c) => new CcgActivity(c));
  const ccgPrefixes = ccgs.map((c) => `${csvField(c.code)},${csvField(c.name)},`);
  const flowPrefixes = models.map((model) =>
    model.flows.map((f) => `${csvField(f.provider.code)},${csvField(f.provider.name)},${f.pod.code},${csvField(f.pod.description)},`),
  );
  let written = 0;
  for (const m of activityMonths()) {
    const monthPart = `${isoMonthStart(m)},${fyLabelSlash(m.fyStart)},`;
    for (let c = 0; c < models.length; c++) {
      const model = models[c];
      const ccgPrefix = ccgPrefixes[c];
      const prefixes = flowPrefixes[c];
      if (!model || ccgPrefix === undefined || !prefixes) continue;
      let f = 0;
      model.month(m, (flow, count, cost) => {
        const i = f++;
        if (written >= limit) return;
        const costText = fixed(cost, 2);
        const flowPrefix = prefixes[i] ?? '';
        sink(`${ccgPrefix}${flowPrefix}${monthPart}${count},${costText}`);
        visit?.(model.ccg, m, flow, count, costText);
        written++;
      });
      if (written >= limit) return written;
    }
  }
  return written;
}

export interface ActivityResult {
  rows: number;
  totals: ActivityTotals;
}

/** Write the committed activity.csv and activity.parquet. */
export function writeCommittedActivity(outDir: string): ActivityResult {
  const totals = new ActivityTotals();
  const columns: ActivityColumns = {
    commissioner_code: [],
    commissioner_name: [],
    provider_code: [],
    provider_name: [],
    pod: [],
    pod_description: [],
    month: [],
    financial_year: [],
    activity: [],
    cost_gbp: [],
  };
  const writer = new StreamingLineWriter(join(outDir, 'activity.csv'));
  writer.writeLine(csvLine(ACTIVITY_HEADER));
  const rows = visitRows(
    CCGS,
    Number.MAX_SAFE_INTEGER,
    (line) => writer.writeLine(line),
    (ccg, m, flow, count, costText) => {
      totals.add(ccg.code, m.fyStart, flow.pod.code, count);
      columns.commissioner_code.push(ccg.code);
      columns.commissioner_name.push(ccg.name);
      columns.provider_code.push(flow.provider.code);
      columns.provider_name.push(flow.provider.name);
      columns.pod.push(flow.pod.code);
      columns.pod_description.push(flow.pod.description);
      columns.month.push(epochDayOfMonthStart(m));
      columns.financial_year.push(fyLabelSlash(m.fyStart));
      columns.activity.push(count);
      columns.cost_gbp.push(Number(costText));
    },
  );
  writer.close();
  writeActivityParquet(join(outDir, 'activity.parquet'), columns);
  return { rows, totals };
}

/** Commissioners needed for at least `rows` rows: the committed CCGs, then synthetic ones. */
export function commissionersForRows(rows: number): Ccg[] {
  const months = activityMonths().length;
  const ccgs: Ccg[] = [];
  let capacity = 0;
  for (const c of CCGS) {
    ccgs.push(c);
    capacity += new CcgActivity(c).flows.length * months;
  }
  for (let i = 0; capacity < rows; i++) {
    const c = syntheticCcg(i);
    ccgs.push(c);
    capacity += new CcgActivity(c).flows.length * months;
  }
  return ccgs;
}

/** Stream exactly `rows` data rows (plus the header) to DIR/activity_<rows>.csv. */
export function writeLargeActivity(outDir: string, rows: number): string {
  const path = join(outDir, `activity_${rows}.csv`);
  const writer = new StreamingLineWriter(path);
  writer.writeLine(csvLine(ACTIVITY_HEADER));
  const written = visitRows(commissionersForRows(rows), rows, (line) => writer.writeLine(line));
  writer.close();
  if (written !== rows) throw new Error(`wrote ${written} rows, expected ${rows}`);
  return path;
}
