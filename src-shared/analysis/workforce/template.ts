import { tableToRows } from '../../engine/arrow-values';
import type { JsonValue } from '../../format/plain-json';
import { parseFinancialYear } from '../financial-year';
import { describeTables } from '../mapping';
import type { ResultColumn, ResultTable, ViewResult, ViewTemplate } from '../view-types';
import { monthIndex, parseMonthKey } from '../view-kit/months';
import { num, str } from '../view-kit/numbers';
import { decidePeriodMode, labelForKey, type PeriodMode } from '../view-kit/period-mode';
import { tablesWithColumns } from '../view-kit/sources';
import { perPopulationChart, ratesChart, skillMixChart, wteAreaChart } from './charts';
import { addSums, emptySums, measures, rollUpToYears, skillMixShare, SUM_KEYS, yearEnds, type Sums } from './measures';
import { workforceParams } from './params';
import { recogniseWorkforce, wideColumns, workforceMappingGaps, WORKFORCE_ROLES } from './roles';
import { workforceAggregateSql, workforceDataColumns, workforceProfileSql, workforceSourceSql, type WorkforceLayout } from './sql';

/**
 * Workforce: WTE by staff group over time, skill mix, WTE per 10,000
 * population or registered patients, vacancy rate, agency share and the share
 * of staff aged 55+, for a trust file (staff groups in rows) or a GP practice
 * file (staff groups in columns).
 */

function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

function sumsOf(r: Record<string, unknown>): Sums {
  const s = emptySums();
  const source: Record<keyof Sums, string> = {
    wte: 'wte',
    headcount: 'headcount',
    vacancies: 'vacancies',
    establishment: 'establishment',
    agencySpend: 'agencySpend',
    payBill: 'payBill',
    over55: 'over55',
    vacNum: 'vac_num',
    vacDen: 'vac_den',
    agNum: 'ag_num',
    agDen: 'ag_den',
    o55Num: 'o55_num',
    o55Den: 'o55_den',
    population: 'population',
  };
  // Sums of 2-decimal WTE and whole pounds: drop binary noise (1356.1699999999998 → 1356.17).
  for (const k of SUM_KEYS) {
    const v = num(r[source[k]]);
    s[k] = v === null ? null : Math.round(v * 1e6) / 1e6;
  }
  return s;
}

function keyOfLabel(mode: PeriodMode, byMonth: boolean, label: string, name: string): number {
  if (byMonth) {
    const m = parseMonthKey(label);
    if (m) return monthIndex(m);
  } else {
    const fy = parseFinancialYear(label);
    if (fy !== null) return fy;
    if (/^\d{4}$/.test(label.trim())) return Number(label);
  }
  throw new Error(
    `Parameter "${name}" must be a ${byMonth ? 'month such as 2016-04' : mode === 'number' ? 'year' : 'financial year such as 2016/17'}; got "${label}".`,
  );
}

