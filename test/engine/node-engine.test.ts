import * as arrow from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { columnValues, tableToRows } from '../../src-shared/engine/arrow-values';
import type { Engine } from '../../src-shared/engine/engine';
import { isAbortError } from '../../src-shared/engine/engine';
import { ENGINE_UNDER_TEST, openTestEngine } from '../engine-under-test';

describe(`the ${ENGINE_UNDER_TEST} engine in node`, () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await openTestEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  it('returns SUM over integers, HUGEINT and DECIMAL as plain numbers', async () => {
    const result = await engine.query('SELECT SUM(x) AS s, SUM(x::HUGEINT) AS h, SUM(x::DECIMAL(12,2)) AS d, count(*) AS n FROM range(1, 101) r(x)');
    const row = tableToRows(result)[0]!;
    expect(row).toEqual({ s: 5050, h: 5050, d: 5050, n: 100 });
    for (const v of Object.values(row)) expect(typeof v).toBe('number');
  });

  it('runs several statements with exec and sees their effect', async () => {
    await engine.exec('CREATE TABLE t AS SELECT * FROM range(5) r(i); INSERT INTO t VALUES (10)');
    expect(columnValues(await engine.query('SELECT sum(i) AS s FROM t'), 's')).toEqual([20]);
  });

  it('loads an Arrow table', async () => {
    const data = new arrow.Table({ org: arrow.vectorFromArray(['11X', '99A'], new arrow.Utf8()), v: arrow.vectorFromArray([1.5, 2.5], new arrow.Float64()) });
    await engine.loadArrow('arrow_in', data);
    expect(tableToRows(await engine.query('SELECT org, v FROM arrow_in ORDER BY org'))).toEqual([
      { org: '11X', v: 1.5 },
      { org: '99A', v: 2.5 },
    ]);
  });

  it('cancels a running query through its AbortSignal and stays usable', async () => {
    const controller = new AbortController();
    const running = engine.query('SELECT count(*) FROM range(2000000000) a, range(10) b', { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    const error = await running.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAbortError(error)).toBe(true);
    expect(columnValues(await engine.query('SELECT 42 AS x'), 'x')).toEqual([42]);
  });

  it('rejects an already-aborted signal without running', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(engine.query('SELECT 1', { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports SQL errors as one readable message', async () => {
    await expect(engine.query('SELEC 1')).rejects.toThrow('Parser error: syntax error at or near "SELEC"');
    await expect(engine.query('SELECT * FROM no_such_table')).rejects.toThrow(/Catalog error: Table with name no_such_table does not exist/);
  });

  it('never fetches extensions: parquet functions fail fast instead of hanging', async () => {
    const started = Date.now();
    await expect(engine.query("SELECT * FROM read_parquet('x.parquet')")).rejects.toThrow(/parquet/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
