/**
 * How each view's parameters appear as a form. Values are kept as text, exactly
 * as typed on the command line (`--param costPerBedDay=150`), and each
 * template's `parseParams` validates them — so the app, the CLI and workbooks
 * accept the same values. Parameters not listed here can still be given as
 * `key=value` lines (e.g. `growth.AE=0.017`).
 */
export interface ParamField {
  key: string;
  label: string;
  kind: 'text' | 'number' | 'choice' | 'boolean';
  choices?: [string, string][];
  placeholder?: string;
  help?: string;
  /** Offer the values of the column mapped to this role (e.g. the home organisation from `org`). */
  valuesOfRole?: string;
  required?: boolean;
}

export const PARAM_FORMS: Record<string, ParamField[]> = {
  peers: [
    { key: 'home', label: 'Home organisation', kind: 'text', valuesOfRole: 'org', required: true, help: 'Your CCG or ICB, e.g. 11X' },
    { key: 'benchmark', label: 'Benchmark', kind: 'choice', choices: [['average', 'Peer average'], ['best5', 'Average of the best 5'], ['quartile', 'Best quartile']] },
    { key: 'peerCount', label: 'Number of peers', kind: 'number', placeholder: '10', help: 'The most similar organisations on the demographic variables' },
    { key: 'peers', label: 'Or a fixed peer list', kind: 'text', placeholder: 'e.g. 11J,11N,99P', help: 'Comma-separated codes; leave empty to derive peers' },
    { key: 'period', label: 'Period', kind: 'text', valuesOfRole: 'period', placeholder: 'latest' },
    { key: 'significance', label: 'Significance', kind: 'choice', choices: [['none', 'Not tested'], ['95', '95% confidence'], ['99.8', '99.8% confidence']] },
    { key: 'excludeInsignificant', label: 'Leave out gaps that are not significant', kind: 'boolean' },
    { key: 'unitCost', label: 'Unit cost (£) for activity indicators', kind: 'number', placeholder: 'none' },
    { key: 'demographics', label: 'Demographic variables', kind: 'text', placeholder: 'all numeric columns', help: 'Comma-separated columns of the demographics table' },
    { key: 'weights', label: 'Variable weights', kind: 'text', placeholder: 'e.g. imd_score:2', help: 'variable:weight, comma-separated; others weigh 1' },
  ],
  dtoc: [
    { key: 'costPerBedDay', label: 'Cost per bed day (£)', kind: 'number', placeholder: '150' },
    { key: 'target', label: 'Reduction target', kind: 'number', placeholder: 'e.g. -0.5 for −50%' },
    { key: 'baseline', label: 'Target baseline month', kind: 'text', placeholder: 'e.g. 2016-06' },
    { key: 'targetMonth', label: 'Target month', kind: 'text', placeholder: '12 months after the baseline' },
    { key: 'targetPath', label: 'Target line', kind: 'choice', choices: [['linear', 'Straight line to the target'], ['step', 'Step at the target month']] },
    { key: 'setting', label: 'Setting', kind: 'choice', choices: [['all', 'Acute and non-acute'], ['acute', 'Acute only'], ['non-acute', 'Non-acute only']] },
    { key: 'provider', label: 'Provider', kind: 'text', valuesOfRole: 'provider', placeholder: 'all' },
    { key: 'localAuthority', label: 'Local authority', kind: 'text', valuesOfRole: 'localAuthority', placeholder: 'all' },
    { key: 'population18', label: 'Population aged 18+', kind: 'number', placeholder: 'for rates per 100,000' },
    { key: 'from', label: 'From month', kind: 'text', placeholder: 'YYYY-MM' },
    { key: 'to', label: 'To month', kind: 'text', placeholder: 'YYYY-MM' },
  ],
  growth: [
    { key: 'area', label: 'Area (commissioner)', kind: 'text', valuesOfRole: 'area', placeholder: 'all' },
    { key: 'grain', label: 'Growth by', kind: 'choice', choices: [['year', 'Financial year'], ['month', 'Month']] },
    { key: 'baseYear', label: 'Index base year', kind: 'text', placeholder: 'first year' },
    { key: 'forecastTo', label: 'Forecast to', kind: 'text', placeholder: 'e.g. 2020/21' },
    { key: 'baseline', label: 'Forecast baseline year', kind: 'text', placeholder: 'last year of data' },
    { key: 'demographic', label: 'Demographic growth a year (all groups)', kind: 'number', placeholder: 'e.g. 0.017' },
    { key: 'nonDemographic', label: 'Non-demographic growth a year (all groups)', kind: 'number', placeholder: '0' },
    { key: 'population', label: 'Population', kind: 'number', placeholder: 'for rates per 1,000' },
  ],
  workforce: [
    { key: 'org', label: 'Organisation', kind: 'text', valuesOfRole: 'org', placeholder: 'all' },
    { key: 'grain', label: 'Periods', kind: 'choice', choices: [['period', 'As in the data'], ['year', 'Financial years']] },
    { key: 'population', label: 'Population or registered patients', kind: 'number', placeholder: 'for WTE per 10,000' },
    { key: 'from', label: 'From', kind: 'text' },
    { key: 'to', label: 'To', kind: 'text' },
  ],
};

/** `key=value` lines (extra parameters) as a record; blank lines and `#` comments ignored. */
export function parseParamLines(text: string): { params: Record<string, string>; problems: string[] } {
  const params: Record<string, string> = {};
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const eq = t.indexOf('=');
    if (eq <= 0) problems.push(`Line ${i + 1}: write key=value (got "${t}")`);
    else params[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
  });
  return { params, problems };
}