export const workforceTemplate: ViewTemplate = {
  id: 'workforce',
  title: 'Workforce',
  description:
    'WTE by staff group over time, skill mix, WTE per 10,000 population or registered patients, vacancy rate, agency share of the pay bill and the share of staff aged 55+.',
  roles: WORKFORCE_ROLES,
  params: workforceParams,
  parseParams: (raw) => workforceParams.json(raw),
  recognise: recogniseWorkforce,
  mappingGaps: workforceMappingGaps,
  async run(db, spec, opts) {
    const params = workforceParams.parse(spec.params);
    const warnings: string[] = [];
    const mapping = spec.mapping;
    if (!mapping.period) throw new Error('Map the period column (period).');
    const wide = wideColumns(mapping);
    const gaps = workforceMappingGaps(mapping);
    if (gaps.length) throw new Error(gaps[0]);
    const layout: WorkforceLayout = wide.length ? { kind: 'wide', columns: wide } : { kind: 'long', group: mapping.group ?? null, wte: mapping.wte ?? null };
    const info = await describeTables(db, spec.tables);
    const dataColumns = workforceDataColumns(mapping, layout);
    const { use } = tablesWithColumns(info, dataColumns);
    if (use.length === 0) throw new Error(`No table has all the mapped workforce columns (${dataColumns.join(', ')}).`);
    const source = workforceSourceSql(use, mapping, layout, { org: params.org, columns: params.filters });

    const prof = tableToRows(await db.query(workforceProfileSql(source), opts))[0] ?? {};
    const mode = decidePeriodMode(prof, mapping.period);
    if ((num(prof.p_missing) ?? 0) > 0) warnings.push(`${num(prof.p_missing)} rows have no period and were left out.`);
    if ((num(prof.no_wte) ?? 0) > 0)
      warnings.push(
        `${num(prof.no_wte)} ${layout.kind === 'wide' ? 'staff-group values' : 'rows'} have no WTE (blank or suppressed, e.g. ND) and count as nothing.`,
      );
    if (mapping.over55 && (num(prof.over55_missing) ?? 0) > 0)
      warnings.push(`${num(prof.over55_missing)} rows have a suppressed or missing count of staff aged 55+ and are left out of that share.`);
    const byYear = params.grain === 'year' && mode === 'month';
    const byMonth = mode === 'month' && !byYear;
    const grain = byYear ? 'year' : 'period';

    const agg = tableToRows(await db.query(workforceAggregateSql(source, mode, params.group), opts));
    const keyOf = (p: string): number => (mode === 'month' ? monthIndex(p) : Number(p));
    let groupSums = new Map<string, Map<number, Sums>>();
    let orgSums = new Map<string, Map<number, Sums>>();
    const orgNames = new Map<string, string | null>();
    const allKeys = new Set<number>();
    for (const r of agg) {
      const p = str(r.p);
      if (p === null) continue;
      const key = keyOf(p);
      allKeys.add(key);
      const target = r.kind === 'group' ? groupSums : orgSums;
      const name = r.kind === 'group' ? String(r.grp) : (str(r.org) ?? '');
      if (r.kind === 'org') orgNames.set(name, str(r.org_name));
      let m = target.get(name);
      if (!m) target.set(name, (m = new Map<number, Sums>()));
      m.set(key, sumsOf(r));
    }
    if (allKeys.size === 0) throw new Error('No workforce rows to show (check the filters).');
    if (byYear) {
      const ends = yearEnds([...allKeys]);
      const roll = (src: Map<string, Map<number, Sums>>) => new Map([...src].map(([k, v]) => [k, rollUpToYears(v, ends)]));
      groupSums = roll(groupSums);
      orgSums = roll(orgSums);
    }
    let spine = [...new Set([...groupSums.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
    if (params.from) spine = spine.filter((k) => k >= keyOfLabel(mode, byMonth, params.from!, 'from'));
    if (params.to) spine = spine.filter((k) => k <= keyOfLabel(mode, byMonth, params.to!, 'to'));
    if (spine.length === 0) throw new Error('No periods with data in the chosen range.');
    const label = (k: number): string => labelForKey(mode, grain, k);

    // Population per period: the parameter, else each organisation's counted once.
    const hasPopulation = params.population !== null || Boolean(mapping.population);
    const populationOf = (k: number): number | null => {
      if (params.population !== null) return params.population;
      if (!mapping.population) return null;
      let total: number | null = null;
      for (const m of orgSums.values()) {
        const v = m.get(k)?.population ?? null;
        if (v !== null) total = (total ?? 0) + v;
      }
      return total;
    };

    const latest = spine[spine.length - 1]!;
    const groups = [...groupSums.keys()];
    if (layout.kind === 'wide') groups.sort((a, b) => wide.findIndex((w) => w.group === a) - wide.findIndex((w) => w.group === b));
    else groups.sort((a, b) => (groupSums.get(b)?.get(latest)?.wte ?? 0) - (groupSums.get(a)?.get(latest)?.wte ?? 0) || a.localeCompare(b));

    const totals = new Map<number, Sums>();
    for (const k of spine) {
      let s = emptySums();
      for (const g of groups) {
        const v = groupSums.get(g)?.get(k);
        if (v) s = addSums(s, v);
      }
      totals.set(k, s);
    }
    const periods = spine.map((k) => ({ period: label(k), ...measures(totals.get(k)!, populationOf(k)) }));
    const byGroup = spine.flatMap((k) =>
      groups
        .filter((g) => groupSums.get(g)?.has(k))
        .map((g) => {
          const s = groupSums.get(g)!.get(k)!;
          return { period: label(k), group: g, share: skillMixShare(s.wte, totals.get(k)!.wte), ...measures(s, populationOf(k)) };
        }),
    );
    const byOrganisation =
      mapping.org || mapping.orgName
        ? [...orgSums]
            .filter(([, m]) => m.has(latest))
            .map(([code, m]) => ({ code, name: orgNames.get(code) ?? null, period: label(latest), ...measures(m.get(latest)!) }))
            .sort((a, b) => (b.wte ?? 0) - (a.wte ?? 0) || a.code.localeCompare(b.code))
        : [];

    const has = (key: keyof (typeof periods)[number]) => periods.some((p) => p[key] !== null);
    const json = toJson({
      layout: layout.kind,
      grain,
      periodType: mode === 'fy' ? 'financial-year' : mode === 'number' ? 'year' : 'month',
      groups,
      per: 10_000,
      latest: periods[periods.length - 1],
      periods,
      byGroup,
      byOrganisation,
    });

    const periodFormat = byMonth ? ('month' as const) : ('text' as const);
    const measureColumns = (): ResultColumn[] => [
      { key: 'wte', label: 'WTE', format: 'number' },
      ...(has('headcount') ? [{ key: 'headcount', label: 'Headcount', format: 'integer' as const, count: true }] : []),
      ...(has('vacancyRate')
        ? [
            { key: 'vacancies', label: 'Vacancies (WTE)', format: 'number' as const },
            { key: 'establishment', label: 'Funded establishment (WTE)', format: 'number' as const },
            { key: 'vacancyRate', label: 'Vacancy rate', format: 'percent' as const },
          ]
        : []),
      ...(has('agencyShare')
        ? [
            { key: 'agencySpend', label: 'Agency spend', format: 'gbp' as const },
            { key: 'payBill', label: 'Total pay bill', format: 'gbp' as const },
            { key: 'agencyShare', label: 'Agency share', format: 'percent' as const },
          ]
        : []),
      ...(has('over55Share')
        ? [
            { key: 'over55', label: 'Staff aged 55+', format: 'integer' as const, count: true },
            { key: 'over55Share', label: 'Share aged 55+', format: 'percent' as const, derivedFrom: 'over55' },
          ]
        : []),
      ...(hasPopulation
        ? [
            { key: 'population', label: 'Population', format: 'integer' as const },
            { key: 'wtePer10k', label: 'WTE per 10,000', format: 'number' as const },
          ]
        : []),
    ];
    const asRows = (list: unknown[]) => toJson(list) as Record<string, JsonValue>[];
    const tables: ResultTable[] = [
      {
        id: 'workforce-periods',
        title: 'Workforce by period',
        columns: [{ key: 'period', label: 'Period', format: periodFormat }, ...measureColumns()],
        rows: asRows(periods),
      },
      {
        id: 'workforce-by-group',
        title: 'Workforce by staff group',
        columns: [
          { key: 'period', label: 'Period', format: periodFormat },
          { key: 'group', label: 'Staff group', format: 'text' },
          { key: 'share', label: 'Share of WTE', format: 'percent' },
          ...measureColumns(),
        ],
        rows: asRows(byGroup),
      },
    ];
    if (byOrganisation.length)
      tables.push({
        id: 'workforce-by-organisation',
        title: `Workforce by organisation, ${label(latest)}`,
        columns: [{ key: 'code', label: 'Code', format: 'text' }, { key: 'name', label: 'Organisation', format: 'text' }, ...measureColumns()],
        rows: asRows(byOrganisation),
      });

    const labels = spine.map(label);
    const series = (pick: (s: Sums, k: number) => number | null) =>
      groups.map((g) => ({
        group: g,
        values: spine.map((k) => {
          const s = groupSums.get(g)?.get(k);
          return s ? pick(s, k) : null;
        }),
      }));
    const charts = [
      wteAreaChart(
        labels,
        series((s) => s.wte),
      ),
      skillMixChart(
        labels,
        series((s, k) => skillMixShare(s.wte, totals.get(k)!.wte)),
      ),
    ];
    const rates = [
      { name: 'Vacancy rate', key: 'vacancyRate' as const },
      { name: 'Agency share of pay bill', key: 'agencyShare' as const },
      { name: 'Staff aged 55+', key: 'over55Share' as const },
    ].filter((r) => has(r.key));
    if (rates.length)
      charts.push(
        ratesChart(
          labels,
          rates.map((r) => ({ name: r.name, values: periods.map((p) => p[r.key]) })),
        ),
      );
    if (hasPopulation)
      charts.push(
        perPopulationChart(
          labels,
          series((s, k) => measures(s, populationOf(k)).wtePer10k),
          periods.map((p) => p.wtePer10k),
          mapping.population && /patient|list/i.test(mapping.population) ? 'registered patients' : 'population',
        ),
      );
    return { template: 'workforce', title: workforceTemplate.title, tables, charts, json, warnings } satisfies ViewResult;
  },
};
