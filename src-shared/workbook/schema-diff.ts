import { COLUMN_TYPE_LABELS, kindOfColumnType, type ColumnType } from '../import/types';
import { countOf } from '../format/count-text';

/**
 * How a source's columns differ from those saved in the workbook. Matching
 * goes in three passes: the same name; then names that differ only in case,
 * spaces or punctuation (`Org Code` ~ `org_code`); then a missing and an added
 * column of the same type at the same position (a renamed header). What is
 * left over is missing or added.
 */

export interface DiffColumn {
  name: string;
  type: ColumnType;
}

export interface RenamedColumn {
  from: string;
  to: string;
  type: ColumnType;
  /** Why it was taken for a rename. */
  reason: 'similar-name' | 'same-position';
}

export interface RetypedColumn {
  /** The column's current name. */
  name: string;
  from: ColumnType;
  to: ColumnType;
  /** True when the kind of value is the same (whole number ↔ number, month ↔ date): charts still work. */
  compatible: boolean;
}

export interface ColumnDiff {
  missing: DiffColumn[];
  added: DiffColumn[];
  renamed: RenamedColumn[];
  retyped: RetypedColumn[];
  /** Nothing differs. */
  same: boolean;
  /** Something the workbook relies on may have gone: a column missing or renamed, or a type of a different kind. */
  breaking: boolean;
  /** One readable paragraph. */
  summary: string;
}

/** Names compared for "differ only in case, spacing or punctuation". */
export function looseName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function quoteList(names: string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

const plural = countOf;

function summarise(d: Omit<ColumnDiff, 'summary'>): string {
  if (d.same) return 'The columns are the same as when the workbook was saved.';
  const parts: string[] = [];
  if (d.missing.length) parts.push(`${plural(d.missing.length, 'column')} missing (${quoteList(d.missing.map((c) => c.name))})`);
  if (d.renamed.length) parts.push(`${plural(d.renamed.length, 'column')} apparently renamed (${d.renamed.map((r) => `"${r.from}" → "${r.to}"`).join(', ')})`);
  if (d.retyped.length)
    parts.push(
      `${plural(d.retyped.length, 'column')} with a different type (${d.retyped.map((r) => `"${r.name}": ${COLUMN_TYPE_LABELS[r.from]} → ${COLUMN_TYPE_LABELS[r.to]}`).join(', ')})`,
    );
  if (d.added.length) parts.push(`${plural(d.added.length, 'new column')} (${quoteList(d.added.map((c) => c.name))})`);
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join('; ')} and ${parts[parts.length - 1]!}`;
  const advice = d.breaking
    ? ' Charts and views that use the missing or renamed columns need them mapped to the new columns before they can be refreshed.'
    : ' Nothing the workbook uses has gone, so it can be refreshed.';
  return `The columns have changed since the workbook was saved: ${list}.${advice}`;
}

/** Compare the columns saved in a workbook with the columns a source has now. */
export function diffColumns(saved: readonly DiffColumn[], current: readonly DiffColumn[]): ColumnDiff {
  const retyped: RetypedColumn[] = [];
  const renamed: RenamedColumn[] = [];
  const retype = (name: string, from: ColumnType, to: ColumnType) => {
    if (from !== to) retyped.push({ name, from, to, compatible: kindOfColumnType(from) === kindOfColumnType(to) });
  };

  // 1. Same name.
  const currentByName = new Map(current.map((c, i) => [c.name, i]));
  const matchedSaved = new Set<number>();
  const matchedCurrent = new Set<number>();
  saved.forEach((s, i) => {
    const j = currentByName.get(s.name);
    if (j === undefined) return;
    matchedSaved.add(i);
    matchedCurrent.add(j);
    retype(s.name, s.type, current[j]!.type);
  });

  // 2. Names that differ only in case, spacing or punctuation.
  saved.forEach((s, i) => {
    if (matchedSaved.has(i)) return;
    const j = current.findIndex((c, k) => !matchedCurrent.has(k) && looseName(c.name) === looseName(s.name));
    if (j < 0) return;
    matchedSaved.add(i);
    matchedCurrent.add(j);
    const c = current[j]!;
    renamed.push({ from: s.name, to: c.name, type: c.type, reason: 'similar-name' });
    retype(c.name, s.type, c.type);
  });

  // 3. Same position, same type.
  saved.forEach((s, i) => {
    if (matchedSaved.has(i)) return;
    const c = current[i];
    if (!c || matchedCurrent.has(i) || c.type !== s.type) return;
    matchedSaved.add(i);
    matchedCurrent.add(i);
    renamed.push({ from: s.name, to: c.name, type: c.type, reason: 'same-position' });
  });

  const missing = saved.filter((_, i) => !matchedSaved.has(i)).map((c) => ({ name: c.name, type: c.type }));
  const added = current.filter((_, i) => !matchedCurrent.has(i)).map((c) => ({ name: c.name, type: c.type }));
  const same = missing.length === 0 && added.length === 0 && renamed.length === 0 && retyped.length === 0;
  const breaking = missing.length > 0 || renamed.length > 0 || retyped.some((r) => !r.compatible);
  const diff = { missing, added, renamed, retyped, same, breaking };
  return { ...diff, summary: summarise(diff) };
}

/** The renames of a diff as a remapping (old name → new name), for remap.ts. */
export function renamesOf(diff: Pick<ColumnDiff, 'renamed'>): Record<string, string> {
  return Object.fromEntries(diff.renamed.map((r) => [r.from, r.to]));
}

/** A short one-line description for the CLI: `missing "A"; renamed "B" → "C"; retyped "D" (Number → Text)`. */
export function describeDiffBriefly(diff: ColumnDiff): string {
  const parts: string[] = [];
  if (diff.missing.length) parts.push(`missing ${quoteList(diff.missing.map((c) => c.name))}`);
  if (diff.renamed.length) parts.push(`renamed ${diff.renamed.map((r) => `"${r.from}" → "${r.to}"`).join(', ')}`);
  const retyped = diff.retyped.filter((r) => !r.compatible);
  if (retyped.length) parts.push(`retyped ${retyped.map((r) => `"${r.name}" (${COLUMN_TYPE_LABELS[r.from]} → ${COLUMN_TYPE_LABELS[r.to]})`).join(', ')}`);
  if (diff.added.length) parts.push(`new ${quoteList(diff.added.map((c) => c.name))}`);
  return parts.join('; ');
}
