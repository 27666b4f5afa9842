import { mappingProblems, suggestMapping } from './mapping';
import type { TableInfo, ViewTemplate } from './view-types';

/**
 * Which loaded tables suit a view, asked of the template alone (its roles,
 * its recognised layouts, what its mapping still lacks, its companion
 * tables), so the generic "new view" dialog knows no view by name.
 */

/** How well one table suits a template on its own. */
export interface TableFit {
  table: string;
  /** Required roles a column of this table fills. */
  requiredFilled: number;
  requiredTotal: number;
  /** Every required role filled and nothing else missing (`mappingGaps`): the view can run on it. */
  fits: boolean;
  /** The template recognised the table's layout (e.g. the DTOC sitrep). */
  recognised: boolean;
  /** Roles a column of this table fills, required or not. */
  mapped: number;
  /** Why it does not fit: the required roles it has no column for, then what the template still lacks. */
  missing: string[];
}

/** Why a table suits a view or not, in a few words: `fits (recognised layout)`, `no column for Value`. */
export function fitReason(fit: TableFit): string {
  if (fit.fits) return fit.recognised ? 'fits: a layout this view knows' : 'fits';
  return fit.missing.length ? fit.missing.join('; ') : `${fit.requiredFilled} of ${fit.requiredTotal} required roles`;
}

/** A template's gap message up to its first colon or full stop, lower-cased: `map the WTE`. */
function shortGap(gap: string): string {
  const head = gap.split(/[:.(]/)[0]!.trim();
  return head.charAt(0).toLowerCase() + head.slice(1);
}

/** How one table suits a template: its columns mapped to roles as a new view would map them. */
export function tableFit(template: ViewTemplate, info: TableInfo): TableFit {
  const recognised = template.recognise?.([info]) ?? null;
  const mapping = suggestMapping(template.roles, [info], recognised ?? {});
  const required = template.roles.filter((r) => r.required);
  const unfilled = required.filter((r) => mappingProblems([r], [info], mapping).length > 0);
  const requiredFilled = required.length - unfilled.length;
  const gaps = template.mappingGaps?.(mapping) ?? [];
  const fits = unfilled.length === 0 && gaps.length === 0;
  const missing = [...(unfilled.length ? [`no column for ${unfilled.map((r) => r.label).join(', ')}`] : []), ...(unfilled.length ? [] : gaps.map(shortGap))];
  return {
    table: info.table,
    requiredFilled,
    requiredTotal: required.length,
    fits,
    recognised: recognised !== null,
    mapped: Object.keys(mapping).length,
    missing,
  };
}

/**
 * Tables ranked for a template, best first: by required roles filled, then
 * tables that fit before those that do not, then recognised layouts, then
 * roles filled; ties keep the order given.
 */
export function rankTables(template: ViewTemplate, infos: readonly TableInfo[]): TableFit[] {
  return infos
    .map((info) => tableFit(template, info))
    .sort(
      (a, b) => b.requiredFilled - a.requiredFilled || Number(b.fits) - Number(a.fits) || Number(b.recognised) - Number(a.recognised) || b.mapped - a.mapped,
    );
}

/** The tables a new view starts with: the best table that fits (if any), then the template's companion tables among the rest. */
export function suggestTables(template: ViewTemplate, infos: readonly TableInfo[]): string[] {
  const best = rankTables(template, infos).find((f) => f.fits);
  if (!best) return [];
  const companions = template.companionTables?.(infos.filter((i) => i.table !== best.table)) ?? [];
  return [best.table, ...companions.filter((t) => t !== best.table)];
}
