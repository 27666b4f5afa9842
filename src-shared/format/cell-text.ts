import type { PlainValue, ValueKind } from '../engine/arrow-values';
import { isoDate } from './plain-json';

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 10 });

/** How a cell reads in the data grid: grouped numbers (years without separators), ISO dates, empty for NULL. */
export function cellText(value: PlainValue, kind: ValueKind | 'year'): string {
  if (value === null) return '';
  if (kind === 'year' && typeof value === 'number') return String(value);
  if (value instanceof Date) return isoDate(value, kind === 'date' ? 'date' : 'timestamp').replace('T', ' ');
  if (typeof value === 'number') return Number.isFinite(value) ? NUMBER.format(value) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}
