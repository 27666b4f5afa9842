import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/run-cli';

const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-cli-'));
const ae = path.join(dir, 'ae.csv');
writeFileSync(ae, 'org,pod,attendances,cost\n11X,AE,100,"1,234.50"\n11X,NEL,200,99\n99A,AE,300,1\n');
const pods = path.join(dir, 'pods.csv');
writeFileSync(pods, 'pod,label\nAE,A&E\nNEL,Non-elective\n');

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('cli query', () => {
  it('registers each file as a table named after its stem and prints JSON with plain numbers', async () => {
    const r = await cli('query', ae, '--sql', 'SELECT count(*) AS n, SUM(attendances) AS total, SUM(cost) AS cost FROM ae', '--json');
    expect(r.code).toBe(0);
    expect(r.out).toBe('[{"n":3,"total":600,"cost":1334.5}]');
  });

  it('joins several files and prints an aligned text table', async () => {
    const r = await cli('query', ae, pods, '--sql', 'SELECT label, SUM(attendances) AS total FROM ae JOIN pods USING (pod) GROUP BY label ORDER BY label');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toEqual(['label         total', '------------  -----', 'A&E             400', 'Non-elective    200', '(2 rows)']);
  });

  it('fails with a one-line message and a non-zero exit code', async () => {
    const bad = await cli('query', ae, '--sql', 'SELEC 1');
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('error: Parser error: syntax error at or near "SELEC"');
    const missing = await cli('query', path.join(dir, 'nope.csv'), '--sql', 'SELECT 1');
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`error: File not found: ${path.join(dir, 'nope.csv')}`);
    const usage = await cli('query', ae);
    expect(usage.code).toBe(2);
    expect(usage.err.split('\n')[0]).toBe('error: query needs --sql "<SQL>"');
  });

  it('prints a stack trace only with --debug', async () => {
    const plain = await cli('query', ae, '--sql', 'SELECT * FROM missing_table');
    expect(plain.err.split('\n')).toHaveLength(1);
    const debug = await cli('query', ae, '--sql', 'SELECT * FROM missing_table', '--debug');
    expect(debug.err.split('\n').length).toBeGreaterThan(1);
    expect(debug.err).toContain('at ');
  });

  it('reads a table whose name is an SQL keyword (some.csv → FROM some), and explains quoting when it cannot', async () => {
    const some = path.join(dir, 'some.csv');
    writeFileSync(some, 'x\n1\n2\n');
    const r = await cli('query', some, '--sql', 'SELECT count(*) AS n, SUM(x) AS total FROM some', '--json');
    expect(r.code).toBe(0);
    expect(r.out).toBe('[{"n":2,"total":3}]');
    expect(r.err).toBe('note: "some" is an SQL keyword, read as a table name');
    const quoted = await cli('query', some, '--sql', 'SELECT count(*) AS n FROM "some"', '--json');
    expect(quoted.out).toBe('[{"n":2}]');
    expect(quoted.err).toBe('');
    // Where the name is not in table position, the error says how to quote it.
    const bad = await cli('query', some, '--sql', 'SELECT some FROM "some"', '--json');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('write the table name in double quotes: "some"');
    // Once the name is read, a mistake elsewhere is reported as itself.
    const missing = await cli('query', some, '--sql', 'SELECT nope FROM some', '--json');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^error: Binder error: .*"nope"/);
  });
});

describe('npm run -s cli (the real command line)', () => {
  it('runs end to end in a child process', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'cli', '--', 'query', ae, '--sql', 'SELECT SUM(attendances) AS s FROM ae', '--json'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
    });
    expect(stdout.trim()).toBe('[{"s":600}]');
  });

  it('runs on native DuckDB by default and says so with --verbose; --engine wasm runs DuckDB-Wasm with the same answer', async () => {
    const run = (...extra: string[]) =>
      promisify(execFile)('npm', ['run', '-s', 'cli', '--', 'query', ae, '--sql', 'SELECT SUM(cost) AS s FROM ae', '--json', '--verbose', ...extra], {
        cwd: path.resolve(import.meta.dirname, '../..'),
      });
    const native = await run();
    expect(native.stderr.trim()).toBe('engine: native DuckDB v1.4.3 (@duckdb/node-api)');
    const wasm = await run('--engine', 'wasm');
    expect(wasm.stderr.trim()).toBe('engine: DuckDB-Wasm (duckdb-wasm in a worker thread)');
    expect(native.stdout.trim()).toBe('[{"s":1334.5}]');
    expect(wasm.stdout.trim()).toBe(native.stdout.trim());
  });
});

describe('cli --engine', () => {
  it('refuses an engine it does not know, with the choices', async () => {
    const r = await cli('query', ae, '--sql', 'SELECT 1', '--engine', 'sqlite');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')[0]).toBe('error: --engine must be native or wasm, not "sqlite"');
  });
});
