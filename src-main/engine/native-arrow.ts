import * as arrow from 'apache-arrow';
import {
  DuckDBDataChunk,
  DuckDBTypeId,
  dateValue,
  timestampMillisValue,
  timestampValue,
  type DuckDBDateValue,
  type DuckDBDecimalValue,
  type DuckDBMaterializedResult,
  type DuckDBTimestampMillisecondsValue,
  type DuckDBTimestampNanosecondsValue,
  type DuckDBTimestampSecondsValue,
  type DuckDBTimestampTZValue,
  type DuckDBTimestampValue,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBVector,
} from '@duckdb/node-api';

/**
 * Native DuckDB results as Arrow tables, column by column (no row objects),
 * typed as duckdb-wasm types them so that both engines hand the rest of the
 * app the same table: INTEGER → Int32, SMALLINT → Int16, FLOAT → Float32,
 * BIGINT / HUGEINT / DECIMAL → Float64 (as the wasm engine's
 * castBigIntToDouble / castDecimalToDouble do), DATE → Date32<DAY>, TIMESTAMP →
 * Timestamp<MICROSECOND>, VARCHAR / UUID / ENUM → Utf8.
 *
 * One documented difference: nested and unusual types (LIST, STRUCT, MAP,
 * INTERVAL, TIME, BLOB, …) arrive as their DuckDB text form (`[1, 2]`), where
 * duckdb-wasm gives nested Arrow values. The app's own SQL never returns them.
 */

const MS_PER_DAY = 86_400_000;

type Kind = { type: arrow.DataType; value: (v: DuckDBValue) => number | bigint | string | boolean };

function numberOf(v: DuckDBValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return (v as DuckDBDecimalValue).toDouble();
}

function microsOf(typeId: DuckDBTypeId, v: DuckDBValue): bigint {
  switch (typeId) {
    case DuckDBTypeId.TIMESTAMP_S:
      return (v as DuckDBTimestampSecondsValue).seconds * 1_000_000n;
    case DuckDBTypeId.TIMESTAMP_MS:
      return (v as DuckDBTimestampMillisecondsValue).millis * 1000n;
    case DuckDBTypeId.TIMESTAMP_NS:
      return (v as DuckDBTimestampNanosecondsValue).nanos / 1000n;
    default:
      return (v as DuckDBTimestampValue | DuckDBTimestampTZValue).micros;
  }
}

function kindOf(type: DuckDBType): Kind {
  const id = type.typeId;
  switch (id) {
    case DuckDBTypeId.BOOLEAN:
      return { type: new arrow.Bool(), value: (v) => v as boolean };
    case DuckDBTypeId.TINYINT:
      return { type: new arrow.Int8(), value: numberOf };
    case DuckDBTypeId.SMALLINT:
      return { type: new arrow.Int16(), value: numberOf };
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.SQLNULL:
      return { type: new arrow.Int32(), value: numberOf };
    case DuckDBTypeId.UTINYINT:
      return { type: new arrow.Uint8(), value: numberOf };
    case DuckDBTypeId.USMALLINT:
      return { type: new arrow.Uint16(), value: numberOf };
    case DuckDBTypeId.UINTEGER:
      return { type: new arrow.Uint32(), value: numberOf };
    case DuckDBTypeId.FLOAT:
      return { type: new arrow.Float32(), value: numberOf };
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.DECIMAL:
    case DuckDBTypeId.BIGNUM:
      return { type: new arrow.Float64(), value: numberOf };
    case DuckDBTypeId.VARCHAR:
    case DuckDBTypeId.UUID:
    case DuckDBTypeId.ENUM:
      return { type: new arrow.Utf8(), value: (v) => String(v) };
    case DuckDBTypeId.DATE:
      return { type: new arrow.DateDay(), value: (v) => (v as DuckDBDateValue).days };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return { type: new arrow.TimestampMicrosecond(), value: (v) => microsOf(id, v) };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { type: new arrow.TimestampMicrosecond('UTC'), value: (v) => microsOf(id, v) };
    default:
      return { type: new arrow.Utf8(), value: (v) => String(v) };
  }
}

/** The values of one column across all chunks, with their validity bitmap. */
function collect(chunks: readonly DuckDBDataChunk[], column: number, kind: Kind, length: number): { values: unknown[]; bitmap: Uint8Array; nulls: number } {
  const values = new Array<unknown>(length);
  const bitmap = new Uint8Array(Math.ceil(length / 8));
  let nulls = 0;
  let row = 0;
  for (const chunk of chunks) {
    const vector: DuckDBVector = chunk.getColumnVector(column);
    for (let i = 0; i < chunk.rowCount; i++, row++) {
      const v = vector.getItem(i);
      if (v === null) {
        nulls++;
        continue;
      }
      values[row] = kind.value(v);
      bitmap[row >> 3]! |= 1 << (row & 7);
    }
  }
  return { values, bitmap, nulls };
}

/** The typed array behind a numeric Arrow column (Int8Array … Float64Array, BigInt64Array). */
interface NumericArray {
  [i: number]: number | bigint;
  readonly length: number;
}

