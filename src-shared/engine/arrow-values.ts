import * as arrow from 'apache-arrow';
import { buildVector } from './arrow-build';

/**
 * The engine boundary for values. DuckDB is opened with BigInt and DECIMAL cast
 * to DOUBLE, but Arrow tables can also arrive from elsewhere (files read in
 * JavaScript, nested types), so every table leaving the engine passes through
 * `normaliseTable` once: 64-bit integers and decimals become Float64 columns.
 */

/** A plain cell value, safe to hand to React, JSON or ECharts. */
export type PlainValue = number | string | boolean | Date | null | PlainValue[] | { [key: string]: PlainValue };

/** What a column holds, as the UI and formatters need to know it. */
export type ValueKind = 'number' | 'string' | 'boolean' | 'date' | 'timestamp' | 'other';

export interface ColumnInfo {
  name: string;
  kind: ValueKind;
  /** Arrow's own description of the type, e.g. `Float64`, `Date32<DAY>`. */
  arrowType: string;
}

export type PlainRow = Record<string, PlainValue>;

function needsFloatConversion(type: arrow.DataType): boolean {
  return (arrow.DataType.isInt(type) && type.bitWidth === 64) || arrow.DataType.isDecimal(type);
}

function toNumber(value: unknown, scale: number): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  // Decimal values arrive as BN objects (Uint32Array views).
  return arrow.util.bigNumToNumber(value as Parameters<typeof arrow.util.bigNumToNumber>[0], scale);
}

/** Replace 64-bit integer and decimal columns with Float64 columns. */
export function normaliseTable(table: arrow.Table): arrow.Table {
  const fields = table.schema.fields as arrow.Field<arrow.DataType>[];
  if (!fields.some((f) => needsFloatConversion(f.type))) return table;
  const columns: Record<string, arrow.Vector> = {};
  fields.forEach((field, i) => {
    const vector = table.getChildAt(i);
    if (!vector) return;
    if (!needsFloatConversion(field.type)) {
      columns[field.name] = vector;
      return;
    }
    const scale = arrow.DataType.isDecimal(field.type) ? field.type.scale : 0;
    const values: (number | null)[] = new Array<number | null>(vector.length);
    for (let r = 0; r < vector.length; r++) values[r] = toNumber(vector.get(r), scale);
    columns[field.name] = buildVector(values, new arrow.Float64());
  });
  return new arrow.Table(columns);
}

export function kindOf(type: arrow.DataType): ValueKind {
  if (arrow.DataType.isInt(type) || arrow.DataType.isFloat(type) || arrow.DataType.isDecimal(type)) return 'number';
  if (arrow.DataType.isUtf8(type) || arrow.DataType.isLargeUtf8(type)) return 'string';
  if (arrow.DataType.isBool(type)) return 'boolean';
  if (arrow.DataType.isDate(type)) return 'date';
  if (arrow.DataType.isTimestamp(type)) return 'timestamp';
  if (arrow.DataType.isDictionary(type)) return kindOf(type.dictionary as arrow.DataType);
  return 'other';
}

export function columnsOf(table: arrow.Table): ColumnInfo[] {
  return (table.schema.fields as arrow.Field<arrow.DataType>[]).map((f) => ({ name: f.name, kind: kindOf(f.type), arrowType: String(f.type) }));
}

function plainValue(value: unknown, kind: ValueKind): PlainValue {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'number':
      return typeof value === 'bigint' ? Number(value) : (value as number);
    case 'date':
    case 'timestamp':
      return value instanceof Date ? value : new Date(Number(value));
    case 'string':
    case 'boolean':
      return value as string | boolean;
    default:
      return plainNested(value);
  }
}

function plainNested(value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return plainNested((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return value.map(plainNested);
  if (typeof value === 'object') {
    const out: Record<string, PlainValue> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = plainNested(v);
    return out;
  }
  return String(value);
}

/** Row objects with plain values (dates as Date objects). */
export function tableToRows(table: arrow.Table): PlainRow[] {
  const cols = columnsOf(table);
  const vectors = cols.map((_, i) => table.getChildAt(i));
  const rows: PlainRow[] = new Array<PlainRow>(table.numRows);
  for (let r = 0; r < table.numRows; r++) {
    const row: PlainRow = {};
    cols.forEach((c, i) => {
      row[c.name] = plainValue(vectors[i]?.get(r), c.kind);
    });
    rows[r] = row;
  }
  return rows;
}

/** One column's values as plain values. */
export function columnValues(table: arrow.Table, name: string): PlainValue[] {
  const index = table.schema.fields.findIndex((f) => f.name === name);
  if (index < 0) throw new Error(`No column named "${name}" in the result`);
  const field = table.schema.fields[index] as arrow.Field<arrow.DataType>;
  const vector = table.getChildAt(index)!;
  const kind = kindOf(field.type);
  const out: PlainValue[] = new Array<PlainValue>(vector.length);
  for (let r = 0; r < vector.length; r++) out[r] = plainValue(vector.get(r), kind);
  return out;
}
