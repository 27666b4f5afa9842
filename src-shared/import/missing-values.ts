import { quoteLiteral } from '../sql/identifiers';

/**
 * Missing is not suppressed. UK official statistics mark cells that hold no
 * number with symbols, and each means something different (the GSS symbols,
 * and the older ones many NHS extracts still use):
 *
 * - suppressed (confidential): `[c]`, `c`, `*`, `**`, `ND` (not disclosed);
 * - not available: `[x]`, `..`, `:`, `NA`, `n/a`, `[w]` (no observations);
 * - not applicable, or zero / rounds to zero: `[z]`, `-`, `–`, `~`, `[low]`.
 *
 * Bare `x` and `z` are not markers: they are too often real values (a flag, a code).
 *
 * In a column of numbers these become empty cells and are counted by kind;
 * the import report, the profile and `cli profile --json` show each count.
 * Matching ignores case and surrounding spaces.
 */

export type MissingKind = 'suppressed' | 'notAvailable' | 'notApplicable';

export const MISSING_KINDS: readonly MissingKind[] = ['suppressed', 'notAvailable', 'notApplicable'];

/** How the kinds are named to people. */
export const MISSING_KIND_LABELS: Readonly<Record<MissingKind, string>> = {
  suppressed: 'Suppressed',
  notAvailable: 'Not available',
  notApplicable: 'Not applicable or zero',
};

const KNOWN: Readonly<Record<MissingKind, readonly string[]>> = {
  suppressed: ['[c]', 'c', '*', '**', 'nd', 'supp'],
  notAvailable: ['[x]', '..', ':', 'na', 'n/a', 'n.a.', '[w]'],
  notApplicable: ['[z]', '-', '–', '—', '~', '[low]'],
};

/** Every marker recognised by default. */
export const DEFAULT_MISSING_MARKERS: readonly string[] = MISSING_KINDS.flatMap((k) => KNOWN[k]);

/** The kind a marker stands for; a marker the person added that is not a known symbol counts as not available. */
export function missingKindOf(marker: string): MissingKind {
  const m = marker.trim().toLowerCase();
  return MISSING_KINDS.find((k) => KNOWN[k].includes(m)) ?? 'notAvailable';
}

/** The markers in use (the person's list, or the defaults), lower-cased and grouped by kind. */
export function markersByKind(markers: readonly string[] = DEFAULT_MISSING_MARKERS): Record<MissingKind, string[]> {
  const out: Record<MissingKind, string[]> = { suppressed: [], notAvailable: [], notApplicable: [] };
  for (const marker of new Set(markers.map((m) => m.trim().toLowerCase()).filter((m) => m !== ''))) out[missingKindOf(marker)].push(marker);
  return out;
}

/** SQL true when the trimmed text `v` is a marker of `kind` (or of any kind). */
export function isMissingSql(v: string, markers: readonly string[], kind?: MissingKind): string {
  const grouped = markersByKind(markers);
  const list = kind ? grouped[kind] : MISSING_KINDS.flatMap((k) => grouped[k]);
  if (list.length === 0) return 'FALSE';
  // Not `IN (…)`: DuckDB rewrites a long IN list into a join per column, which a wide sheet turns into hundreds of joins.
  return `list_contains([${list.map(quoteLiteral).join(', ')}], lower(${v}))`;
}

/** Counts of missing values by kind. */
export type MissingCounts = Record<MissingKind, number>;

export function noMissing(): MissingCounts {
  return { suppressed: 0, notAvailable: 0, notApplicable: 0 };
}
