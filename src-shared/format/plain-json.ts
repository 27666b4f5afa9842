import type * as arrow from 'apache-arrow';
import { columnsOf, tableToRows, type PlainValue, type ValueKind } from '../engine/arrow-values';

export type JsonValue = number | string | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `2016-04-01` for dates; `2016-04-01T10:30:00` (UTC) for timestamps. */
export function isoDate(d: Date, kind: ValueKind): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (kind === 'date') return date;
  return `${date}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export function toJsonValue(value: PlainValue, kind: ValueKind = 'other'): JsonValue {
  if (value === null) return null;
  if (value instanceof Date) return isoDate(value, kind === 'date' ? 'date' : 'timestamp');
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((v) => toJsonValue(v));
  if (typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJsonValue(v);
    return out;
  }
  return value;
}

/** Rows as JSON-ready objects: plain numbers, ISO date strings, null. */
export function tableToJsonRows(table: arrow.Table): Record<string, JsonValue>[] {
  const kinds = new Map(columnsOf(table).map((c) => [c.name, c.kind]));
  return tableToRows(table).map((row) => {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(row)) out[k] = toJsonValue(v, kinds.get(k));
    return out;
  });
}
