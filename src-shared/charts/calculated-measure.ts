import { ExpressionError } from '../expressions/parse';
import type { ExpressionField } from '../expressions/compile';
import { safeIdentifier } from '../sql/identifiers';
import { measureSql } from './aggregate-sql';
import type { Measure, MeasureInput } from './chart-spec';

export type MeasureCheck = { ok: true } | { ok: false; message: string; start: number; end: number };

/**
 * Whether a calculated measure's expression fits a table and the chart's
 * other measures — what the editor shows as the user types (the mistake and
 * its place), without the editor building any SQL itself.
 */
export function checkCalculatedMeasure(expr: string, id: string, others: readonly MeasureInput[], columns: readonly ExpressionField[]): MeasureCheck {
  if (expr.trim() === '') return { ok: false, message: 'Write an expression, or start from a template.', start: 0, end: 0 };
  try {
    measureSql({ y: others as Measure[] }, { id, expr }, columns);
    return { ok: true };
  } catch (e) {
    if (e instanceof ExpressionError) return { ok: false, message: e.message.replace(/^Measure "[^"]*": /, ''), start: e.start, end: e.end };
    throw e;
  }
}

/** The id a calculated measure named `name` gets: its result column and its name in other expressions. */
export function calculatedMeasureId(name: string): string {
  return safeIdentifier(name.trim() || 'calculated');
}
