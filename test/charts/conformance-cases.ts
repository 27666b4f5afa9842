import type { ChartSpecInput } from '../../src-shared/charts/chart-spec';

/**
 * The chart compiler's conformance table: a spec over the fixture
 * `test/fixtures/charts/activity-small.csv` (loaded as `activity_small`), the
 * exact SQL it compiles to, and the exact rows DuckDB returns for it (as JSON
 * rows: dates `YYYY-MM-DD`). The expected rows were worked out by hand from
 * the fixture's 13 rows, not by running the SQL.
 */
export interface ConformanceCase {
  name: string;
  spec: Omit<ChartSpecInput, 'version' | 'source'>;
  sql: string;
  rows: Record<string, string | number | null>[];
}

/** `month` at the financial-year grain, as the compiler writes it. */
const FY = `(CAST((CASE WHEN month("month") >= 4 THEN year("month") ELSE year("month") - 1 END) AS VARCHAR) || '/' || lpad(CAST(((CASE WHEN month("month") >= 4 THEN year("month") ELSE year("month") - 1 END) + 1) % 100 AS VARCHAR), 2, '0'))`;
const QUARTER = `(${FY} || ' Q' || CAST(((month("month") + 8) % 12) // 3 + 1 AS VARCHAR))`;
const FIN_MONTHS = `['Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec', 'Jan', 'Feb', 'Mar']`;

