import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/run-cli';
import { openTestEngine } from '../engine-under-test';
import { tableToRows } from '../../src-shared/engine/arrow-values';
import type { Engine } from '../../src-shared/engine/engine';
import { createTableFromUserSql, gateSelect, leadingKeyword, queryUserSql, SqlGateError } from '../../src-shared/engine/sql-gate';
import { AE_CSV, writeText } from '../workbook/helpers';

/**
 * The one gate for SQL a person wrote: DuckDB's parser decides it is exactly
 * one SELECT, the plan shows it calls no table function that reaches outside
 * the loaded tables, and what runs is exactly what was checked.
 */

let engine: Engine;
const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-gate-'));

beforeAll(async () => {
  engine = await openTestEngine();
  await engine.exec("CREATE TABLE ae AS SELECT * FROM (VALUES ('11X', 'AE', 100), ('11X', 'NEL', 40), ('99A', 'AE', 300)) t(org, pod, n)");
});
afterAll(async () => {
  await engine?.close();
});

describe('what the gate lets through, with exact results', () => {
  const allowed: [string, Record<string, unknown>[]][] = [
    [
      'SELECT org, sum(n) AS total FROM ae GROUP BY org ORDER BY org',
      [
        { org: '11X', total: 140 },
        { org: '99A', total: 300 },
      ],
    ],
    ['  -- a comment first\nSELECT count(*) AS c FROM ae; -- and a trailing semicolon', [{ c: 3 }]],
    ['WITH big AS (SELECT * FROM ae WHERE n > 50) SELECT count(*) AS c FROM big', [{ c: 2 }]],
    ["FROM ae SELECT pod WHERE org = '99A'", [{ pod: 'AE' }]],
    ['VALUES (1), (2)', [{ col0: 1 }, { col0: 2 }]],
    ['SELECT sum(i) AS s FROM range(5) r(i)', [{ s: 10 }]],
    ["SELECT x FROM unnest(['a', 'b']) u(x) ORDER BY x", [{ x: 'a' }, { x: 'b' }]],
    ["SELECT $$it's; COPY$$ AS text", [{ text: "it's; COPY" }]],
    ["SELECT ';' AS semi, '/* not a comment */' AS c", [{ semi: ';', c: '/* not a comment */' }]],
  ];
  for (const [sql, rows] of allowed) {
    it(sql.replace(/\s+/g, ' ').slice(0, 70), async () => {
      expect(tableToRows(await queryUserSql(engine, sql))).toEqual(rows);
    });
  }

  it('creates a derived table from a gated SELECT', async () => {
    await createTableFromUserSql(engine, 'ae_11x', "SELECT * FROM ae WHERE org = '11X'");
    expect(tableToRows(await engine.query('SELECT count(*) AS c FROM ae_11x'))).toEqual([{ c: 2 }]);
  });

  it('runs exactly what it checked: the SQL is passed to DuckDB as one string literal', async () => {
    const gated = await gateSelect(engine, "SELECT 'O''Neil' AS name");
    expect(gated.sql).toBe("SELECT * FROM query('SELECT ''O''''Neil'' AS name')");
  });
});

