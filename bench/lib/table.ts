import type { ResultRow } from './stats';

/** The results as an aligned text table for stdout. */

const DASH = '–';

export function formatMs(ms: number | null): string {
  if (ms === null) return DASH;
  return ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-GB');
}

export function formatRatio(r: number | null): string {
  if (r === null) return DASH;
  return `${r < 10 ? r.toFixed(2) : r.toFixed(1)}×`;
}

export function formatSize(rows: number): string {
  if (rows % 1_000_000 === 0) return `${rows / 1_000_000}M`;
  if (rows % 1_000 === 0) return `${rows / 1_000}k`;
  return rows.toLocaleString('en-GB');
}

function formatMb(mb: number | null): string {
  return mb === null ? DASH : mb.toLocaleString('en-GB');
}

const HEADINGS = ['size', 'engine', 'step', 'runs', 'app ms', 'raw native ms', 'ratio', 'app peak MB', 'raw native peak MB'];
/** Text columns are left-aligned, numbers right-aligned. */
const LEFT = [true, true, true, false, false, false, false, false, false];

export function formatTable(rows: readonly ResultRow[]): string {
  const cells = rows.map((r) => [
    formatSize(r.size),
    r.engine,
    r.step,
    String(r.runs),
    formatMs(r.project_ms),
    formatMs(r.native_ms),
    formatRatio(r.ratio),
    formatMb(r.peak_mb),
    formatMb(r.native_peak_mb),
  ]);
  const widths = HEADINGS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => (LEFT[i] ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(HEADINGS), widths.map((w) => '-'.repeat(w)).join('  ')];
  let last: string | null = null;
  for (const [i, r] of rows.entries()) {
    const group = `${r.size} ${r.engine}`;
    if (last !== null && group !== last) out.push('');
    last = group;
    out.push(line(cells[i]!));
  }
  const notes = rows.filter((r) => r.note).map((r) => `${formatSize(r.size)} ${r.engine} ${r.step}: ${r.note}`);
  if (notes.length) out.push('', 'Notes:', ...notes.map((n) => `  ${n}`));
  return out.join('\n');
}
