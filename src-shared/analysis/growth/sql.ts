import { quoteIdent } from '../../sql/identifiers';
import type { FieldMapping, TableInfo } from '../view-types';
import { PERIOD_PROFILE_SQL, periodColumnsSql, periodKeySql, periodNotNullSql, type PeriodMode } from '../view-kit/period-mode';
import { financialYearOfDateSql, financialYearStartSql, monthDateSql, monthKeySql } from '../view-kit/period-sql';
import { columnOf, inListSql, unionAllByName } from '../view-kit/sources';

/**
 * SQL for the growth view. Each data table is projected to grp, grp_label,
 * area, pop, v and the period's readings; a profile query decides whether the
 * period is a month, a financial year or a year number, then the aggregate
 * adds the values up by group and period.
 */

export type { PeriodMode };

export function growthDataColumns(mapping: FieldMapping): string[] {
  return ['period', 'value', 'group', 'groupLabel', 'area'].map((r) => mapping[r]).filter((c): c is string => Boolean(c));
}

function textCol(table: TableInfo, column: string | undefined): string {
  return column && columnOf(table, column) ? `CAST(${quoteIdent(column)} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)';
}

/**
 * One table's projection: group, label, area, value, population and the
 * period's readings (see view-kit/period-mode), with the filters applied.
 */
export function growthProjection(
  table: TableInfo,
  mapping: FieldMapping,
  filters: { area: string[]; columns: Record<string, string[]> },
  withPopulation: boolean,
  tableIndex = 0,
): string {
  const cols = [
    `${mapping.group ? `coalesce(trim(CAST(${quoteIdent(mapping.group)} AS VARCHAR)), '(blank)')` : `'All'`} AS grp`,
    `${textCol(table, mapping.groupLabel)} AS grp_label`,
    `${textCol(table, mapping.area)} AS area`,
    ...periodColumnsSql(table, mapping.period!),
    `CAST(${quoteIdent(mapping.value!)} AS DOUBLE) AS v`,
    `${withPopulation && mapping.population && columnOf(table, mapping.population) ? `CAST(${quoteIdent(mapping.population)} AS DOUBLE)` : 'CAST(NULL AS DOUBLE)'} AS pop`,
    // Where the row sits in the data (table, then row), so groups keep the order they first appear in.
    `(CAST(${tableIndex} AS BIGINT) << 40) + rowid AS seq`,
  ];
  const where: string[] = [];
  if (filters.area.length) {
    if (!mapping.area) throw new Error('The area filter needs the area column mapped (area).');
    where.push(inListSql([quoteIdent(mapping.area)], filters.area));
  }
  for (const [column, values] of Object.entries(filters.columns)) {
    if (!columnOf(table, column)) throw new Error(`filter.${column}: table ${table.table} has no column "${column}".`);
    where.push(inListSql([quoteIdent(column)], values));
  }
  return `SELECT ${cols.join(', ')} FROM ${quoteIdent(table.table)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
}

export function growthSourceSql(
  tables: TableInfo[],
  mapping: FieldMapping,
  filters: { area: string[]; columns: Record<string, string[]> },
  withPopulation: boolean,
): string {
  return unionAllByName(tables.map((t, i) => growthProjection(t, mapping, filters, withPopulation, i)));
}

/** Counts that decide how to read the period, and rows without a period or a value. */
export function growthProfileSql(source: string): string {
  return `SELECT ${PERIOD_PROFILE_SQL},
  count(*) FILTER (WHERE v IS NULL)::DOUBLE AS no_value
FROM (${source}) s`;
}

/**
 * Value by group and period (month `YYYY-MM`, or a year as text), with the
 * population of the period when the data carries it: each area's population
 * counted once (its largest value in the period), summed over areas.
 * NOT MATERIALIZED keeps the filtered source out of memory (see dtocProfileSql).
 * Groups come in the order they first appear in the data (as in the source
 * table an analyst would check against), the same on every engine and thread count.
 */
export function growthAggregateSql(source: string, mode: PeriodMode): string {
  const key = periodKeySql(mode);
  const notNull = periodNotNullSql(mode);
  return `WITH s AS NOT MATERIALIZED (SELECT *, ${key} AS p FROM (${source}) src WHERE ${notNull}),
pop AS (SELECT p, CAST(sum(a_pop) AS DOUBLE) AS population FROM (SELECT p, area, max(pop) AS a_pop FROM s GROUP BY p, area) GROUP BY p)
SELECT 'value' AS kind, grp, max(grp_label) AS grp_label, p, CAST(sum(v) AS DOUBLE) AS value, min(min(seq)) OVER (PARTITION BY grp) AS first_seq FROM s GROUP BY grp, p
UNION ALL SELECT 'population', NULL, NULL, p, population, NULL FROM pop WHERE population IS NOT NULL
ORDER BY kind DESC, first_seq, p`;
}

/** Population by period from a separate population table. */
export function populationTableSql(table: TableInfo, mapping: FieldMapping, area: string[]): string {
  const popColumn = mapping.population!;
  const periodColumn = mapping.populationPeriod && columnOf(table, mapping.populationPeriod) ? mapping.populationPeriod : null;
  const where: string[] = [`${quoteIdent(popColumn)} IS NOT NULL`];
  if (area.length && mapping.populationArea && columnOf(table, mapping.populationArea)) where.push(inListSql([quoteIdent(mapping.populationArea)], area));
  let period = 'CAST(NULL AS VARCHAR)';
  let fy = 'CAST(NULL AS INTEGER)';
  if (periodColumn) {
    const kind = columnOf(table, periodColumn)!.kind;
    const p = quoteIdent(periodColumn);
    period = kind === 'date' ? monthKeySql(monthDateSql(p, kind)) : `CAST(${p} AS VARCHAR)`;
    fy =
      kind === 'date'
        ? financialYearOfDateSql(p)
        : kind === 'number'
          ? `TRY_CAST(${p} AS INTEGER)`
          : `coalesce(${financialYearStartSql(p)}, ${financialYearOfDateSql(monthDateSql(p, kind))})`;
  }
  return `SELECT ${period} AS period, ${fy} AS fy, CAST(sum(CAST(${quoteIdent(popColumn)} AS DOUBLE)) AS DOUBLE) AS population FROM ${quoteIdent(table.table)} WHERE ${where.join(' AND ')} GROUP BY ALL`;
}
