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
 * The raw buffers behind a node-api vector, where the pinned @duckdb/node-api
 * (1.4.3-r.3) keeps them: fixed-width values as a typed array over DuckDB's
 * own memory (`items`), strings as DuckDB's 16-byte string_t records
 * (`dataView`), validity as 64-bit words (`validity.data`, null when every
 * value is valid). Reading them skips node-api's per-value conversion (a
 * BigInt mask per validity test, a decoded string per text value). Anything
 * not laid out as expected takes the per-value path, `getItem`; tests run
 * every type through both paths.
 */
interface RawVector {
  items?: unknown;
  dataView?: unknown;
  validity?: { data?: unknown; offset?: unknown };
}

/** A validity test for one chunk's vector: the fast bit test over DuckDB's words, or node-api's own. */
function validityOf(vector: DuckDBVector): ((i: number) => boolean) | null {
  const validity = (vector as unknown as RawVector).validity;
  if (!validity || validity.offset !== 0) return null;
  if (validity.data === null) return () => true;
  if (!(validity.data instanceof BigUint64Array)) return null;
  const bytes = new Uint8Array(validity.data.buffer, validity.data.byteOffset, validity.data.byteLength);
  return (i) => ((bytes[i >> 3]! >> (i & 7)) & 1) === 1;
}

/** Fixed-width values whose typed array can be read directly for an Arrow column of `type`. */
function rawItems(vector: DuckDBVector, typeId: DuckDBTypeId): NumericArray | null {
  const items = (vector as unknown as RawVector).items;
  if (!ArrayBuffer.isView(items) || items instanceof DataView) return null;
  switch (typeId) {
    case DuckDBTypeId.TINYINT:
      return items instanceof Int8Array ? items : null;
    case DuckDBTypeId.SMALLINT:
      return items instanceof Int16Array ? items : null;
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.DATE:
      return items instanceof Int32Array ? items : null;
    case DuckDBTypeId.UTINYINT:
      return items instanceof Uint8Array ? items : null;
    case DuckDBTypeId.USMALLINT:
      return items instanceof Uint16Array ? items : null;
    case DuckDBTypeId.UINTEGER:
      return items instanceof Uint32Array ? items : null;
    case DuckDBTypeId.FLOAT:
      return items instanceof Float32Array ? items : null;
    case DuckDBTypeId.DOUBLE:
      return items instanceof Float64Array ? items : null;
    case DuckDBTypeId.BIGINT:
      return items instanceof BigInt64Array ? items : null;
    case DuckDBTypeId.UBIGINT:
      return items instanceof BigUint64Array ? items : null;
    default:
      return null;
  }
}

/** A string_t's bytes when stored inline (12 bytes or fewer), else null (the caller asks node-api for the string). */
function inlineBytes(view: DataView, index: number): Uint8Array | null {
  const offset = index * 16;
  const length = view.getUint32(offset, true);
  return length <= 12 ? new Uint8Array(view.buffer, view.byteOffset + offset + 4, length) : null;
}

/** A growing UTF-8 buffer for one text column. */
class Utf8Buffer {
  private bytes: Buffer;
  end = 0;
  constructor(rows: number) {
    this.bytes = Buffer.allocUnsafe(Math.max(64, rows * 16));
  }
  private reserve(extra: number): void {
    const need = this.end + extra;
    if (need <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
    this.bytes.copy(grown, 0, 0, this.end);
    this.bytes = grown;
  }
  appendBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.bytes.set(bytes, this.end);
    this.end += bytes.length;
  }
  appendString(s: string): void {
    this.reserve(Buffer.byteLength(s, 'utf8'));
    this.end += this.bytes.write(s, this.end, 'utf8');
  }
  /** The bytes written, copied out of the (larger) working buffer. */
  done(): Uint8Array {
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.end).slice();
  }
}

/**
 * One column, built straight into Arrow's buffers as values are read: numbers
 * into the column's typed array, text into one growing UTF-8 buffer (no
 * array per string), booleans and validity as bits.
 */
