import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as arrow from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeEngine } from '../../src-main/engine/native-engine';
import { openNodeEngine } from '../../src-main/engine/node-duckdb';
import { columnsOf, tableToRows } from '../../src-shared/engine/arrow-values';
import type { Engine } from '../../src-shared/engine/engine';

/**
 * One behaviour, two engines: the same SQL gives the same Arrow types and the
 * same values on duckdb-wasm and on native DuckDB (both DuckDB 1.4.3), and the
 * native engine's private folder is its own.
 */

let wasm: Engine;
let native: NativeEngine;
const workDir = mkdtempSync(path.join(os.tmpdir(), 'wb-parity-'));

beforeAll(async () => {
  [wasm, native] = await Promise.all([openNodeEngine(), NativeEngine.open({ workDir })]);
});
afterAll(async () => {
  await Promise.all([wasm?.close(), native?.close()]);
});

const SAME = [
  `SELECT 1::TINYINT a, 2::SMALLINT b, 3::INTEGER c, 4::BIGINT d, 5.25::DECIMAL(10,2) e, 6::HUGEINT f, 1.5::FLOAT g, 2.5::DOUBLE h,
     'x£é' i, true j, DATE '2020-01-02' k, TIMESTAMP '2020-01-02 03:04:05.123' l, 7::UINTEGER q, sum(3) s, NULL::INTEGER t, 8::UBIGINT v, NULL AS w`,
  'SELECT SUM(x) AS s, SUM(x::DECIMAL(12,2)) AS d, avg(x) AS m, count(*) AS n FROM range(1, 101) r(x)',
  "SELECT i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'v' || i END AS s, i % 2 = 0 AS even, DATE '2024-04-01' + CAST(i AS INTEGER) AS d FROM range(5000) r(i) ORDER BY i",
  "SELECT strftime(DATE '2024-03-31', '%d/%m/%Y') AS uk, try_strptime('31/03/2024', '%d/%m/%Y') AS parsed, TIMESTAMPTZ '2024-06-01 12:00:00+00' AS tz",
];

describe('duckdb-wasm and native DuckDB give the same results', () => {
  it.each(SAME)('%s', async (sql) => {
    const [a, b] = await Promise.all([wasm.query(sql), native.query(sql)]);
    expect(columnsOf(b)).toEqual(columnsOf(a));
    expect(tableToRows(b)).toEqual(tableToRows(a));
  });

  it('load the same Arrow table to the same column types', async () => {
    const data = new arrow.Table({
      org: arrow.vectorFromArray(['11X', null, '99A'], new arrow.Utf8()),
      v: arrow.vectorFromArray([1.5, 2.5, null], new arrow.Float64()),
      n: arrow.vectorFromArray([1, null, 3], new arrow.Int32()),
      day: arrow.vectorFromArray([new Date(Date.UTC(2024, 3, 1)), null, new Date(Date.UTC(2025, 2, 31))], new arrow.DateDay()),
      ok: arrow.vectorFromArray([true, false, null], new arrow.Bool()),
    });
    await Promise.all([wasm.loadArrow('t', data), native.loadArrow('t', data)]);
    const [a, b] = await Promise.all([wasm.query('DESCRIBE t'), native.query('DESCRIBE t')]);
    expect(tableToRows(b)).toEqual(tableToRows(a));
    const [ra, rb] = await Promise.all([wasm.query('SELECT * FROM t'), native.query('SELECT * FROM t')]);
    expect(tableToRows(rb)).toEqual(tableToRows(ra));
  });

  it('differ, as documented, only on nested types: native gives their text form', async () => {
    const sql = "SELECT [1, 2] AS l, {'a': 1} AS st";
    const [a, b] = await Promise.all([wasm.query(sql), native.query(sql)]);
    expect(tableToRows(a)).toEqual([{ l: [1, 2], st: { a: 1 } }]);
    expect(tableToRows(b)).toEqual([{ l: '[1, 2]', st: "{'a': 1}" }]);
  });
});

describe('the native engine keeps to its own folder', () => {
  it('spills inside its private folder and removes the folder on close', async () => {
    const engine = await NativeEngine.open({ workDir });
    const spill = (await engine.query("SELECT current_setting('temp_directory') AS d")).get(0)?.toJSON().d as string;
    expect(spill).toBe(path.join(engine.sessionDir, 'spill'));
    expect(path.dirname(engine.sessionDir)).toBe(workDir);
    await engine.close();
    expect(readdirSync(workDir).filter((e) => e === path.basename(engine.sessionDir))).toEqual([]);
  });

  it('removes a folder left by an engine whose process has gone, and keeps a live one', async () => {
    const dead = path.join(workDir, 'engine-999999999-crashed');
    mkdirSync(path.join(dead, 'files'), { recursive: true });
    writeFileSync(path.join(dead, 'files', 'x.csv'), 'a\n1\n');
    const engine = await NativeEngine.open({ workDir });
    const left = readdirSync(workDir);
    expect(left).not.toContain('engine-999999999-crashed');
    expect(left).toContain(path.basename(native.sessionDir));
    await engine.close();
  });
});
