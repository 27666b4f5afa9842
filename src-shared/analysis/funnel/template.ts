import { tableToRows } from '../../engine/arrow-values';
import type { JsonValue } from '../../format/plain-json';
import { quoteIdent } from '../../sql/identifiers';
import { describeTables } from '../mapping';
import { defineParams } from '../params/define';
import { param } from '../params/fields';
import type { ResultTable, RoleDefinition, ViewTemplate } from '../view-types';
import { num, str } from '../view-kit/numbers';
import { funnelChartOption } from './chart';
import { computeFunnel, DEFAULT_MULTIPLIER, type FunnelSettings, type FunnelUnit } from './funnel';

/**
 * Funnel plot: units (organisations, practices) of different sizes against
 * the overall figure, with 95% and 99.8% limits (PHE / OHID methods) — for
 * proportions, ratios of observed to expected, and crude or directly
 * standardised rates. Rows are summed per unit (a DSR must be one row per unit).
 */

const FUNNEL_ROLES: RoleDefinition[] = [
  {
    role: 'unit',
    label: 'Unit',
    description: 'Organisation, practice or area (one point each)',
    required: false,
    kinds: ['string', 'number'],
    hints: ['org', 'name', 'provider', 'practice', 'area', 'code'],
  },
  {
    role: 'numerator',
    label: 'Numerator',
    description: 'Events, or observed events for a ratio',
    required: true,
    kinds: ['number'],
    hints: ['numerator', 'observed', 'events', 'count', 'deaths', 'admissions'],
  },
  {
    role: 'denominator',
    label: 'Denominator',
    description: 'Population, or expected events for a ratio',
    required: false,
    kinds: ['number'],
    hints: ['denominator', 'expected', 'population', 'pop', 'attendances'],
  },
  {
    role: 'rate',
    label: 'Rate',
    description: 'A directly standardised rate per multiplier (rates only)',
    required: false,
    kinds: ['number'],
    hints: ['dsr', 'rate'],
  },
];

export const funnelParams = defineParams('funnel', {
  statistic: param.choice(
    [
      ['proportion', 'Proportion (numerator ÷ denominator)'],
      ['ratio', 'Ratio (observed ÷ expected)'],
      ['rate', 'Rate (events per population)'],
    ],
    { label: 'Statistic', default: 'proportion' },
  ),
  multiplier: param.number({ label: 'Per (multiplier)', min: 1, placeholder: '100 for proportions, 100000 for rates' }),
  ratioType: param.choice(
    [
      ['ratio', 'Observed ÷ expected'],
      ['count', 'Minus 1 (count)'],
      ['isr', 'Times 100 (ISR)'],
    ],
    { label: 'Ratio shown as', default: 'ratio' },
  ),
  rateType: param.choice(
    [
      ['crude', 'Crude rate'],
      ['dsr', 'Directly standardised rate'],
    ],
    { label: 'Rate type', default: 'crude' },
  ),
});

