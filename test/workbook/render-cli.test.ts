import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src-main/cli/args';
import { RENDER_USAGE, RENDER_VALUE_OPTIONS, runRenderWith, type RenderRun } from '../../src-main/cli/commands/render';
import type { DatabaseScope } from '../../src-main/cli/database';
import { createImportService } from '../../src-shared/import/import-service';
import { runCli } from '../../src-main/cli/run-cli';
import { openTestEngine } from '../engine-under-test';
import { saveWorkbookFile } from '../../src-main/workbook/workbook-files';
import type { Engine } from '../../src-shared/engine/engine';
import { parseWorkbook } from '../../src-shared/workbook/parse-workbook';
import { AE_CSV, ROOT, SAMPLE_WORKBOOK, smallWorkbook, tempDir, writeText } from './helpers';

/*
 * `render` over the sample workbook, with an engine shared by the tests; its
 * CSVs are checked against native DuckDB (@duckdb/node-api) reading the
 * sample CSVs itself, not through the app's importer. Failures go through the
 * CLI entry point (and once through `npm run -s cli`).
 */

let engine: Engine;
const shared: DatabaseScope = (fn) => fn({ engine, importer: createImportService(engine) });

beforeAll(async () => {
  engine = await openTestEngine();
});

afterAll(async () => {
  await engine?.close();
});

async function native(sql: string): Promise<Record<string, unknown>[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    connection.closeSync();
  }
}

const sampleCsv = (name: string) => `'${path.join(ROOT, 'sample-data', name).replaceAll("'", "''")}'`;