export const CASES: ConformanceCase[] = [
  {
    name: 'column: sum by a text column, blanks last',
    spec: { type: 'column', x: { field: 'ccg' }, y: [{ field: 'activity', aggregate: 'sum' }] },
    sql: `WITH "chart_data" AS (
  SELECT "ccg", CAST(sum("activity") AS DOUBLE) AS "sum_activity"
  FROM "activity_small"
  GROUP BY 1
)
SELECT * FROM "chart_data"
ORDER BY "ccg" ASC NULLS LAST`,
    rows: [
      { ccg: '11J', sum_activity: 270 },
      { ccg: '11X', sum_activity: 430 },
      { ccg: '99A', sum_activity: 365 },
      { ccg: null, sum_activity: 7 },
    ],
  },
  {
    name: 'bar: sorted by value, largest first',
    spec: { type: 'bar', x: { field: 'ccg' }, y: [{ field: 'cost_gbp', aggregate: 'sum' }], sort: { by: 'value', direction: 'desc' } },
    sql: `WITH "chart_data" AS (
  SELECT "ccg", CAST(sum("cost_gbp") AS DOUBLE) AS "sum_cost_gbp"
  FROM "activity_small"
  GROUP BY 1
)
SELECT * FROM "chart_data"
ORDER BY "sum_cost_gbp" DESC NULLS LAST, "ccg" ASC NULLS LAST`,
    rows: [
      { ccg: '11X', sum_cost_gbp: 199250.5 },
      { ccg: '11J', sum_cost_gbp: 177500 },
      { ccg: '99A', sum_cost_gbp: 159000 },
      { ccg: null, sum_cost_gbp: 1015 },
    ],
  },
  {
    name: 'line: count of rows by month',
    spec: { type: 'line', x: { field: 'month', grain: 'month' }, y: [{ aggregate: 'count' }] },
    sql: `WITH "chart_data" AS (
  SELECT CAST(date_trunc('month', "month") AS DATE) AS "month", CAST(count(*) AS DOUBLE) AS "count"
  FROM "activity_small"
  GROUP BY 1
)
SELECT * FROM "chart_data"
ORDER BY "month" ASC NULLS LAST`,
    rows: [
      { month: '2016-03-01', count: 1 },
      { month: '2016-04-01', count: 4 },
      { month: '2016-07-01', count: 3 },
      { month: '2017-01-01', count: 3 },
      { month: '2017-04-01', count: 2 },
    ],
  },
  {
    name: 'area (stacked): financial quarters × point of delivery for one CCG',
    spec: {
      type: 'area',
      stack: 'stacked',
      x: { field: 'month', grain: 'quarter' },
      series: { field: 'pod' },
      y: [{ field: 'activity', aggregate: 'sum' }],
      filters: [{ kind: 'include', field: 'ccg', values: ['11X'] }],
    },
    sql: `WITH "chart_data" AS (
  SELECT ${QUARTER} AS "month_quarter", "pod", CAST(sum("activity") AS DOUBLE) AS "sum_activity"
  FROM "activity_small"
  WHERE "ccg" IN ('11X')
  GROUP BY 1, 2
)
SELECT * FROM "chart_data"
ORDER BY "month_quarter" ASC NULLS LAST, "pod" ASC NULLS LAST`,
    rows: [
      { month_quarter: '2015/16 Q4', pod: 'AE', sum_activity: 100 },
      { month_quarter: '2016/17 Q1', pod: 'AE', sum_activity: 120 },
      { month_quarter: '2016/17 Q1', pod: 'NEL', sum_activity: 30 },
      { month_quarter: '2016/17 Q2', pod: 'NEL', sum_activity: 40 },
      { month_quarter: '2016/17 Q4', pod: 'EL', sum_activity: 10 },
      { month_quarter: '2017/18 Q1', pod: 'AE', sum_activity: 130 },
    ],
  },
  {
    name: 'combo: sum and mean by financial year',
    spec: {
      type: 'combo',
      x: { field: 'month', grain: 'financial_year' },
      y: [
        { id: 'activity_total', field: 'activity', aggregate: 'sum' },
        { field: 'cost_gbp', aggregate: 'mean' },
      ],
    },
    sql: `WITH "chart_data" AS (
  SELECT ${FY} AS "month_financial_year", CAST(sum("activity") AS DOUBLE) AS "activity_total", CAST(avg("cost_gbp") AS DOUBLE) AS "mean_cost_gbp"
  FROM "activity_small"
  GROUP BY 1
)
SELECT * FROM "chart_data"
ORDER BY "month_financial_year" ASC NULLS LAST`,
    rows: [
      { month_financial_year: '2015/16', activity_total: 100, mean_cost_gbp: 14500.5 },
      { month_financial_year: '2016/17', activity_total: 837, mean_cost_gbp: 48691.5 },
      { month_financial_year: '2017/18', activity_total: 135, mean_cost_gbp: 17675 },
    ],
  },
  {
    name: 'scatter: count distinct and max, excluding a value but keeping blanks',
    spec: {
      type: 'scatter',
      x: { field: 'pod' },
      y: [
        { field: 'ccg', aggregate: 'count_distinct' },
        { field: 'los', aggregate: 'max' },
      ],
      filters: [{ kind: 'exclude', field: 'ccg', values: ['99A'] }],
    },
    sql: `WITH "chart_data" AS (
  SELECT "pod", CAST(count(DISTINCT "ccg") AS DOUBLE) AS "count_distinct_ccg", CAST(max("los") AS DOUBLE) AS "max_los"
  FROM "activity_small"
  WHERE ("ccg" NOT IN ('99A') OR "ccg" IS NULL)
  GROUP BY 1
)
SELECT * FROM "chart_data"
ORDER BY "pod" ASC NULLS LAST`,
    rows: [
      { pod: 'AE', count_distinct_ccg: 2, max_los: 2 },
      { pod: 'EL', count_distinct_ccg: 2, max_los: 4 },
      { pod: 'NEL', count_distinct_ccg: 2, max_los: 6 },
    ],
  },
  {
    name: 'pie: top 2 by value with the rest in Other, largest first, Other last',
    spec: {
      type: 'pie',
      x: { field: 'pod' },
      y: [{ field: 'activity', aggregate: 'sum' }],
      filters: [{ kind: 'top', n: 2, other: true }],
      sort: { by: 'value', direction: 'desc' },
    },
    sql: `WITH "top_x" AS (
  SELECT "pod" AS "key"
  FROM "activity_small"
  WHERE "pod" IS NOT NULL
  GROUP BY 1
  ORDER BY CAST(sum("activity") AS DOUBLE) DESC NULLS LAST, 1 ASC
  LIMIT 2
),
"chart_data" AS (
  SELECT CASE WHEN "pod" IN (SELECT "key" FROM "top_x") THEN CAST("pod" AS VARCHAR) ELSE 'Other' END AS "pod", CAST(sum("activity") AS DOUBLE) AS "sum_activity"
  FROM "activity_small"
  GROUP BY 1
)
SELECT * FROM "chart_data"
ORDER BY ("pod" = 'Other') ASC, "sum_activity" DESC NULLS LAST, "pod" ASC NULLS LAST`,
    rows: [
      { pod: 'AE', sum_activity: 857 },
      { pod: 'NEL', sum_activity: 180 },
      { pod: 'Other', sum_activity: 35 },
    ],
  },
  {
    name: 'donut: the 2 smallest by minimum, others dropped, blank never ranked',
    spec: {
      type: 'donut',
      x: { field: 'ccg' },
      y: [{ field: 'cost_gbp', aggregate: 'min' }],
      filters: [{ kind: 'top', n: 2, by: 'min_cost_gbp', order: 'smallest' }],
    },
    sql: `WITH "top_x" AS (
  SELECT "ccg" AS "key"
  FROM "activity_small"
  WHERE "ccg" IS NOT NULL
  GROUP BY 1
  ORDER BY CAST(min("cost_gbp") AS DOUBLE) ASC NULLS LAST, 1 ASC
  LIMIT 2
),
"chart_data" AS (
  SELECT "ccg", CAST(min("cost_gbp") AS DOUBLE) AS "min_cost_gbp"
  FROM "activity_small"
  WHERE "ccg" IN (SELECT "key" FROM "top_x")
  GROUP BY 1
)
SELECT * FROM "chart_data"
ORDER BY "ccg" ASC NULLS LAST`,
    rows: [
      { ccg: '11X', min_cost_gbp: 14500.5 },
      { ccg: '99A', min_cost_gbp: 16500 },
    ],
  },
  {
    name: 'heatmap: calendar year × CCG, max within a numeric range',
    spec: {
      type: 'heatmap',
      x: { field: 'month', grain: 'year' },
      series: { field: 'ccg' },
      y: [{ field: 'activity', aggregate: 'max' }],
      filters: [{ kind: 'range', field: 'activity', min: 10, max: 200 }],
    },
    sql: `WITH "chart_data" AS (
  SELECT year("month") AS "month_year", "ccg", CAST(max("activity") AS DOUBLE) AS "max_activity"
  FROM "activity_small"
  WHERE ("activity" >= 10 AND "activity" <= 200)
  GROUP BY 1, 2
)
SELECT * FROM "chart_data"
ORDER BY "month_year" ASC NULLS LAST, "ccg" ASC NULLS LAST`,
    rows: [
      { month_year: 2016, ccg: '11J', max_activity: 200 },
      { month_year: 2016, ccg: '11X', max_activity: 120 },
      { month_year: 2017, ccg: '11J', max_activity: 20 },
      { month_year: 2017, ccg: '11X', max_activity: 130 },
      { month_year: 2017, ccg: '99A', max_activity: 60 },
    ],
  },
  {
    name: 'table: totals without an x column, within a date range',
    spec: {
      type: 'table',
      y: [{ field: 'activity', aggregate: 'sum' }, { aggregate: 'count' }, { field: 'activity', aggregate: 'median' }, { field: 'los', aggregate: 'count' }],
      filters: [{ kind: 'date_range', field: 'month', from: '2016-04-01', to: '2017-01-01' }],
    },
    sql: `WITH "chart_data" AS (
  SELECT CAST(sum("activity") AS DOUBLE) AS "sum_activity", CAST(count(*) AS DOUBLE) AS "count", CAST(median("activity") AS DOUBLE) AS "median_activity", CAST(count("los") AS DOUBLE) AS "count_los"
  FROM "activity_small"
  WHERE ("month" >= DATE '2016-04-01' AND "month" <= DATE '2017-01-01')
)
SELECT * FROM "chart_data"`,
    rows: [{ sum_activity: 837, count: 10, median_activity: 45, count_los: 9 }],
  },
  {
    name: 'include: a value and blanks',
    spec: {
      type: 'column',
      x: { field: 'pod' },
      y: [{ field: 'activity', aggregate: 'sum' }],
      filters: [{ kind: 'include', field: 'ccg', values: [null, '11J'] }],
    },
    sql: `WITH "chart_data" AS (
  SELECT "pod", CAST(sum("activity") AS DOUBLE) AS "sum_activity"
  FROM "activity_small"
  WHERE ("ccg" IN ('11J') OR "ccg" IS NULL)
  GROUP BY 1
)
SELECT * FROM "chart_data"
ORDER BY "pod" ASC NULLS LAST`,
    rows: [
      { pod: 'AE', sum_activity: 207 },
      { pod: 'EL', sum_activity: 20 },
      { pod: 'NEL', sum_activity: 50 },
    ],
  },
  {
    name: 'include at a grain (a financial year of a date column), and a from-only date range',
    spec: {
      type: 'column',
      x: { field: 'ccg' },
      y: [{ field: 'activity', aggregate: 'sum' }],
      filters: [
        { kind: 'include', field: 'month', grain: 'financial_year', values: ['2017/18'] },
        { kind: 'date_range', field: 'month', from: '2017-04-01' },
      ],
    },
    sql: `WITH "chart_data" AS (
  SELECT "ccg", CAST(sum("activity") AS DOUBLE) AS "sum_activity"
  FROM "activity_small"
  WHERE ${FY} IN ('2017/18') AND "month" >= DATE '2017-04-01'
  GROUP BY 1
)
SELECT * FROM "chart_data"
ORDER BY "ccg" ASC NULLS LAST`,
    rows: [
      { ccg: '11X', sum_activity: 130 },
      { ccg: '99A', sum_activity: 5 },
    ],
  },
  {
    name: 'financial months in April-to-March order',
    spec: { type: 'line', x: { field: 'month', grain: 'financial_month' }, y: [{ field: 'activity', aggregate: 'sum' }] },
    sql: `WITH "chart_data" AS (
  SELECT strftime("month", '%b') AS "month_financial_month", CAST(sum("activity") AS DOUBLE) AS "sum_activity"
  FROM "activity_small"
  GROUP BY 1
)
SELECT * FROM "chart_data"
ORDER BY list_position(${FIN_MONTHS}, "month_financial_month") ASC NULLS LAST`,
    rows: [
      { month_financial_month: 'Apr', sum_activity: 785 },
      { month_financial_month: 'Jul', sum_activity: 97 },
      { month_financial_month: 'Jan', sum_activity: 90 },
      { month_financial_month: 'Mar', sum_activity: 100 },
    ],
  },
  {
    name: 'sorted by value with a colour split: by each category total, then the split',
    spec: {
      type: 'column',
      stack: 'stacked',
      x: { field: 'ccg' },
      series: { field: 'pod' },
      y: [{ field: 'activity', aggregate: 'sum' }],
      filters: [{ kind: 'exclude', field: 'ccg', values: [null] }],
      sort: { by: 'value', direction: 'desc' },
    },
    sql: `WITH "chart_data" AS (
  SELECT "ccg", "pod", CAST(sum("activity") AS DOUBLE) AS "sum_activity"
  FROM "activity_small"
  WHERE "ccg" IS NOT NULL
  GROUP BY 1, 2
)
SELECT * FROM "chart_data"
ORDER BY sum("sum_activity") OVER (PARTITION BY "ccg") DESC NULLS LAST, "ccg" ASC NULLS LAST, "pod" ASC NULLS LAST`,
    rows: [
      { ccg: '11X', pod: 'AE', sum_activity: 350 },
      { ccg: '11X', pod: 'EL', sum_activity: 10 },
      { ccg: '11X', pod: 'NEL', sum_activity: 70 },
      { ccg: '99A', pod: 'AE', sum_activity: 300 },
      { ccg: '99A', pod: 'EL', sum_activity: 5 },
      { ccg: '99A', pod: 'NEL', sum_activity: 60 },
      { ccg: '11J', pod: 'AE', sum_activity: 200 },
      { ccg: '11J', pod: 'EL', sum_activity: 20 },
      { ccg: '11J', pod: 'NEL', sum_activity: 50 },
    ],
  },
  {
    name: 'literals with quotes are escaped',
    spec: {
      type: 'bar',
      x: { field: 'ccg' },
      y: [{ field: 'activity', aggregate: 'sum' }],
      filters: [{ kind: 'include', field: 'ccg_name', values: ['NHS Liverpool CCG, "urban"', "O'Neil"] }],
    },
    sql: `WITH "chart_data" AS (
  SELECT "ccg", CAST(sum("activity") AS DOUBLE) AS "sum_activity"
  FROM "activity_small"
  WHERE "ccg_name" IN ('NHS Liverpool CCG, "urban"', 'O''Neil')
  GROUP BY 1
)
SELECT * FROM "chart_data"
ORDER BY "ccg" ASC NULLS LAST`,
    rows: [{ ccg: '99A', sum_activity: 365 }],
  },
  {
    name: 'top 1 of the colour split with the rest as "Rest", last within each year',
    spec: {
      type: 'column',
      stack: 'percent',
      x: { field: 'month', grain: 'financial_year' },
      series: { field: 'ccg' },
      y: [{ field: 'activity', aggregate: 'sum' }],
      filters: [{ kind: 'top', dimension: 'series', n: 1, other: true, otherLabel: 'Rest' }],
    },
    sql: `WITH "top_series" AS (
  SELECT "ccg" AS "key"
  FROM "activity_small"
  WHERE "ccg" IS NOT NULL
  GROUP BY 1
  ORDER BY CAST(sum("activity") AS DOUBLE) DESC NULLS LAST, 1 ASC
  LIMIT 1
),
"chart_data" AS (
  SELECT ${FY} AS "month_financial_year", CASE WHEN "ccg" IN (SELECT "key" FROM "top_series") THEN CAST("ccg" AS VARCHAR) ELSE 'Rest' END AS "ccg", CAST(sum("activity") AS DOUBLE) AS "sum_activity"
  FROM "activity_small"
  GROUP BY 1, 2
)
SELECT * FROM "chart_data"
ORDER BY "month_financial_year" ASC NULLS LAST, ("ccg" = 'Rest') ASC, "ccg" ASC NULLS LAST`,
    rows: [
      { month_financial_year: '2015/16', ccg: '11X', sum_activity: 100 },
      { month_financial_year: '2016/17', ccg: '11X', sum_activity: 200 },
      { month_financial_year: '2016/17', ccg: 'Rest', sum_activity: 637 },
      { month_financial_year: '2017/18', ccg: '11X', sum_activity: 130 },
      { month_financial_year: '2017/18', ccg: 'Rest', sum_activity: 5 },
    ],
  },
  {
    name: 'exclude a value (blanks kept) and a min-only numeric range',
    spec: {
      type: 'column',
      x: { field: 'ccg' },
      y: [{ field: 'activity', aggregate: 'sum' }],
      filters: [
        { kind: 'exclude', field: 'ccg', values: ['11X'] },
        { kind: 'range', field: 'cost_gbp', min: 20000 },
      ],
    },
    sql: `WITH "chart_data" AS (
  SELECT "ccg", CAST(sum("activity") AS DOUBLE) AS "sum_activity"
  FROM "activity_small"
  WHERE ("ccg" NOT IN ('11X') OR "ccg" IS NULL) AND "cost_gbp" >= 20000
  GROUP BY 1
)
SELECT * FROM "chart_data"
ORDER BY "ccg" ASC NULLS LAST`,
    rows: [
      { ccg: '11J', sum_activity: 270 },
      { ccg: '99A', sum_activity: 360 },
    ],
  },
];