export const funnelTemplate: ViewTemplate = {
  id: 'funnel',
  title: 'Funnel plot',
  description:
    'Units of different sizes against the overall figure with 95% and 99.8% limits (PHE methods): proportions, observed ÷ expected ratios, crude rates and DSRs; outliers named.',
  roles: FUNNEL_ROLES,
  params: funnelParams,
  parseParams: (raw) => funnelParams.json(raw),
  async run(db, spec, opts) {
    const params = funnelParams.parse(spec.params);
    const { mapping } = spec;
    const table = spec.tables[0];
    if (!table) throw new Error('The funnel view needs a table.');
    if (!mapping.numerator) throw new Error('Map the numerator column (numerator).');
    const statistic = params.statistic;
    if (statistic !== 'rate' && !mapping.denominator)
      throw new Error(`Map the ${statistic === 'ratio' ? 'expected events' : 'denominator'} column (denominator).`);
    if (statistic === 'rate' && !mapping.denominator && !mapping.rate)
      throw new Error('A rate funnel needs a denominator (population) or a rate column (rate).');
    const [info] = await describeTables(db, [table]);
    for (const role of ['unit', 'numerator', 'denominator', 'rate'] as const) {
      if (mapping[role] && !info?.columns.some((c) => c.name === mapping[role]))
        throw new Error(`Table "${table}" has no column "${mapping[role]}" (mapped to ${role}).`);
    }
    const settings: FunnelSettings = {
      statistic,
      multiplier: params.multiplier ?? DEFAULT_MULTIPLIER[statistic],
      ratioType: params.ratioType,
      rateType: params.rateType,
    };
    const q = (role: string) => quoteIdent(mapping[role]!);
    const unitSql = mapping.unit ? `CAST(${q('unit')} AS VARCHAR)` : 'NULL';
    const sum = (role: string) => (mapping[role] ? `sum(CAST(${q(role)} AS DOUBLE))` : 'NULL');
    const usesRate = statistic === 'rate' && mapping.rate !== undefined;
    const sql = `SELECT ${unitSql} AS unit, ${sum('numerator')} AS numerator, ${sum('denominator')} AS denominator,
  ${usesRate ? `max(CAST(${q('rate')} AS DOUBLE))` : 'NULL'} AS rate, count(*) AS n
FROM ${quoteIdent(table)}
WHERE ${q('numerator')} IS NOT NULL
GROUP BY 1 ORDER BY 1 NULLS FIRST`;
    const rows = tableToRows(await db.query(sql, opts));
    const warnings: string[] = [];
    const units: FunnelUnit[] = [];
    for (const r of rows) {
      const unit = str(r.unit);
      if (usesRate && Number(r.n) > 1)
        throw new Error(`${unit ?? 'The table'} has ${Number(r.n)} rows: a standardised rate cannot be added up, so give one row per unit.`);
      const numerator = num(r.numerator);
      if (numerator === null) continue;
      units.push({ unit, numerator, denominator: num(r.denominator), rate: num(r.rate) });
    }
    const result = computeFunnel(units, settings);
    const notAssessed = result.points.filter((p) => p.significance.startsWith('Not applicable')).length;
    if (notAssessed > 0)
      warnings.push(`${notAssessed} unit${notAssessed === 1 ? '' : 's'} with fewer than 10 events: a DSR is not assessed or plotted below 10.`);

    const denominatorLabel = statistic === 'ratio' ? 'Expected' : 'Denominator';
    const pointsTable: ResultTable = {
      id: 'funnel-points',
      title: 'Units',
      columns: [
        { key: 'unit', label: mapping.unit ?? 'Unit', format: 'text' },
        { key: 'numerator', label: statistic === 'ratio' ? 'Observed' : 'Numerator', format: 'number', count: true },
        { key: 'denominator', label: denominatorLabel, format: 'number' },
        { key: 'value', label: 'Value', format: 'number', derivedFrom: 'numerator' },
        { key: 'significance', label: 'Significance', format: 'text' },
      ],
      rows: result.points.map((p) => ({ ...p })),
    };
    const limitsTable: ResultTable = {
      id: 'funnel-limits',
      title: 'Limits',
      columns: [
        { key: 'denominator', label: denominatorLabel, format: 'number' },
        { key: 'lower998', label: 'Lower 99.8%', format: 'number' },
        { key: 'lower95', label: 'Lower 95%', format: 'number' },
        { key: 'upper95', label: 'Upper 95%', format: 'number' },
        { key: 'upper998', label: 'Upper 99.8%', format: 'number' },
      ],
      rows: result.limits.map((l) => ({ ...l })),
    };
    const json: JsonValue = {
      baseline: result.baseline,
      points: result.points.map((p) => ({ unit: p.unit, numerator: p.numerator, denominator: p.denominator, value: p.value, significance: p.significance })),
      limits: result.limits.map((l) => ({ denominator: l.denominator, lower95: l.lower95, upper95: l.upper95, lower998: l.lower998, upper998: l.upper998 })),
    };
    return {
      template: 'funnel',
      title: 'Funnel plot',
      tables: [pointsTable, limitsTable],
      charts: [
        {
          id: 'funnel',
          title: 'Funnel plot',
          tableId: 'funnel-points',
          option: funnelChartOption(result, { title: 'Funnel plot', denominatorLabel: mapping.denominator ?? denominatorLabel }),
          countSeries: [],
        },
      ],
      json,
      warnings,
    };
  },
};
