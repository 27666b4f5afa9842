/** Generate every committed sample-data file into one directory. */
import { writeCommittedActivity } from './activity';
import { writeDtoc } from './dtoc';
import { writeFinance } from './finance';
import { writeDemographics, writeOrganisations } from './organisation-files';
import { writePeerIndicators } from './peer-indicators';
import { writePerformance } from './performance';
import { buildSpend, writeSpend } from './spend';
import { writeGpWorkforce } from './gp-workforce';
import { writeTrustWorkforce } from './workforce';

export interface GenerationSummary {
  file: string;
  rows: number;
}

export function generateAll(outDir: string): GenerationSummary[] {
  const summary: GenerationSummary[] = [];
  summary.push({ file: 'organisations.csv', rows: writeOrganisations(outDir) });
  summary.push({ file: 'ccg_demographics.csv', rows: writeDemographics(outDir) });
  const activity = writeCommittedActivity(outDir);
  summary.push({ file: 'activity.csv + activity.parquet', rows: activity.rows });
  const dtoc = writeDtoc(outDir);
  summary.push({ file: `dtoc/ (${dtoc.files} monthly files) + dtoc combined`, rows: dtoc.rows });
  const spend = buildSpend();
  summary.push({ file: 'spend_programme_budgeting.xlsx', rows: writeSpend(outDir, spend) });
  summary.push({ file: 'peer_indicators.csv', rows: writePeerIndicators(outDir, activity.totals, spend) });
  summary.push({ file: 'workforce_trusts.csv', rows: writeTrustWorkforce(outDir) });
  summary.push({ file: 'workforce_gp_practices.csv', rows: writeGpWorkforce(outDir) });
  summary.push({ file: 'finance_plan_vs_outturn.csv', rows: writeFinance(outDir) });
  summary.push({ file: 'performance_measures.csv', rows: writePerformance(outDir) });
  return summary;
}
