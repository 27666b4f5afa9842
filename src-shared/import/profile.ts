import type * as arrow from 'apache-arrow';
import { columnsOf, tableToRows } from '../engine/arrow-values';
import type { QueryOptions } from '../engine/engine';
import { toJsonValue, type JsonValue } from '../format/plain-json';
import { quoteIdent } from '../sql/identifiers';
import type { ImportReport } from './types';

export interface ProfileHost {
  query(sql: string, opts?: QueryOptions): Promise<arrow.Table>;
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface ColumnProfile {
  name: string;
  type: string;
  sqlType: string;
  nonNull: number;
  /** Empty cells (NULL, and not a missing-value marker). */
  nulls: number;
  /** Cells that held a missing-value marker and are now NULL, by kind (missing-values.ts): suppressed (`*`, `[c]`), */
  suppressed: number;
  /** not available (`..`, `[x]`, `NA`), */
  notAvailable: number;
  /** not applicable or zero (`-`, `[z]`). */
  notApplicable: number;
  distinct: number;
  min: JsonValue;
  max: JsonValue;
  top: { value: JsonValue; count: number }[];
  histogram: HistogramBin[];
}

export interface TableProfile {
  table: string;
  rows: number;
  columns: ColumnProfile[];
}

const NUMERIC_SQL = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/i;

function bins(n: number): number {
  return Math.max(1, Math.min(12, n));
}

/**
 * A column-by-column profile of a loaded table: counts, distinct values, range,
 * most common values and (for numbers and dates) a small histogram.
 */
export async function profileTable(host: ProfileHost, table: string, report?: Pick<ImportReport, 'columns'>, opts: QueryOptions = {}): Promise<TableProfile> {
  const t = quoteIdent(table);
  const described = tableToRows(await host.query(`DESCRIBE ${t}`, opts));
  const names = described.map((d) => String(d.column_name));
  const sqlTypes = described.map((d) => String(d.column_type));
  const stats: string[] = ['count(*) AS "rows"'];
  names.forEach((name, i) => {
    const c = quoteIdent(name);
    stats.push(`count(${c}) AS "${i}:nonNull"`, `approx_count_distinct(${c}) AS "${i}:approx"`, `min(${c}) AS "${i}:min"`, `max(${c}) AS "${i}:max"`);
  });
  const statsTable = await host.query(`SELECT ${stats.join(', ')} FROM ${t}`, opts);
  const kinds = new Map(columnsOf(statsTable).map((c) => [c.name, c.kind]));
  const row = tableToRows(statsTable)[0] ?? {};
  const rows = Number(row.rows ?? 0);
  // Exact distinct counts where cheap enough; approximate counts above that.
  const exact =
    rows <= 2_000_000
      ? (tableToRows(await host.query(`SELECT ${names.map((n, i) => `count(DISTINCT ${quoteIdent(n)}) AS "${i}"`).join(', ')} FROM ${t}`, opts))[0] ?? {})
      : {};
  const columns: ColumnProfile[] = [];
  for (const [i, name] of names.entries()) {
    const c = quoteIdent(name);
    const imported = report?.columns.find((col) => col.name === name);
    const suppressed = imported?.suppressed ?? 0;
    const notAvailable = imported?.notAvailable ?? 0;
    const notApplicable = imported?.notApplicable ?? 0;
    const nonNull = Number(row[`${i}:nonNull`] ?? 0);
    const topResult = await host.query(`SELECT ${c} AS value, count(*) AS n FROM ${t} WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY n DESC, 1 LIMIT 5`, opts);
    const topKind = columnsOf(topResult)[0]?.kind;
    const topRows = tableToRows(topResult);
    const histogram: HistogramBin[] = [];
    const sqlType = sqlTypes[i]!;
    const min = row[`${i}:min`];
    const max = row[`${i}:max`];
    const isNumeric = NUMERIC_SQL.test(sqlType);
    const isDate = sqlType === 'DATE' || sqlType.startsWith('TIMESTAMP');
    if ((isNumeric || isDate) && min !== null && max !== null && min !== undefined && max !== undefined) {
      const expr = isDate ? `epoch_ms(CAST(${c} AS TIMESTAMP))` : `CAST(${c} AS DOUBLE)`;
      const lo = isDate ? (min as Date).getTime() : Number(min);
      const hi = isDate ? (max as Date).getTime() : Number(max);
      const count = hi > lo ? bins(Math.min(nonNull, Number(exact[String(i)] ?? 12))) : 1;
      const width = hi > lo ? (hi - lo) / count : 1;
      const binRows = tableToRows(
        await host.query(
          `SELECT least(${count - 1}, CAST(floor((${expr} - ${lo}) / ${width}) AS INTEGER)) AS b, count(*) AS n FROM ${t} WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY 1`,
          opts,
        ),
      );
      for (let b = 0; b < count; b++) histogram.push({ from: lo + b * width, to: lo + (b + 1) * width, count: 0 });
      for (const r of binRows) {
        const bin = histogram[Number(r.b)];
        if (bin) bin.count = Number(r.n);
      }
    }
    columns.push({
      name,
      type: imported?.type ?? sqlType.toLowerCase(),
      sqlType,
      nonNull,
      nulls: Math.max(0, rows - nonNull - suppressed - notAvailable - notApplicable),
      suppressed,
      notAvailable,
      notApplicable,
      distinct: Number(exact[String(i)] ?? row[`${i}:approx`] ?? 0),
      min: toJsonValue(min ?? null, kinds.get(`${i}:min`)),
      max: toJsonValue(max ?? null, kinds.get(`${i}:max`)),
      top: topRows.map((r) => ({ value: toJsonValue(r.value ?? null, topKind), count: Number(r.n) })),
      histogram,
    });
  }
  return { table, rows, columns };
}
