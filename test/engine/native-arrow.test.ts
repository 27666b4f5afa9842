import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultToArrow } from '../../src-main/engine/native-arrow';
import { columnsOf, tableToRows } from '../../src-shared/engine/arrow-values';

/**
 * Native results become Arrow by reading DuckDB's buffers directly (typed
 * arrays, inline string bytes, validity words) or, for any other layout, value
 * by value through node-api. Both paths must give the same table.
 */

let instance: DuckDBInstance;
let conn: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
afterAll(() => {
  conn?.closeSync();
  instance?.closeSync();
});

// 5,000 rows (three chunks, the last partial), a null every 7th row in every column, strings both inline (≤ 12 bytes) and not, non-ASCII.
const WIDE = `SELECT
  CASE WHEN i % 7 = 3 THEN NULL ELSE (i % 100)::TINYINT END AS ti,
  CASE WHEN i % 7 = 3 THEN NULL ELSE (i - 2500)::SMALLINT END AS si,
  CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 1000)::INTEGER END AS int,
  CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 1000000007)::BIGINT END AS bi,
  CASE WHEN i % 7 = 3 THEN NULL ELSE (i % 200)::UTINYINT END AS uti,
  CASE WHEN i % 7 = 3 THEN NULL ELSE i::USMALLINT END AS usi,
  CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 70000)::UINTEGER END AS ui,
  CASE WHEN i % 7 = 3 THEN NULL ELSE i::UBIGINT END AS ubi,
  CASE WHEN i % 7 = 3 THEN NULL ELSE (i / 8)::FLOAT END AS f,
  CASE WHEN i % 7 = 3 THEN NULL ELSE i / 7 END AS d,
  CASE WHEN i % 7 = 3 THEN NULL ELSE (i / 4)::DECIMAL(12, 2) END AS dec,
  CASE WHEN i % 7 = 3 THEN NULL ELSE i::HUGEINT * 3 END AS hi,
  CASE WHEN i % 7 = 3 THEN NULL ELSE DATE '2014-04-01' + (i % 400)::INTEGER END AS day,
  CASE WHEN i % 7 = 3 THEN NULL ELSE TIMESTAMP '2020-01-01' + INTERVAL (i) MINUTE END AS ts,
  CASE WHEN i % 7 = 3 THEN NULL ELSE i % 2 = 0 END AS even,
  CASE WHEN i % 7 = 3 THEN NULL ELSE 'E' || i END AS short_text,
  CASE WHEN i % 7 = 3 THEN NULL ELSE 'Nursing home placement £' || i || ' é' END AS long_text
FROM range(5000) r(i) ORDER BY i`;

describe('native results as Arrow', () => {
  it('give the same table through DuckDB’s buffers as value by value', async () => {
    const direct = await resultToArrow(await conn.run(WIDE));
    const perValue = await resultToArrow(await conn.run(WIDE), { rawBuffers: false });
    expect(direct.numRows).toBe(5000);
    expect(columnsOf(direct)).toEqual(columnsOf(perValue));
    expect(tableToRows(direct)).toEqual(tableToRows(perValue));
    for (const field of direct.schema.fields) expect(direct.getChild(field.name)!.nullCount, field.name).toBe(Math.ceil((5000 - 3) / 7));
  });

  it('read exact values, nulls and text across chunk boundaries', async () => {
    const rows = tableToRows(await resultToArrow(await conn.run(WIDE)));
    expect(rows[2048]).toMatchObject({ ti: 48, si: -452, int: 2048000, bi: 2048 * 1000000007, ubi: 2048, f: 256, dec: 512, hi: 6144 });
    expect(rows[2048]).toMatchObject({ short_text: 'E2048', long_text: 'Nursing home placement £2048 é', even: true });
    expect(rows[4999]).toMatchObject({ d: 4999 / 7, usi: 4999, ui: 4999 * 70000, long_text: 'Nursing home placement £4999 é' });
    expect(Object.values(rows[3]!).every((v) => v === null)).toBe(true);
    expect(Object.values(rows[2047]!).every((v) => v === null)).toBe(true);
  });
});