/** A written CSV file as rows of cells. */
function csvRows(file: string): string[][] {
  return Papa.parse<string[]>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('render the sample workbook', () => {
  const out = tempDir('render');
  let rendered: RenderRun;
  const io = { out: [] as string[], err: [] as string[] };

  beforeAll(async () => {
    rendered = await runRenderWith(
      parseArgs(['render', SAMPLE_WORKBOOK, '--out', out], new Set(RENDER_VALUE_OPTIONS)),
      { out: (t) => io.out.push(t), err: (t) => io.err.push(t) },
      shared,
    );
  });

  it('writes every chart and view chart as SVG, the data as CSV, and index.html', () => {
    const files = readdirSync(out);
    const wb = rendered.workbook;
    for (const c of wb.charts) expect(files).toContain(`chart-${c.id}.svg`);
    for (const c of wb.charts) expect(files).toContain(`chart-${c.id}.csv`);
    for (const v of rendered.run.views) {
      if (v.status !== 'ok') throw new Error(v.message);
      for (const c of v.result.charts) expect(files).toContain(`view-${v.id}-${c.id}.svg`);
      for (const t of v.result.tables) expect(files).toContain(`view-${v.id}-${t.id}.csv`);
    }
    expect(files).toContain('index.html');
    expect(rendered.run.errors).toEqual([]);
    expect(io.out).toEqual([`Wrote ${rendered.written.svgs} SVGs, ${rendered.written.csvs} CSVs and index.html to ${out}`]);
    expect(rendered.written.svgs).toBe(files.filter((f) => f.endsWith('.svg')).length);
    expect(readFileSync(path.join(out, 'chart-ae-by-financial-year.svg'), 'utf8')).toMatch(/^<svg[\s\S]*A&amp;E attendances by financial year[\s\S]*<\/svg>$/);
  });

  it('shows the report in order with escaped titles and commentary, linking files by relative path only', () => {
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    const titles = [
      'Summary',
      'Monthly activity by point of delivery',
      'A&amp;E attendances by financial year',
      'Cost by point of delivery',
      'Acute bed days lost to delayed transfers, against a 50% reduction from June 2016',
      'Opportunity against the peer average, 2016/17',
      'Non-elective admissions per 1,000 population, 2016/17',
      'Spend against outcome, peers',
      'About the data',
    ];
    const positions = titles.map((t) => html.indexOf(`<h2>${t}</h2>`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain('<h1>NHS Somerset CCG: board pack (sample)</h1>');
    expect(html).toContain('<p>A&amp;E attendances grew by about 3% a year before 2020/21.</p>');
    expect(html).toContain('<img src="chart-ae-by-financial-year.svg" alt="A&amp;E attendances by financial year" width="960" height="540">');
    expect(html).toContain('<a class="data" href="view-peers-11x-opportunity.csv">Data (CSV)</a>');
    expect(html).toContain('style="grid-column: span 1"');
    expect(html).not.toMatch(/<script|(?:https?|ftp):\/\/|src="\//);
    for (const m of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(existsSync(path.join(out, decodeURIComponent(m[1]!)))).toBe(true);
  });

  it('writes CSV rows that match an independent query of the sample files', async () => {
    const ae = await native(
      `SELECT financial_year, sum(activity)::BIGINT AS n FROM read_csv(${sampleCsv('activity.csv')}) WHERE commissioner_code = '11X' AND pod = 'AE' GROUP BY 1 ORDER BY 1`,
    );
    expect(csvRows(path.join(out, 'chart-ae-by-financial-year.csv'))).toEqual([
      ['Financial year', 'A&E attendances'],
      ...ae.map((r) => [r.financial_year, String(r.n)]),
    ]);

    const nel = await native(
      `SELECT "Org Name" AS name, "Value" AS v FROM read_csv(${sampleCsv('peer_indicators.csv')}, skip = 0, null_padding = true, ignore_errors = true) WHERE "Indicator Code" = 'NEL_ADM_1000' AND "Period" = '2016/17' ORDER BY v DESC, name`,
    );
    expect(csvRows(path.join(out, 'chart-nel-per-1000-ranked.csv')).slice(1)).toEqual(nel.map((r) => [r.name, String(Number(r.v))]));

    // DTOC acute bed days a month (all three B sums), against the view's monthly table.
    const dtoc = await native(`
      SELECT strftime(make_date(CAST(substr("Year", 1, 4) AS INTEGER) + CASE WHEN m <= 3 THEN 1 ELSE 0 END, m, 1), '%Y-%m') AS month,
             sum("NHS B SUM" + "Social Care B SUM" + "Both B SUM")::BIGINT AS days
      FROM (SELECT *, list_position(['JANUARY','FEBRUARY','MARCH','APRIL','MAY','JUNE','JULY','AUGUST','SEPTEMBER','OCTOBER','NOVEMBER','DECEMBER'], "Period Name") AS m
            FROM read_csv(${sampleCsv('dtoc_combined_2014-04_to_2020-02.csv')}, skip = 6, header = true))
      WHERE "Acute Or Non Acute Description" = 'Acute'
      GROUP BY 1 ORDER BY 1`);
    const months = csvRows(path.join(out, 'view-dtoc-acute-dtoc-months.csv'));
    expect(months[0]!.slice(0, 2)).toEqual(['Month', 'Bed days lost']);
    expect(months.slice(1).map((r) => [r[0], r[1]])).toEqual(dtoc.map((r) => [r.month, String(r.days)]));
  });
});

describe('render failures', () => {
  it('needs a workbook and --out', async () => {
    expect((await cli('render')).err.split('\n')[0]).toBe('error: render needs a workbook file (.workbook.json)');
    expect((await cli('render', SAMPLE_WORKBOOK)).code).toBe(2);
    expect(RENDER_USAGE.startsWith('render <file.workbook.json> --out <dir>')).toBe(true);
  });

  it('exits non-zero naming the missing source file, before writing anything', async () => {
    const dir = tempDir('render-missing');
    const wb = parseWorkbook(readFileSync(SAMPLE_WORKBOOK, 'utf8'), 'x');
    const file = path.join(dir, 'pack.workbook.json');
    const moved = {
      ...wb,
      sources: wb.sources.map((s) => (s.table === 'dtoc' ? { ...s, files: [{ ...s.files[0]!, path: path.join(dir, 'extracts', 'dtoc-2020-03.csv') }] } : s)),
    };
    await saveWorkbookFile(file, moved, { relativeTo: SAMPLE_WORKBOOK });
    const out = path.join(dir, 'out');
    // The other sources stay in the repository's sample-data folder, outside this workbook's folder: allowed explicitly.
    const r = await cli('render', file, '--out', out, '--allow-path', path.dirname(SAMPLE_WORKBOOK));
    expect(r.code).toBe(1);
    expect(r.err).toBe(`error: Source file not found: ${path.join(dir, 'extracts', 'dtoc-2020-03.csv')} (table "dtoc")`);
    expect(existsSync(out)).toBe(false);
  });

  it('exits non-zero listing how a source changed shape, before writing anything', async () => {
    const dir = tempDir('render-shape');
    const csv = writeText(path.join(dir, 'ae.csv'), AE_CSV);
    const file = path.join(dir, 'pack.workbook.json');
    await saveWorkbookFile(file, await smallWorkbook(engine, csv));
    writeText(csv, 'ORG,delivery_point,month,attendances,extra\n11X,AE,2016-04-01,lots,1\n');
    const out = path.join(dir, 'out');
    const r = await cli('render', file, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'error: Source "ae" (ae.csv) has changed shape: missing "notes"; renamed "org" → "ORG", "pod" → "delivery_point"; retyped "attendances" (Whole number → Text); new "extra"',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('exits non-zero with one line through npm run -s cli', async () => {
    const dir = tempDir('render-npm');
    // A copy of the sample workbook in another folder: its relative source paths lead nowhere.
    const file = writeText(path.join(dir, 'packs', 'pack.workbook.json'), readFileSync(SAMPLE_WORKBOOK, 'utf8'));
    const result = await promisify(execFile)('npm', ['run', '-s', 'cli', '--', 'render', file, '--out', path.join(dir, 'out')], { cwd: ROOT }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(lines).toEqual([`error: Source file not found: ${path.join(dir, 'packs', 'activity.csv')} (table "activity") (and 4 more missing files)`]);
  });
});