function buildColumn(
  chunks: readonly DuckDBDataChunk[],
  column: number,
  duckType: DuckDBType,
  kind: Kind,
  length: number,
  rawBuffers: boolean,
): arrow.Data<arrow.DataType> {
  const { type } = kind;
  const typeId = duckType.typeId;
  const validity = new Uint8Array(Math.ceil(length / 8));
  let nulls = 0;
  const utf8 = arrow.DataType.isUtf8(type);
  const bool = arrow.DataType.isBool(type);
  const valueOffsets = utf8 ? new Int32Array(length + 1) : null;
  const text = utf8 ? new Utf8Buffer(length) : null;
  const bits = bool ? new Uint8Array(Math.ceil(length / 8)) : null;
  const numbers: NumericArray | null = utf8 || bool ? null : new (type as unknown as { ArrayType: new (n: number) => NumericArray }).ArrayType(length);
  const big = numbers instanceof BigInt64Array;
  let row = 0;
  for (const chunk of chunks) {
    const vector: DuckDBVector = chunk.getColumnVector(column);
    const rows = chunk.rowCount;
    const valid = rawBuffers ? validityOf(vector) : null;
    const items = valid && numbers && !big ? rawItems(vector, typeId) : null;
    const strings = valid && text && typeId === DuckDBTypeId.VARCHAR && (vector as unknown as RawVector).dataView instanceof DataView;
    const view = strings ? ((vector as unknown as RawVector).dataView as DataView) : null;
    for (let i = 0; i < rows; i++, row++) {
      if (valid ? !valid(i) : vector.getItem(i) === null) {
        nulls++;
        if (valueOffsets) valueOffsets[row + 1] = text!.end;
        continue;
      }
      validity[row >> 3]! |= 1 << (row & 7);
      if (items) numbers![row] = typeof items[i] === 'bigint' ? Number(items[i]) : items[i]!;
      else if (view) {
        const inline = inlineBytes(view, i);
        if (inline) text!.appendBytes(inline);
        else text!.appendString(vector.getItem(i) as string);
      } else {
        const v = kind.value(vector.getItem(i));
        if (text) text.appendString(v as string);
        else if (bits) {
          if (v === true) bits[row >> 3]! |= 1 << (row & 7);
        } else numbers![row] = big ? BigInt(v) : Number(v);
      }
      if (valueOffsets) valueOffsets[row + 1] = text!.end;
    }
  }
  const base = { type, length, nullCount: nulls, nullBitmap: nulls > 0 ? validity : undefined };
  if (text && valueOffsets) return arrow.makeData({ ...base, type: type as arrow.Utf8, valueOffsets, data: text.done() }) as arrow.Data<arrow.DataType>;
  if (bits) return arrow.makeData({ ...base, type: type as arrow.Bool, data: bits }) as arrow.Data<arrow.DataType>;
  return arrow.makeData({ ...base, data: numbers } as never) as arrow.Data<arrow.DataType>;
}

/**
 * A native result as an Arrow table typed as the wasm engine types it.
 * `rawBuffers: false` reads every value through node-api's getItem (the path
 * any unexpected vector layout takes); tests compare the two.
 */
export async function resultToArrow(result: DuckDBMaterializedResult, { rawBuffers = true }: { rawBuffers?: boolean } = {}): Promise<arrow.Table> {
  const chunks = await result.fetchAllChunks();
  const length = chunks.reduce((n, c) => n + c.rowCount, 0);
  const names = result.deduplicatedColumnNames();
  const fields: arrow.Field[] = [];
  const children: arrow.Data<arrow.DataType>[] = [];
  names.forEach((name, i) => {
    const duckType = result.columnType(i);
    const kind = kindOf(duckType);
    fields.push(new arrow.Field(name, kind.type, true));
    children.push(buildColumn(chunks, i, duckType, kind, length, rawBuffers));
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
