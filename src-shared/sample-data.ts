/**
 * The sample extracts "Open sample data" loads, and the table each becomes.
 * Files are served read-only under `sample-data/` by the app (and by the
 * browser-mode server).
 */
export interface SampleFile {
  file: string;
  table: string;
  description: string;
}

export const SAMPLE_FILES: readonly SampleFile[] = [
  { file: 'activity.csv', table: 'activity', description: 'Monthly activity by commissioner, provider and point of delivery' },
  { file: 'dtoc_combined_2014-04_to_2020-02.csv', table: 'dtoc', description: 'Delayed transfers of care, monthly sitrep layout' },
  { file: 'spend_programme_budgeting.xlsx', table: 'spend', description: 'Spend by programme budgeting category per CCG' },
  { file: 'peer_indicators.csv', table: 'peer_indicators', description: 'RightCare-style indicators per CCG' },
  { file: 'ccg_demographics.csv', table: 'ccg_demographics', description: 'CCG populations and demographics for peer groups' },
  { file: 'workforce_trusts.csv', table: 'workforce_trusts', description: 'Trust workforce by staff group' },
  { file: 'workforce_gp_practices.csv', table: 'workforce_gp', description: 'GP practice workforce and registered patients' },
  { file: 'finance_plan_vs_outturn.csv', table: 'finance', description: 'Plan vs outturn by organisation and month' },
  { file: 'performance_measures.csv', table: 'performance', description: 'Monthly performance measures with targets, for SPC charts' },
];

export const SAMPLE_DATA_PATH = 'sample-data';

/** The sample workbook (charts, views and a report over the sample extracts), relative to SAMPLE_DATA_PATH. */
export const SAMPLE_WORKBOOK = 'somerset-board-pack.workbook.json';
