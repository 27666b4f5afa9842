import { describe, expect, it } from 'vitest';
import { dtocTemplate } from '../../src-shared/analysis/dtoc/template';
import { growthTemplate } from '../../src-shared/analysis/growth/template';
import { peersTemplate } from '../../src-shared/analysis/peers';
import { fitReason, rankTables, suggestTables, tableFit } from '../../src-shared/analysis/table-fit';
import type { TableColumn, TableInfo } from '../../src-shared/analysis/view-types';
import { workforceTemplate } from '../../src-shared/analysis/workforce/template';

/** A table as the app describes it: `name:kind` columns. */
function table(name: string, columns: string): TableInfo {
  return {
    table: name,
    columns: columns.split(', ').map((c) => {
      const at = c.lastIndexOf(':');
      return { name: c.slice(0, at), kind: c.slice(at + 1) as TableColumn['kind'], sqlType: '' };
    }),
  };
}

// The sample data as "Open sample data" loads it (columns as the importer types them).
const SAMPLE: TableInfo[] = [
  table(
    'activity',
    'commissioner_code:string, commissioner_name:string, provider_code:string, provider_name:string, pod:string, pod_description:string, month:date, financial_year:string, activity:number, cost_gbp:number, financial_year start:date',
  ),
  table(
    'dtoc',
    'Year:string, Period Name:string, Provider Parent Org Code:string, Provider Parent Name:string, Provider Org Code:string, Provider Org Name:string, Local Authority Code:string, Local Authority Name:string, Acute Or Non Acute Description:string, Reason For Delay:string, NHS A SUM:number, NHS B SUM:number, Social Care A SUM:number, Social Care B SUM:number, Both A SUM:number, Both B SUM:number, Year start:date, Month:date',
  ),
  table(
    'spend',
    'Financial Year:string, CCG Code:string, CCG Name:string, Population:number, Weighted Population:number, PBC Code:number, Programme Budgeting Category:string, Primary Care Prescribing (£000s):number, Acute (£000s):number, Community and Mental Health (£000s):number, Other (£000s):number, Total (£000s):number, Financial Year start:date',
  ),
  table(
    'peer_indicators',
    'Indicator Code:string, Indicator Name:string, Unit:string, Direction:string, Org Code:string, Org Name:string, Period:string, Numerator:number, Denominator:number, Value:number, Period start:date',
  ),
  table(
    'ccg_demographics',
    'ccg_code:string, ccg_name:string, region:string, population:number, weighted_population:number, imd_score:number, pct_aged_65_plus:number, pct_aged_85_plus:number, pct_rural:number, density_per_km2:number, pct_minority_ethnic:number',
  ),
  table(
    'workforce_trusts',
    'Organisation Code:string, Organisation Name:string, Month:date, Staff Group:string, Staff In Post WTE:number, Staff In Post Headcount:number, Vacancies WTE:number, Funded Establishment WTE:number, Agency Spend (£):number, Total Pay Bill (£):number, Staff Aged 55+ Headcount:number',
  ),
  table(
    'workforce_gp',
    'Practice Code:string, Practice Name:string, CCG Code:string, Financial Year:string, Quarter:string, Quarter End Date:date, Registered Patients:number, GP Headcount:number, GP FTE:number, Nurse FTE:number, Direct Patient Care FTE:number, Admin/Non-Clinical FTE:number, Total FTE:number, Financial Year start:date',
  ),
  table(
    'finance',
    'Organisation Code:string, Organisation Name:string, Organisation Type:string, Financial Year:string, Month:date, Month Number:number, Income Plan (£):number, Income Actual (£):number, Expenditure Plan (£):number, Expenditure Actual (£):number, Surplus/(Deficit) Plan (£):number, Surplus/(Deficit) Actual (£):number, Variance to Plan (£):number, YTD Surplus/(Deficit) Actual (£):number, Financial Year start:date',
  ),
];

function fitting(template: Parameters<typeof rankTables>[0]): string[] {
  return rankTables(template, SAMPLE)
    .filter((f) => f.fits)
    .map((f) => f.table);
}

describe('which loaded tables suit a view', () => {
  it('marks only the tables a view can run on as fitting', () => {
    expect(fitting(peersTemplate)).toEqual(['peer_indicators']);
    // A month column alone is not DTOC data: the bed days are missing (dtoc mappingGaps).
    expect(fitting(dtocTemplate)).toEqual(['dtoc']);
    // …nor is a date column alone workforce data: the WTE is missing.
    expect(fitting(workforceTemplate)).toEqual(['workforce_gp', 'workforce_trusts']);
    expect(fitting(growthTemplate)[0]).toBe('activity');
  });

  it('ranks tables by the required roles they fill, then fits, recognised layouts and roles filled', () => {
    expect(tableFit(peersTemplate, SAMPLE[4]!)).toEqual({
      table: 'ccg_demographics',
      requiredFilled: 1,
      requiredTotal: 2,
      fits: false,
      recognised: false,
      mapped: 4,
      missing: ['no column for Indicator code'],
    });
    expect(tableFit(dtocTemplate, SAMPLE[0]!)).toMatchObject({ requiredFilled: 1, requiredTotal: 1, fits: false });
    const dtoc = rankTables(dtocTemplate, SAMPLE);
    expect(dtoc[0]).toMatchObject({ table: 'dtoc', fits: true, recognised: true });
    // Tables without a month come last.
    expect(
      dtoc
        .slice(-2)
        .map((f) => f.table)
        .sort(),
    ).toEqual(['ccg_demographics', 'spend']);
    const growth = rankTables(growthTemplate, SAMPLE);
    expect(growth.map((f) => f.requiredFilled)).toEqual([...growth.map((f) => f.requiredFilled)].sort((a, b) => b - a));
  });

  it('says why a table does or does not suit a view', () => {
    const reasons = Object.fromEntries(rankTables(workforceTemplate, SAMPLE).map((f) => [f.table, fitReason(f)]));
    expect(reasons.workforce_gp).toBe('fits: a layout this view knows');
    expect(reasons.workforce_trusts).toBe('fits');
    // A table with a date but no WTE: what it lacks, in the template's words.
    expect(reasons.activity).toBe('map the WTE');
    expect(fitReason(tableFit(peersTemplate, SAMPLE[4]!))).toBe('no column for Indicator code');
  });

  it('starts a view with its best table and the companion tables it asks for', () => {
    expect(suggestTables(peersTemplate, SAMPLE)).toEqual(['peer_indicators', 'ccg_demographics']);
    expect(suggestTables(dtocTemplate, SAMPLE)).toEqual(['dtoc']);
    expect(suggestTables(growthTemplate, SAMPLE)).toEqual(['activity']);
    expect(suggestTables(workforceTemplate, SAMPLE)).toEqual(['workforce_gp']);
    // Nothing fits: nothing is ticked (not even a companion on its own).
    expect(suggestTables(peersTemplate, [SAMPLE[4]!])).toEqual([]);
  });

  it('asks the peers template for a demographics table with an organisation code column', () => {
    expect(peersTemplate.companionTables!(SAMPLE)).toEqual(['ccg_demographics']);
    expect(peersTemplate.companionTables!([table('demographics_2019', 'name:string, imd:number')])).toEqual([]);
    expect(peersTemplate.companionTables!([table('area_facts', 'ccg_code:string, imd:number')])).toEqual([]);
  });
});
