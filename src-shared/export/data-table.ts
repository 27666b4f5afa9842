import { isoDate } from '../format/plain-json';

/** A value in an exported cell. */
export type ExportValue = string | number | boolean | Date | null | undefined;

export interface ExportColumn {
  /** Key of the value in each row. */
  key: string;
  /** Heading written in the header row. */
  label: string;
}

/** Rows to export, with their columns in order. */
export interface ExportTable {
  columns: readonly ExportColumn[];
  rows: readonly Readonly<Record<string, unknown>>[];
  /** Lines written under the data after a blank row (e.g. that disclosure control was applied). */
  notes?: readonly string[];
}

/** A row value as an export value (anything unexpected becomes text). */
export function exportValue(value: unknown): ExportValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'bigint') return Number(value);
  return JSON.stringify(value);
}

/** A date as text: `2016-04-01`, or `2016-04-01T10:30:00` when it has a time of day (UTC). */
export function dateText(d: Date): string {
  const midnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
  return isoDate(d, midnight ? 'date' : 'timestamp');
}
