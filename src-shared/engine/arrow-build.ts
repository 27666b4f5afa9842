import * as arrow from 'apache-arrow';

/**
 * Arrow vectors built directly from their buffers. apache-arrow's builders
 * (`vectorFromArray`, `makeBuilder`) compile a null-check with `new Function`,
 * which the app's Content Security Policy forbids (no 'unsafe-eval'), so every
 * vector the project makes goes through here instead.
 */

export type BuildableType = arrow.Utf8 | arrow.Float64 | arrow.Int32 | arrow.Int64 | arrow.Bool | arrow.DateDay | arrow.TimestampMillisecond;

const MS_PER_DAY = 86_400_000;

function validity(values: readonly unknown[]): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((v, i) => {
    if (v === null || v === undefined) nulls++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { bitmap, nulls };
}

function toMillis(v: unknown): number {
  return v instanceof Date ? v.getTime() : Number(v);
}

/** A vector of `type` holding `values` (null/undefined for missing; dates as Date or epoch ms). */
export function buildVector(values: readonly unknown[], type: BuildableType): arrow.Vector {
  const length = values.length;
  const { bitmap, nulls } = validity(values);
  const nullBitmap = nulls > 0 ? bitmap : undefined;
  const present = (i: number) => values[i] !== null && values[i] !== undefined;
  if (arrow.DataType.isUtf8(type)) {
    const encoder = new TextEncoder();
    const parts: Uint8Array[] = [];
    const offsets = new Int32Array(length + 1);
    let total = 0;
    for (let i = 0; i < length; i++) {
      if (present(i)) {
        const bytes = encoder.encode(String(values[i]));
        parts.push(bytes);
        total += bytes.length;
      }
      offsets[i + 1] = total;
    }
    const data = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      data.set(p, at);
      at += p.length;
    }
    return arrow.makeVector(arrow.makeData({ type, length, nullCount: nulls, nullBitmap, valueOffsets: offsets, data }));
  }
  if (arrow.DataType.isBool(type)) {
    const data = new Uint8Array(Math.ceil(length / 8));
    for (let i = 0; i < length; i++) if (present(i) && values[i]) data[i >> 3]! |= 1 << (i & 7);
    return arrow.makeVector(arrow.makeData({ type, length, nullCount: nulls, nullBitmap, data }));
  }
  let data: Float64Array | Int32Array | BigInt64Array;
  if (arrow.DataType.isFloat(type)) data = Float64Array.from({ length }, (_, i) => (present(i) ? Number(values[i]) : 0));
  else if (arrow.DataType.isInt(type) && type.bitWidth === 64)
    data = BigInt64Array.from({ length }, (_, i) => (present(i) ? BigInt(values[i] as bigint | number) : 0n));
  else if (arrow.DataType.isInt(type)) data = Int32Array.from({ length }, (_, i) => (present(i) ? Number(values[i]) : 0));
  else if (arrow.DataType.isDate(type)) data = Int32Array.from({ length }, (_, i) => (present(i) ? Math.floor(toMillis(values[i]) / MS_PER_DAY) : 0));
  else {
    // Timestamp in milliseconds: 64-bit values.
    data = BigInt64Array.from({ length }, (_, i) => (present(i) ? BigInt(Math.round(toMillis(values[i]))) : 0n));
  }
  return arrow.makeVector(arrow.makeData({ type, length, nullCount: nulls, nullBitmap, data } as never));
}
