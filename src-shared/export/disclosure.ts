import type { ExportTable } from './data-table';

/**
 * Disclosure control before publishing (NHS Digital's rule for HES/ECDS
 * since 2018, ../shared/DOMAIN.md): 0 stays 0, counts 1–7 become `*`, every
 * other count is rounded to the nearest 5; percentages are computed from the
 * rounded numerator and denominator; means or medians over 1–7 individuals
 * become `*`; totals are computed first, then rounded (so they may not add
 * up). The threshold is configurable because some publications use another.
 *
 * Pure functions over values and export tables: every export (CSV, XLSX,
 * PPTX data, PDF, HTML, chart labels) calls these on the way out, so the
 * on-screen figures are never changed unless the user asks.
 */

export type DisclosureRule =
  | { kind: 'none' }
  /** Counts 1..`suppressUpTo` become `*`; other non-zero counts are rounded to the nearest `roundTo`. */
  | { kind: 'suppress'; suppressUpTo: number; roundTo: number };

/** NHS Digital's rule: `*` for 1–7, nearest 5 otherwise. */
export const NHS_DISCLOSURE: DisclosureRule = { kind: 'suppress', suppressUpTo: 7, roundTo: 5 };
export const NO_DISCLOSURE: DisclosureRule = { kind: 'none' };

/** What a suppressed cell shows. */
export const SUPPRESSED = '*';

export type Disclosed = number | typeof SUPPRESSED | null;

/** Parse `nhs`, `none` or `threshold=N` (counts 1..N suppressed, the rest rounded to 5). */
export function parseDisclosureRule(text: string): DisclosureRule {
  const t = text.trim().toLowerCase();
  if (t === 'nhs') return NHS_DISCLOSURE;
  if (t === 'none') return NO_DISCLOSURE;
  const m = /^threshold=(\d{1,6})$/.exec(t);
  if (m) return { kind: 'suppress', suppressUpTo: Number(m[1]), roundTo: 5 };
  throw new Error(`--disclosure must be nhs, none or threshold=N (counts 1 to N shown as *), not "${text}"`);
}

/** One line saying what was applied, for the foot of every output; null when nothing was. */
export function disclosureNote(rule: DisclosureRule): string | null {
  if (rule.kind === 'none') return null;
  const nhs = rule.suppressUpTo === 7 && rule.roundTo === 5;
  return (
    `Disclosure control applied${nhs ? " (NHS Digital's rule)" : ''}: counts of 1 to ${rule.suppressUpTo} shown as ${SUPPRESSED}, ` +
    `other counts rounded to the nearest ${rule.roundTo} (totals after summing); figures derived from a suppressed count also ${SUPPRESSED}.`
  );
}

function roundToMultiple(value: number, step: number): number {
  // Half away from zero, on the count's magnitude (counts are not negative, changes may be).
  const r = Math.round(Math.abs(value) / step) * step;
  return value < 0 ? -r : r;
}

/** A count after disclosure control: null and 0 stay, 1..N (by magnitude, so a fall of 3 too) → `*`, others rounded. */
export function discloseCount(value: number | null | undefined, rule: DisclosureRule): Disclosed {
  if (value === null || value === undefined || Number.isNaN(value)) return null;
  if (rule.kind === 'none' || value === 0) return value;
  if (Math.abs(value) <= rule.suppressUpTo) return SUPPRESSED;
  return roundToMultiple(value, rule.roundTo);
}

/**
 * A difference of two counts (change on last year): each side is a count, so
 * the difference is of the published figures — but a difference can itself
 * reveal a small count, so it is rounded too, and suppressed when either side
 * is.
 */
export function discloseChange(current: number | null, previous: number | null, rule: DisclosureRule): Disclosed {
  if (current === null || previous === null) return null;
  if (rule.kind === 'none') return current - previous;
  const a = discloseCount(current, rule);
  const b = discloseCount(previous, rule);
  if (a === SUPPRESSED || b === SUPPRESSED || a === null || b === null) return SUPPRESSED;
  return a - b;
}

/** A percentage (0–100) from a numerator and denominator, computed from their disclosed values. */
export function disclosePercent(numerator: number | null, denominator: number | null, rule: DisclosureRule): Disclosed {
  if (numerator === null || denominator === null) return null;
  const n = discloseCount(numerator, rule);
  const d = discloseCount(denominator, rule);
  if (n === SUPPRESSED || d === SUPPRESSED) return SUPPRESSED;
  if (n === null || d === null || d === 0) return null;
  return (n / d) * 100;
}

/** A mean or median over `individuals` people: suppressed when 1..N people contributed; otherwise unchanged. */
export function discloseMean(mean: number | null, individuals: number | null, rule: DisclosureRule): Disclosed {
  if (mean === null) return null;
  if (rule.kind === 'none') return mean;
  if (individuals !== null && individuals > 0 && individuals <= rule.suppressUpTo) return SUPPRESSED;
  return mean;
}

/** Whether a cell value is a number that disclosure control can act on. */
function numeric(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  return null;
}

/**
 * An export table with disclosure control applied to the columns listed as
 * counts (every other column unchanged) and the rule's note added under the
 * data. Suppressed cells become the text `*`; the table is a copy.
 */
export interface DerivedColumns {
  /** key → the count column it is derived from: suppressed when that count is. */
  derivedFrom?: ReadonlyMap<string, string>;
  /** key → [current, previous] count columns: the difference of their published figures. */
  differenceOf?: ReadonlyMap<string, readonly [string, string]>;
}

export function discloseTable(table: ExportTable, countKeys: ReadonlySet<string>, rule: DisclosureRule, derived: DerivedColumns = {}): ExportTable {
  const note = disclosureNote(rule);
  if (note === null) return table;
  const keys = table.columns.map((c) => c.key).filter((k) => countKeys.has(k));
  return {
    ...table,
    notes: [...(table.notes ?? []), note],
    rows: table.rows.map((row) => {
      const out: Record<string, unknown> = { ...row };
      for (const k of keys) {
        const v = numeric(row[k]);
        if (v !== null) out[k] = discloseCount(v, rule);
      }
      for (const [k, [current, previous]] of derived.differenceOf ?? []) {
        if (row[k] !== null && row[k] !== undefined) out[k] = discloseChange(numeric(row[current]), numeric(row[previous]), rule);
      }
      for (const [k, base] of derived.derivedFrom ?? []) if (out[base] === SUPPRESSED && row[k] !== null && row[k] !== undefined) out[k] = SUPPRESSED;
      return out;
    }),
  };
}
