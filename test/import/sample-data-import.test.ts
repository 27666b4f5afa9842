import { mkdtempSync, readdirSync } from 'node:fs';
import { createImportService } from '../../src-shared/import/import-service';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-shared/engine/engine';
import { isAbortError } from '../../src-shared/engine/engine';
import { tableToJsonRows } from '../../src-shared/format/plain-json';
import { openTestEngine } from '../engine-under-test';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import { writeLargeActivity } from '../../sample-data/generator/activity';

const SAMPLE = path.resolve(import.meta.dirname, '../../sample-data');
let engine: Engine;

beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => {
  await engine?.close();
});

const one = async (sql: string) => tableToJsonRows(await engine.query(sql))[0]!;
const load = async (table: string, file: string) => createImportService(engine).importFiles(table, [await nodeFileSource(path.join(SAMPLE, file))]);

describe('every sample-data file imports', () => {
  it('activity: CSV and Parquet copies give the same rows and totals', async () => {
    const csv = await load('activity', 'activity.csv');
    const parquet = await load('activity_pq', 'activity.parquet');
    expect(csv.rows).toBe(59388);
    expect(parquet.rows).toBe(59388);
    const a = await one('SELECT SUM(activity) AS n, round(SUM(cost_gbp), 2) AS cost, min(month) AS first, max(month) AS last FROM activity');
    const b = await one('SELECT SUM(activity) AS n, round(SUM(cost_gbp), 2) AS cost, min(month) AS first, max(month) AS last FROM activity_pq');
    expect(a).toEqual(b);
    expect(a).toMatchObject({ first: '2014-04-01', last: '2021-03-01' });
  });

  it('DTOC: the 71 monthly sitrep files import as one table with a source column, matching the combined file', async () => {
    const dir = path.join(SAMPLE, 'dtoc');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .sort();
    expect(files).toHaveLength(71);
    const sources = await Promise.all(files.map((f) => nodeFileSource(path.join(dir, f))));
    const monthly = await createImportService(engine).importFiles('dtoc_months', sources, { sourceColumn: 'source_file' });
    const combined = await load('dtoc_all', 'dtoc_combined_2014-04_to_2020-02.csv');
    expect(monthly.rows).toBe(combined.rows);
    expect(monthly.columns.map((c) => c.name)).toContain('source_file');
    const sum = (t: string) =>
      one(`SELECT SUM("NHS B SUM") AS nhs, SUM("Social Care B SUM") AS sc, SUM("Both B SUM") AS both, count(DISTINCT "Month") AS months FROM ${t}`);
    expect(await sum('dtoc_months')).toEqual(await sum('dtoc_all'));
    expect(await one('SELECT count(DISTINCT source_file) AS n FROM dtoc_months')).toEqual({ n: 71 });
    // January in a 2016-17 file is January 2017.
    expect(await one(`SELECT DISTINCT "Month" AS m FROM dtoc_months WHERE "Year" = '2016-17' AND "Period Name" = 'JANUARY'`)).toEqual({ m: '2017-01-01' });
  });

  it('spend XLSX: the data sheet below its title, 23 programme budgeting categories', async () => {
    const spend = await load('spend', 'spend_programme_budgeting.xlsx');
    expect(spend.settings).toMatchObject({ sheet: 'Spend by PBC', headerRow: 2 });
    expect(spend.rows).toBe(920);
    expect(await one('SELECT count(DISTINCT "PBC Code") AS n, count(DISTINCT "CCG Code") AS ccgs FROM spend')).toEqual({ n: 23, ccgs: 20 });
  });

  it('finance: Windows-1252 with £ and brackets; Somerset CCG 2015/16 outturn is £6.5m (DOMAIN.md)', async () => {
    const finance = await load('finance', 'finance_plan_vs_outturn.csv');
    expect(finance.settings.encoding).toBe('windows-1252');
    expect(
      await one(`SELECT SUM("Surplus/(Deficit) Actual (£)") AS s FROM finance WHERE "Organisation Code" = '11X' AND "Financial Year" = '2015/16'`),
    ).toEqual({ s: 6_500_000 });
    expect(
      await one(`SELECT SUM("Surplus/(Deficit) Actual (£)") AS s FROM finance WHERE "Organisation Code" = 'RBA' AND "Financial Year" = '2015/16'`),
    ).toEqual({ s: -9_800_000 });
  });

  it('peer indicators, workforce and organisations', async () => {
    const peers = await load('peer_indicators', 'peer_indicators.csv');
    expect(peers.rows).toBe(600);
    // Three values are `..`: not available, which is not suppressed.
    expect(peers.columns.find((c) => c.name === 'Value')).toMatchObject({ suppressed: 0, notAvailable: 3, notApplicable: 0 });
    expect((await load('workforce', 'workforce_trusts.csv')).rows).toBe(1140);
    expect((await load('gp', 'workforce_gp_practices.csv')).rows).toBe(1330);
    expect((await load('orgs', 'organisations.csv')).rows).toBe(112);
    expect((await load('demo', 'ccg_demographics.csv')).rows).toBe(20);
  });
});

describe('cancelling an import', () => {
  it('stops it, loads nothing and leaves an existing table of the same name untouched', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-cancel-'));
    const big = writeLargeActivity(dir, 400_000);
    await load('big', 'ccg_demographics.csv');
    const controller = new AbortController();
    const running = createImportService(engine).importFiles('big', [await nodeFileSource(big)], { signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    const error = await running.then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAbortError(error)).toBe(true);
    expect(await one('SELECT count(*) AS n FROM big')).toEqual({ n: 20 });
    expect(await one("SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE '\\_\\_%' ESCAPE '\\'")).toEqual({ n: 0 });
  });
});
