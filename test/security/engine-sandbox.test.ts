import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createImportService } from '../../src-shared/import/import-service';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_UNDER_TEST, openTestEngine, registeredDirOf } from '../engine-under-test';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import { columnValues, tableToRows } from '../../src-shared/engine/arrow-values';
import type { Engine } from '../../src-shared/engine/engine';

/**
 * The engine sandbox, tested on the engine itself (no SQL gate in front): even
 * SQL the app writes cannot read an unregistered file, write anything, load
 * an extension, reach the network or change the settings that say so. Every
 * refusal must come back as an error within seconds, never a hang.
 */

const QUICK_MS = 5_000;

async function refusedQuickly(run: () => Promise<unknown>, pattern: RegExp): Promise<void> {
  const started = Date.now();
  const outcome = await Promise.race([
    run().then(
      () => 'ran' as const,
      (e: Error) => e,
    ),
    new Promise<'hung'>((r) => setTimeout(() => r('hung'), QUICK_MS)),
  ]);
  expect(outcome).toBeInstanceOf(Error);
  expect((outcome as Error).message).toMatch(pattern);
  expect(Date.now() - started).toBeLessThan(QUICK_MS);
}

const native = ENGINE_UNDER_TEST === 'native';
/** How each engine refuses a statement that would write or load: wasm fails on its locked file system, native refuses the statement type. */
const REFUSED_WRITE = /Permission error|Refused by the workbench engine sandbox/;
const REFUSED_LOAD = native ? /Refused by the workbench engine sandbox: LOAD statements/ : /Loading external extensions is disabled/;