describe('what the gate refuses', () => {
  const refused: [string, RegExp][] = [
    ['', /the SQL is empty/],
    ["COPY ae TO '/tmp/x.csv'", /^COPY is not allowed here: only one SELECT query/],
    ["ATTACH '/tmp/x.duckdb' AS x", /^ATTACH is not allowed here/],
    ['LOAD parquet', /^LOAD is not allowed here/],
    ['INSTALL httpfs', /^INSTALL is not allowed here/],
    ['SET threads = 1', /^SET is not allowed here/],
    ['PRAGMA version', /^PRAGMA is not allowed here/],
    ['DROP TABLE ae', /^DROP is not allowed here/],
    ['CREATE TABLE x AS SELECT 1', /^CREATE is not allowed here/],
    ["INSERT INTO ae VALUES ('x', 'y', 1)", /^INSERT is not allowed here/],
    ['SELECT 1; DROP TABLE ae', /more than one statement/],
    ["SELECT $$'$$ AS x; COPY (SELECT 'pwned') TO '/tmp/pwned.csv'; SELECT $$'$$ AS y", /more than one statement/],
    ["SELECT 1 /* ; */ ; COPY (SELECT 1) TO '/tmp/pwned.csv'", /more than one statement/],
    ["SELECT content FROM read_text('/etc/passwd')", /the SQL reaches outside the loaded tables \(Cannot access file "\/etc\/passwd"/],
    ["SELECT * FROM glob('/root/*')", /reaches outside the loaded tables/],
    ["SELECT * FROM read_csv('https://evil.example/x.csv')", /reaches outside the loaded tables/],
    ["SELECT * FROM ae WHERE org IN (SELECT content FROM read_text('/etc/hostname'))", /reaches outside the loaded tables/],
    ['SELECT * FROM duckdb_settings()', /^duckdb_settings\(\) is not allowed here/],
    ['SELECT * FROM enable_logging()', /^enable_logging\(\) is not allowed here/],
    ['SELECT 1 AS a\u0000', /control characters/],
  ];
  for (const [sql, message] of refused) {
    it(JSON.stringify(sql).slice(0, 80), async () => {
      const error = await gateSelect(engine, sql).then(
        () => null,
        (e: Error) => e,
      );
      expect(error).toBeInstanceOf(SqlGateError);
      expect(error!.message).toMatch(message);
    });
  }

  it('passes DuckDB’s own error through for a query with a mistake, without the gate’s wrapper', async () => {
    await expect(gateSelect(engine, 'SELECT nope FROM ae')).rejects.toThrow(/^Binder error: Referenced column "nope" not found in FROM clause!/);
    const typo = await gateSelect(engine, 'SELEC 1').then(
      () => null,
      (e: Error) => e,
    );
    expect(typo!.message).toBe('Parser error: syntax error at or near "SELEC"');
  });

  it('left the database as it was', async () => {
    expect(tableToRows(await engine.query('SELECT count(*) AS c FROM ae'))).toEqual([{ c: 3 }]);
  });

  it('names statements by their first keyword, for messages only', () => {
    expect(leadingKeyword('  /* x */ -- y\n (copy x to y)')).toBe('COPY');
    expect(leadingKeyword('')).toBe('');
  });
});

describe('cli query goes through the same gate', () => {
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('refuses reading /etc/passwd, COPY, ATTACH, LOAD, INSTALL and SET with one clear line, and writes nothing', async () => {
    const ae = writeText(path.join(dir, 'ae.csv'), AE_CSV);
    const target = path.join(dir, 'out');
    const cases: [string, string][] = [
      [
        "SELECT * FROM read_text('/etc/passwd')",
        'error: the SQL reaches outside the loaded tables (Cannot access file "/etc/passwd" - file system operations are disabled by configuration): only one SELECT query (or WITH … SELECT) that reads the loaded tables can run',
      ],
      [`COPY ae TO '${target}.csv'`, 'error: COPY is not allowed here: only one SELECT query (or WITH … SELECT) that reads the loaded tables can run'],
      [`ATTACH '${target}.duckdb' AS x`, 'error: ATTACH is not allowed here: only one SELECT query (or WITH … SELECT) that reads the loaded tables can run'],
      ['LOAD parquet', 'error: LOAD is not allowed here: only one SELECT query (or WITH … SELECT) that reads the loaded tables can run'],
      ['INSTALL httpfs', 'error: INSTALL is not allowed here: only one SELECT query (or WITH … SELECT) that reads the loaded tables can run'],
      ['SET enable_external_access = true', 'error: SET is not allowed here: only one SELECT query (or WITH … SELECT) that reads the loaded tables can run'],
    ];
    const results = [];
    for (const [sql] of cases) results.push(await cli('query', ae, '--sql', sql));
    expect(results.map((r) => [r.code, r.err])).toEqual(cases.map(([, message]) => [1, message]));
    expect(readdirSync(dir)).toEqual(['ae.csv']);
    expect(existsSync(`${target}.csv`)).toBe(false);
  });
});