function vectorOf(kind: Kind, length: number, c: { values: unknown[]; bitmap: Uint8Array; nulls: number }): arrow.Vector {
  const { type } = kind;
  const nullBitmap = c.nulls > 0 ? c.bitmap : undefined;
  const base = { type, length, nullCount: c.nulls, nullBitmap };
  if (arrow.DataType.isUtf8(type)) {
    const encoder = new TextEncoder();
    const parts: Uint8Array[] = [];
    const valueOffsets = new Int32Array(length + 1);
    let total = 0;
    for (let i = 0; i < length; i++) {
      const v = c.values[i];
      if (v !== undefined) {
        const bytes = encoder.encode(v as string);
        parts.push(bytes);
        total += bytes.length;
      }
      valueOffsets[i + 1] = total;
    }
    const data = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      data.set(p, at);
      at += p.length;
    }
    return arrow.makeVector(arrow.makeData({ ...base, type, valueOffsets, data }));
  }
  if (arrow.DataType.isBool(type)) {
    const data = new Uint8Array(Math.ceil(length / 8));
    for (let i = 0; i < length; i++) if (c.values[i] === true) data[i >> 3]! |= 1 << (i & 7);
    return arrow.makeVector(arrow.makeData({ ...base, type, data }));
  }
  const ArrayType = (type as unknown as { ArrayType: new (n: number) => NumericArray }).ArrayType;
  const data: NumericArray = new ArrayType(length);
  const big = data instanceof BigInt64Array;
  for (let i = 0; i < length; i++) {
    const v = c.values[i];
    if (v !== undefined) data[i] = big ? BigInt(v as bigint) : Number(v);
  }
  return arrow.makeVector(arrow.makeData({ ...base, data } as never));
}

/** A native result as an Arrow table typed as the wasm engine types it. */
export async function resultToArrow(result: DuckDBMaterializedResult): Promise<arrow.Table> {
  const chunks = await result.fetchAllChunks();
  const length = chunks.reduce((n, c) => n + c.rowCount, 0);
  const names = result.deduplicatedColumnNames();
  const fields: arrow.Field[] = [];
  const children: arrow.Data<arrow.DataType>[] = [];
  names.forEach((name, i) => {
    const kind = kindOf(result.columnType(i));
    const vector = vectorOf(kind, length, collect(chunks, i, kind, length));
    fields.push(new arrow.Field(name, kind.type, true));
    children.push(vector.data[0] as arrow.Data<arrow.DataType>);
  });
  const schema = new arrow.Schema(fields);
  const struct = arrow.makeData({ type: new arrow.Struct(fields), length, nullCount: 0, children });
  return new arrow.Table(schema, new arrow.RecordBatch(schema, struct));
}

/** The DuckDB column type an Arrow column is loaded as (as duckdb-wasm's Arrow scan would). */
export function sqlTypeOfArrow(type: arrow.DataType): string {
  if (arrow.DataType.isBool(type)) return 'BOOLEAN';
  if (arrow.DataType.isInt(type)) {
    const bits = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' }[type.bitWidth] ?? 'BIGINT';
    return type.isSigned ? bits : `U${bits}`;
  }
  if (arrow.DataType.isFloat(type)) return type.precision === arrow.Precision.SINGLE ? 'FLOAT' : 'DOUBLE';
  if (arrow.DataType.isDecimal(type)) return 'DOUBLE';
  if (arrow.DataType.isDate(type)) return 'DATE';
  if (arrow.DataType.isTimestamp(type)) return type.unit === arrow.TimeUnit.MILLISECOND ? 'TIMESTAMP_MS' : 'TIMESTAMP';
  return 'VARCHAR';
}

/** One Arrow value as the DuckDB value an appender takes for `sqlType`. */
function duckValue(value: unknown, sqlType: string): DuckDBValue {
  if (value === null || value === undefined) return null;
  switch (sqlType) {
    case 'DATE':
      return dateValue(Math.floor((value instanceof Date ? value.getTime() : Number(value)) / MS_PER_DAY));
    case 'TIMESTAMP_MS':
      return timestampMillisValue(BigInt(Math.round(value instanceof Date ? value.getTime() : Number(value))));
    case 'TIMESTAMP':
      return timestampValue(BigInt(Math.round(value instanceof Date ? value.getTime() : Number(value))) * 1000n);
    case 'BIGINT':
    case 'UBIGINT':
      return typeof value === 'bigint' ? value : BigInt(Math.round(Number(value)));
    case 'BOOLEAN':
      return Boolean(value);
    case 'VARCHAR':
      return typeof value === 'string' ? value : String(value);
    default:
      return typeof value === 'bigint' ? Number(value) : (value as number);
  }
}

const CHUNK_ROWS = 2048;

/** Arrow rows as DuckDB data chunks for an appender, 2,048 rows at a time. */
export function* arrowToChunks(data: arrow.Table, types: readonly DuckDBType[], sqlTypes: readonly string[]): Generator<DuckDBDataChunk> {
  const columns = data.schema.fields.map((_, i) => data.getChildAt(i)!);
  for (let start = 0; start < data.numRows; start += CHUNK_ROWS) {
    const end = Math.min(data.numRows, start + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(types, end - start);
    columns.forEach((vector, c) => {
      const values: DuckDBValue[] = new Array<DuckDBValue>(end - start);
      for (let r = start; r < end; r++) values[r - start] = duckValue(vector.get(r), sqlTypes[c]!);
      chunk.setColumnValues(c, values);
    });
    yield chunk;
  }
}
