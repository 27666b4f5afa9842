import type { CapturedQuery, CapturedWorkload } from './protocol';

/**
 * The SQL for the native runner to replay at one size: what the project ran
 * at that size, and where a project step did not finish (timed out, failed),
 * what it ran at the previous size. The views' SQL depends on the table's
 * layout and its distinct categories, not on its row count, so the SQL of a
 * smaller extract is the same statement; each fallback is named in `borrowed`.
 * Borrowed statements carry no row count: a larger extract may give more rows.
 */
export function workloadFor(current: CapturedWorkload | null, previous: CapturedWorkload | null): { workload: CapturedWorkload | null; borrowed: string[] } {
  if (!current) return { workload: previous && uncounted(previous), borrowed: previous ? ['all SQL'] : [] };
  if (!previous) return { workload: current, borrowed: [] };
  const borrowed: string[] = [];
  const pick = <K extends 'dtoc' | 'growth' | 'peers' | 'chart'>(key: K): CapturedWorkload[K] => {
    if (current[key] !== null) return current[key];
    if (previous[key] !== null) borrowed.push(`${key} SQL`);
    return uncounted(previous)[key];
  };
  return { workload: { ...current, dtoc: pick('dtoc'), growth: pick('growth'), peers: pick('peers'), chart: pick('chart') }, borrowed };
}

function uncounted(w: CapturedWorkload): CapturedWorkload {
  const strip = (qs: CapturedQuery[] | null) => qs && qs.map((q) => ({ sql: q.sql, rows: null }));
  return { ...w, dtoc: strip(w.dtoc), growth: strip(w.growth), peers: strip(w.peers), chart: w.chart && { sql: w.chart.sql, rows: null } };
}
