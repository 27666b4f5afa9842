import * as arrow from 'apache-arrow';
import { buildVector, type BuildableType } from '../../engine/arrow-build';
import { parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { FileSource } from '../../engine/engine';
import { ImportError } from '../types';

/** hyparquet reads byte ranges on demand, so only the needed column chunks are read. */
function asyncBuffer(source: FileSource): AsyncBuffer {
  return {
    byteLength: source.size,
    slice: async (start: number, end?: number) => {
      const bytes = await source.read(start, end ?? source.size);
      return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
    },
  };
}

interface SchemaLeaf {
  element: { name: string; type?: string; converted_type?: string; logical_type?: { type: string } };
  children: unknown[];
}

function arrowTypeFor(node: SchemaLeaf): BuildableType {
  const { type, converted_type: converted, logical_type: logical } = node.element;
  if (node.children.length > 0) return new arrow.Utf8(); // nested: kept as JSON text
  const logicalType = logical?.type;
  if (logicalType === 'DATE' || converted === 'DATE') return new arrow.DateDay();
  if (logicalType === 'TIMESTAMP' || converted?.startsWith('TIMESTAMP') || type === 'INT96') return new arrow.TimestampMillisecond();
  if (logicalType === 'STRING' || converted === 'UTF8' || logicalType === 'JSON' || logicalType === 'UUID' || logicalType === 'ENUM') return new arrow.Utf8();
  if (logicalType === 'DECIMAL' || converted === 'DECIMAL') return new arrow.Float64();
  switch (type) {
    case 'BOOLEAN':
      return new arrow.Bool();
    case 'INT32':
      return new arrow.Int32();
    case 'INT64':
      return new arrow.Int64();
    case 'FLOAT':
    case 'DOUBLE':
      return new arrow.Float64();
    default:
      return new arrow.Utf8();
  }
}

function plainForArrow(value: unknown, type: arrow.DataType): unknown {
  if (value === null || value === undefined) return null;
  if (arrow.DataType.isUtf8(type)) {
    if (typeof value === 'string') return value;
    if (value instanceof Uint8Array) return new TextDecoder().decode(value);
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  }
  if (arrow.DataType.isInt(type) && type.bitWidth === 64) return typeof value === 'bigint' ? value : BigInt(Math.trunc(Number(value)));
  if (arrow.DataType.isFloat(type)) return Number(value);
  if (arrow.DataType.isInt(type)) return Number(value);
  return value;
}

/** Read a Parquet file into a typed Arrow table (dates as DATE, timestamps in ms). */
export async function readParquetTable(source: FileSource, onProgress?: (fraction: number) => void, limitRows?: number): Promise<arrow.Table> {
  const file = asyncBuffer(source);
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw new ImportError(
      `The Parquet file could not be read: ${(error as Error).message}`,
      { file: source.name },
      'The file may be damaged or incomplete; export it again.',
    );
  }
  const schema = parquetSchema(metadata) as unknown as { children: SchemaLeaf[] };
  const leaves = schema.children;
  const rows = Math.min(Number(metadata.num_rows), limitRows ?? Number.MAX_SAFE_INTEGER);
  const types = leaves.map(arrowTypeFor);
  const data = leaves.map(() => new Array<unknown>(rows).fill(null));
  let done = 0;
  const total = Math.max(1, rows * leaves.length);
  try {
    await parquetRead({
      file,
      metadata,
      compressors,
      rowStart: 0,
      rowEnd: rows,
      parsers: {
        dateFromDays: (days: number) => days * 86_400_000,
        timestampFromMilliseconds: (ms: bigint) => Number(ms),
        timestampFromMicroseconds: (us: bigint) => Number(us / 1000n),
        timestampFromNanoseconds: (ns: bigint) => Number(ns / 1_000_000n),
      },
      onChunk: (chunk) => {
        const c = leaves.findIndex((l) => l.element.name === chunk.columnName);
        if (c < 0) return;
        const target = data[c]!;
        const type = types[c]!;
        const n = Math.min(chunk.columnData.length, rows - chunk.rowStart);
        for (let i = 0; i < n; i++) target[chunk.rowStart + i] = plainForArrow(chunk.columnData[i], type);
        done += chunk.rowEnd - chunk.rowStart;
        onProgress?.(Math.min(1, done / total));
      },
    });
  } catch (error) {
    throw new ImportError(
      `The Parquet data could not be decoded: ${(error as Error).message}`,
      { file: source.name },
      'The file may be damaged, or use an encoding this reader does not support; re-export it with snappy or zstd compression.',
    );
  }
  const columns: Record<string, arrow.Vector> = {};
  leaves.forEach((leaf, c) => {
    columns[leaf.element.name] = buildVector(data[c]!, types[c]!);
  });
  return new arrow.Table(columns);
}