describe(`the engine sandbox (${ENGINE_UNDER_TEST})`, () => {
  let engine: Engine;
  let REGISTERED_FILES_DIR: string;
  let dir: string;
  let requests = 0;
  let server: http.Server;
  let port = 0;

  beforeAll(async () => {
    engine = await openTestEngine();
    REGISTERED_FILES_DIR = registeredDirOf(engine);
    dir = mkdtempSync(path.join(os.tmpdir(), 'wb-sandbox-'));
    server = http.createServer((_req, res) => {
      requests++;
      res.end('a,b\n1,2\n');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await engine?.close();
    await new Promise((r) => server?.close(r));
  });

  it('locks its configuration: no setting that guards it can be changed back', async () => {
    const settings = tableToRows(
      await engine.query(
        "SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', 'lock_configuration', 'autoload_known_extensions', 'autoinstall_known_extensions', 'allowed_directories', 'allow_community_extensions') ORDER BY name",
      ),
    );
    expect(settings).toEqual([
      { name: 'allow_community_extensions', value: 'false' },
      // Native DuckDB adds its own spill folder (inside the engine's private folder) to the list.
      {
        name: 'allowed_directories',
        value: native ? `[${REGISTERED_FILES_DIR}, ${path.join(REGISTERED_FILES_DIR, '..', 'spill')}/]` : `[${REGISTERED_FILES_DIR}]`,
      },
      { name: 'autoinstall_known_extensions', value: 'false' },
      { name: 'autoload_known_extensions', value: 'false' },
      { name: 'enable_external_access', value: 'false' },
      { name: 'lock_configuration', value: 'true' },
    ]);
    for (const sql of [
      'SET enable_external_access = true',
      'SET GLOBAL enable_external_access = true',
      'RESET enable_external_access',
      'SET autoload_known_extensions = true',
      "SET allowed_directories = ['/']",
      "SET allowed_paths = ['/etc/passwd']",
      'SET lock_configuration = false',
    ]) {
      // Native refuses SET as a statement type before DuckDB's lock is even reached; both walls hold.
      await refusedQuickly(() => engine.exec(sql), native ? /Refused by the workbench engine sandbox: SET statements/ : /the configuration has been locked/);
    }
  });

  it('reads no file that was not registered: not /etc/passwd, not a folder listing, not through ..', async () => {
    await refusedQuickly(() => engine.query("SELECT content FROM read_text('/etc/passwd')"), /Permission error: Cannot access file "\/etc\/passwd"/);
    await refusedQuickly(() => engine.query("SELECT * FROM glob('/root/*')"), /Permission error/);
    await refusedQuickly(() => engine.query(`SELECT * FROM read_blob('${REGISTERED_FILES_DIR}../etc/passwd')`), /Permission error/);
    const secret = path.join(dir, 'secret.csv');
    writeFileSync(secret, 'x\nsecret\n');
    await refusedQuickly(() => engine.query(`SELECT * FROM read_csv('${secret}')`), /Permission error/);
  });

  it('reaches no network: an http URL is refused before any request is made', async () => {
    await refusedQuickly(() => engine.query(`SELECT * FROM read_csv('http://127.0.0.1:${port}/x.csv')`), /Permission error/);
    await refusedQuickly(() => engine.query("SELECT * FROM read_csv('https://evil.example/x.csv')"), /Permission error/);
    expect(requests).toBe(0);
  });

  it('loads no extension, and fails fast instead of hanging on a download', async () => {
    await refusedQuickly(() => engine.exec('LOAD parquet'), REFUSED_LOAD);
    // duckdb-wasm has no parquet reader offline; native DuckDB has one built in, and it too reads only registered files.
    await refusedQuickly(() => engine.query(`SELECT * FROM read_parquet('${REGISTERED_FILES_DIR}x.parquet')`), native ? /No files found/ : /parquet extension/);
    if (native) await refusedQuickly(() => engine.query(`SELECT * FROM read_parquet('${path.join(dir, 'x.parquet')}')`), /Permission error/);
    if (native) await refusedQuickly(() => engine.exec('INSTALL httpfs'), REFUSED_LOAD);
    else await engine.exec('INSTALL parquet').catch(() => undefined);
    await refusedQuickly(() => engine.exec('LOAD httpfs'), REFUSED_LOAD);
    // Native DuckDB lists extensions from the user's home folder, which the sandbox does not let it read.
    if (native) return;
    expect(
      columnValues(
        await engine.query("SELECT count(*) AS n FROM duckdb_extensions() WHERE loaded AND extension_name IN ('parquet', 'json', 'httpfs', 'excel', 'icu')"),
        'n',
      ),
    ).toEqual([0]);
  });

  it('writes nothing: COPY, EXPORT and ATTACH of a file are refused and no file appears', async () => {
    const target = path.join(dir, 'pwned.csv');
    await refusedQuickly(() => engine.exec(`COPY (SELECT 'pwned' AS x) TO '${target}'`), REFUSED_WRITE);
    await refusedQuickly(() => engine.exec(`EXPORT DATABASE '${path.join(dir, 'export')}'`), REFUSED_WRITE);
    await refusedQuickly(() => engine.exec(`ATTACH '${path.join(dir, 'x.duckdb')}' AS x`), REFUSED_WRITE);
    await refusedQuickly(() => engine.exec(`COPY (SELECT 1 AS x) TO '${REGISTERED_FILES_DIR}new.csv'`), /refused by the workbench engine sandbox|EACCES/i);
    await refusedQuickly(
      () => engine.exec(`CREATE TABLE ok AS SELECT 1 AS x; COPY ok TO '${REGISTERED_FILES_DIR}new.csv'`),
      /refused by the workbench engine sandbox|EACCES/i,
    );
    expect(readdirSync(dir).filter((f) => f !== 'secret.csv')).toEqual([]);
    if (native) expect(readdirSync(REGISTERED_FILES_DIR)).toEqual([]);
    else expect(existsSync(REGISTERED_FILES_DIR)).toBe(false);
  });

  it('never writes to a registered source file, even by its registered name', async () => {
    const source = path.join(dir, 'extract.csv');
    writeFileSync(source, 'org,n\n11X,5\n');
    const registered = await engine.registerFile('extract.csv', await nodeFileSource(source));
    try {
      expect(tableToRows(await engine.query(`SELECT * FROM read_csv('${registered}')`))).toEqual([{ org: '11X', n: 5 }]);
      await refusedQuickly(() => engine.exec(`COPY (SELECT 'pwned' AS x) TO '${registered}' (USE_TMP_FILE false)`), /./);
      await refusedQuickly(() => engine.exec(`COPY (SELECT 'pwned' AS x) TO '${registered}'`), /./);
      expect(readFileSync(source, 'utf8')).toBe('org,n\n11X,5\n');
      // Native: the file is read in place through a link in the engine's folder, and the link survives the attempts.
      if (native) expect(lstatSync(registered).isSymbolicLink()).toBe(true);
    } finally {
      await engine.dropFile(registered);
    }
    // Dropped: no longer readable.
    await expect(engine.query(`SELECT * FROM read_csv('${registered}')`)).rejects.toThrow();
  });

  it('still imports through the sandbox, and stays usable after every refusal', async () => {
    const report = await createImportService(engine).importFiles('activity', [
      await nodeFileSource(path.resolve(import.meta.dirname, '../../sample-data/activity.csv')),
    ]);
    expect(report.rows).toBe(59388);
    expect(columnValues(await engine.query('SELECT sum(activity) AS s FROM activity'), 's')).toEqual([224668084]);
  });
});
