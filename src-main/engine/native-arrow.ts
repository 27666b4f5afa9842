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

/** The typed array behind a numeric Arrow column (Int8Array … Float64Array, BigInt64Array). */
interface NumericArray {
  [i: number]: number | bigint;
  readonly length: number;
}

/**
 * One column, built straight into Arrow's buffers as values are read: numbers
 * into the column's typed array, text into one growing UTF-8 buffer (no
 * array per string), booleans and validity as bits.
 */
function buildColumn(chunks: readonly DuckDBDataChunk[], column: number, kind: Kind, length: number): arrow.Data<arrow.DataType> {
  const { type } = kind;
  const validity = new Uint8Array(Math.ceil(length / 8));
  let nulls = 0;
  const utf8 = arrow.DataType.isUtf8(type);
  const bool = arrow.DataType.isBool(type);
  const valueOffsets = utf8 ? new Int32Array(length + 1) : null;
  let text = utf8 ? Buffer.allocUnsafe(Math.max(64, length * 16)) : null;
  let textEnd = 0;
  const bits = bool ? new Uint8Array(Math.ceil(length / 8)) : null;
  const numbers: NumericArray | null = utf8 || bool ? null : new (type as unknown as { ArrayType: new (n: number) => NumericArray }).ArrayType(length);
  const big = numbers instanceof BigInt64Array;
  let row = 0;
  for (const chunk of chunks) {
    const vector: DuckDBVector = chunk.getColumnVector(column);
    for (let i = 0; i < chunk.rowCount; i++, row++) {
      const item = vector.getItem(i);
      if (item !== null) {
        validity[row >> 3]! |= 1 << (row & 7);
        const v = kind.value(item);
        if (text) {
          const s = v as string;
          const need = textEnd + Buffer.byteLength(s, 'utf8');
          if (need > text.length) {
            const grown = Buffer.allocUnsafe(Math.max(need, text.length * 2));
            text.copy(grown, 0, 0, textEnd);
            text = grown;
          }
          textEnd += text.write(s, textEnd, 'utf8');
        } else if (bits) {
          if (v === true) bits[row >> 3]! |= 1 << (row & 7);
        } else numbers![row] = big ? BigInt(v) : Number(v);
      } else nulls++;
      if (valueOffsets) valueOffsets[row + 1] = textEnd;
    }
  }
  const base = { type, length, nullCount: nulls, nullBitmap: nulls > 0 ? validity : undefined };
  if (text && valueOffsets)
    return arrow.makeData({
      ...base,
      type: type as arrow.Utf8,
      valueOffsets,
      data: new Uint8Array(text.buffer, text.byteOffset, textEnd).slice(),
    }) as arrow.Data<arrow.DataType>;
  if (bits) return arrow.makeData({ ...base, type: type as arrow.Bool, data: bits }) as arrow.Data<arrow.DataType>;
  return arrow.makeData({ ...base, data: numbers } as never) as arrow.Data<arrow.DataType>;
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
    fields.push(new arrow.Field(name, kind.type, true));
    children.push(buildColumn(chunks, i, kind, length));
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
