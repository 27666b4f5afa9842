import { mkdtempSync, writeFileSync } from 'node:fs';
import { createImportService } from '../../src-shared/import/import-service';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-shared/engine/engine';
import { tableToJsonRows } from '../../src-shared/format/plain-json';
import { ImportError, type ImportOptions, type ImportReport } from '../../src-shared/import/types';
import { quoteIdent } from '../../src-shared/sql/identifiers';
import { openTestEngine } from '../engine-under-test';
import { nodeFileSource } from '../../src-main/engine/node-file-source';

/**
 * The importer's corpus: every quirky or malformed fixture with its asserted
 * outcome — exact values, types and warnings, or the exact error and where.
 */
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
let engine: Engine;

beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => {
  await engine?.close();
});

async function load(file: string, opts: ImportOptions = {}, table = 't') {
  const report = await createImportService(engine).importFiles(table, [await nodeFileSource(path.isAbsolute(file) ? file : path.join(FIXTURES, file))], opts);
  const rows = tableToJsonRows(await engine.query(`SELECT * FROM ${quoteIdent(table)}`));
  return { report, rows };
}

function types(report: ImportReport): Record<string, string> {
  return Object.fromEntries(report.columns.map((c) => [c.name, c.type]));
}

async function failure(file: string, opts: ImportOptions = {}): Promise<ImportError> {
  const error = await load(file, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('NHS-aware values', () => {
  it('reads £, thousands separators, (brackets) as negative, percentages and suppression markers', async () => {
    const { report, rows } = await load('nhs-values.csv');
    expect(types(report)).toEqual({ Org: 'text', Spend: 'number', Deficit: 'number', Share: 'number', Count: 'integer', Note: 'text' });
    expect(rows.map((r) => r.Spend)).toEqual([1234.5, 10, 2000000, null, 1000.25]);
    expect(rows.map((r) => r.Deficit)).toEqual([-9.8, -2.5, -0.2, null, 1.5]);
    expect(rows.map((r) => r.Share)).toEqual([0.12, 0.05, 0.005, null, 1]);
    expect(rows.map((r) => r.Count)).toEqual([null, null, 7, null, null]);
    // Missing is not suppressed: each kind of marker is counted apart (* and ND suppressed; .., :, n/a and NA not available; - not applicable).
    const missing = Object.fromEntries(report.columns.map((c) => [c.name, [c.suppressed, c.notAvailable, c.notApplicable]]));
    expect(missing).toEqual({ Org: [0, 0, 0], Spend: [0, 0, 1], Deficit: [0, 1, 0], Share: [0, 1, 0], Count: [2, 2, 0], Note: [0, 0, 0] });
    expect(report.columns.find((c) => c.name === 'Share')?.percent).toBe(true);
    const sums = tableToJsonRows(await engine.query('SELECT SUM(Spend) AS s, SUM(Deficit) AS d FROM t'))[0];
    expect(sums).toEqual({ s: 2002244.75, d: -11 });
  });

  it('counts missing values by kind, as the statistical publications name them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-missing-'));
    const file = path.join(dir, 'gss-symbols.csv');
    writeFileSync(file, 'Area,Count\nA,12\nB,[c]\nC,*\nD,[x]\nE,..\nF,[z]\nG,-\nH,NA\nI,\nJ,7\n');
    const { report, rows } = await load(file);
    expect(types(report)).toEqual({ Area: 'text', Count: 'integer' });
    expect(rows.map((r) => r.Count)).toEqual([12, null, null, null, null, null, null, null, null, 7]);
    expect(report.columns.find((c) => c.name === 'Count')).toMatchObject({ suppressed: 2, notAvailable: 3, notApplicable: 2 });
  });

  it('takes a marker of the person’s that looks like a number (9999, -1) as missing, not as a value', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-markers-'));
    const file = path.join(dir, 'coded-missing.csv');
    writeFileSync(file, 'Area,Count,Spend,Seen\nA,12,"£1,200.50",01/04/2020\nB,9999,-1,9999\nC,*,"(£3)",02/04/2020\nD,7,12%,-1\n');
    const { report, rows } = await load(file, { suppressionMarkers: ['*', '9999', '-1'] });
    expect(types(report)).toEqual({ Area: 'text', Count: 'integer', Spend: 'number', Seen: 'date' });
    expect(rows.map((r) => [r.Count, r.Spend, r.Seen])).toEqual([
      [12, 1200.5, '2020-04-01'],
      [null, null, null],
      [null, -3, '2020-04-02'],
      [7, 0.12, null],
    ]);
    const missing = Object.fromEntries(report.columns.map((c) => [c.name, [c.suppressed, c.notAvailable, c.notApplicable]]));
    expect(missing).toMatchObject({ Count: [1, 1, 0], Spend: [0, 1, 0], Seen: [0, 2, 0] });
  });

  it('types whole-number years in a year column as years, and other whole numbers as integers', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-years-'));
    const file = path.join(dir, 'years.csv');
    writeFileSync(file, 'Year,Count,Calendar year of birth\n2019,2019,1950\n2020,1850,1961\n2021,2100,1975\n');
    const { report, rows } = await load(file);
    expect(types(report)).toEqual({ Year: 'year', Count: 'integer', 'Calendar year of birth': 'year' });
    expect(report.columns.find((c) => c.name === 'Year')?.sqlType).toBe('INTEGER');
    expect(rows[0]).toEqual({ Year: 2019, Count: 2019, 'Calendar year of birth': 1950 });
  });

  it('reads again as text a column whose later values the sample did not predict, keeping the column order', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-late-'));
    const file = path.join(dir, 'late-surprises.csv');
    const lines = ['Org,Count,Value,Day'];
    for (let i = 1; i <= 12_000; i++) {
      const count = i === 11_000 ? '*' : String(i % 50);
      const value = i === 11_500 ? 'not known' : String(i);
      const day = i === 11_700 ? '31/02/2016' : '2016-04-01';
      lines.push(`A${i % 7},${count},${value},${day}`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const { report } = await load(file);
    expect(report.rows).toBe(12_000);
    expect(report.columns.map((c) => [c.name, c.type])).toEqual([
      ['Org', 'text'],
      ['Count', 'integer'],
      ['Value', 'text'],
      ['Day', 'text'],
    ]);
    expect(report.columns.find((c) => c.name === 'Count')?.suppressed).toBe(1);
    expect(report.warnings).toEqual([
      'Column "Value" looked like integer but 1 value (e.g. "not known") did not fit, so it was kept as text. Set its type in the import preview to convert it anyway (non-matching values become empty).',
      'Column "Day" looked like date but 1 value (e.g. "31/02/2016") did not fit, so it was kept as text. Set its type in the import preview to convert it anyway (non-matching values become empty).',
    ]);
    const sums = tableToJsonRows(await engine.query(`SELECT sum(Count) AS c, count(Count) AS n, max(length(Value)) AS v FROM t`))[0];
    expect(sums).toEqual({ c: lines.slice(1).reduce((s, l) => s + (Number(l.split(',')[1]) || 0), 0), n: 11_999, v: 9 });
  });

  it('keeps financial years as labels with a derived start date', async () => {
    const { report, rows } = await load('financial-years.csv');
    expect(types(report)).toEqual({ Year: 'financial_year', Value: 'integer', 'Year start': 'date' });
    expect(rows.map((r) => [r.Year, r['Year start']])).toEqual([
      ['2016/17', '2016-04-01'],
      ['2016-17', '2016-04-01'],
      ['16/17', '2016-04-01'],
      ['2017/18', '2017-04-01'],
    ]);
  });

  it('reads OCTOBER with a financial year as the right calendar month (January–March in the next year)', async () => {
    const { report, rows } = await load('fy-month-names.csv');
    expect(types(report)).toMatchObject({ Year: 'financial_year', 'Period Name': 'month_name', Month: 'month' });
    expect(rows.map((r) => r.Month)).toEqual(['2016-04-01', '2016-10-01', '2017-01-01', '2017-03-01']);
  });

  it('reads Apr-16 and 2016-04 style months as first-of-month dates', async () => {
    expect((await load('months.csv')).rows.map((r) => r.Month)).toEqual(['2016-04-01', '2016-05-01', '2017-01-01', '2017-03-01']);
    expect((await load('iso-months.csv')).rows.map((r) => r.Month)).toEqual(['2016-04-01', '2016-05-01', '2017-01-01']);
  });

  it('reads dd/mm/yyyy in UK order by default, and month-first when told', async () => {
    const uk = await load('uk-dates.csv');
    expect(types(uk.report).Date).toBe('date');
    expect(uk.rows.map((r) => r.Date)).toEqual(['2016-04-01', '2017-01-13', '2017-03-31']);
    const us = await load('uk-dates.csv', { dateOrder: 'MDY' });
    // 13/01/2017 and 31/03/2017 are not month-first dates: the column stays text, with a warning.
    expect(types(us.report).Date).toBe('text');
  });

  it('keeps codes with leading zeros as text', async () => {
    const { report, rows } = await load('codes-leading-zeros.csv');
    expect(types(report)).toEqual({ Practice: 'text', 'Postcode district': 'text', Code: 'text', Value: 'integer' });
    expect(rows.map((r) => r.Code)).toEqual(['007', '010']);
  });

  it('warns when a mostly numeric column has to stay text, and converts it when told', async () => {
    const kept = await load('mixed-column.csv');
    expect(types(kept.report).Value).toBe('text');
    expect(kept.report.warnings).toEqual([expect.stringContaining('Column "Value" is mostly numbers but some values are not (e.g. "not known")')]);
    const forced = await load('mixed-column.csv', { columnTypes: { Value: 'number' } });
    expect(types(forced.report).Value).toBe('number');
    expect(forced.rows.filter((r) => r.Value === null)).toHaveLength(1);
    expect(tableToJsonRows(await engine.query('SELECT SUM(Value) AS s FROM t'))[0]).toEqual({ s: 435 });
  });

  it('reads decimal-comma numbers in semicolon files', async () => {
    const { report, rows } = await load('semicolon-decimal-comma.csv');
    expect(report.settings).toMatchObject({ delimiter: ';', decimal: ',', thousands: '.' });
    expect(rows).toEqual([
      { org: '11X', value: 1234.5, share: 0.125 },
      { org: '99A', value: 10.25, share: 0.07 },
    ]);
  });
});

describe('layout detection', () => {
  it('skips title lines, finds the header and drops footnotes, saying so', async () => {
    const { report, rows } = await load('title-and-footnotes.csv');
    expect(report.settings).toMatchObject({ headerRow: 3, skippedLines: 3, footerLines: 3 });
    expect(rows).toEqual([
      { Org: 'RBA', Reason: 'A', Days: 10, Patients: 1 },
      { Org: 'RBA', Reason: 'B', Days: 20, Patients: 2 },
      { Org: 'RA4', Reason: 'A', Days: 30, Patients: 3 },
    ]);
    expect(report.warnings).toEqual(['Skipped 2 footnote lines below the data: "Source: NHS England, monthly sitrep"; "Note: figures are provisional".']);
  });

  it('sniffs tab, pipe and semicolon delimiters', async () => {
    expect((await load('tabs.tsv')).report.settings.delimiter).toBe('\t');
    const pipe = await load('pipe.txt');
    expect(pipe.report.settings.delimiter).toBe('|');
    expect(pipe.rows).toEqual([
      { org: '11X', pod: 'AE', value: 10 },
      { org: '99A', pod: 'NEL', value: 20 },
    ]);
  });

  it('handles quoted fields with line breaks and doubled quotes, CRLF line ends', async () => {
    const { rows } = await load('quoted-newlines-crlf.csv');
    expect(rows).toEqual([
      { org: '11X', comment: 'line one\r\nline two', value: 5 },
      { org: '99A', comment: 'say "hi"', value: 6 },
    ]);
  });

  it("names a headerless file's columns column_1…", async () => {
    const { report, rows } = await load('headerless.csv');
    expect(report.columns.map((c) => c.name)).toEqual(['column_1', 'column_2', 'column_3']);
    expect(rows).toHaveLength(3);
  });

  it('makes duplicate and blank header names unique and non-empty, listing the repairs', async () => {
    const dup = await load('duplicate-headers.csv');
    expect(dup.report.columns.map((c) => c.name)).toEqual(['Org', 'Value', 'Value_2', 'value_3']);
    expect(dup.report.warnings).toHaveLength(2);
    const blank = await load('blank-headers.csv');
    expect(blank.report.columns.map((c) => c.name)).toEqual(['Org', 'column_2', 'Value', 'column_4', 'Spend', 'Count']);
    expect(blank.rows).toEqual([{ Org: '11X', column_2: 'a', Value: 1, column_4: 'b', Spend: 2.5, Count: 3 }]);
    expect(blank.report.warnings[0]).toBe('Header: column 2 had no name and is called "column_2".');
  });
});

describe('encodings and compression', () => {
  it('reads Windows-1252 with £ and smart punctuation', async () => {
    const { report, rows } = await load('windows-1252.csv');
    expect(report.settings.encoding).toBe('windows-1252');
    expect(rows).toEqual([
      { Organisation: '11X', Spend: 1234, Note: 'Café – ‘test’' },
      { Organisation: '99A', Spend: 50, Note: 'plain' },
    ]);
  });

  it('reads UTF-8 with a BOM (no BOM in the first column name) and UTF-16 with a BOM', async () => {
    const bom = await load('utf8-bom.csv');
    expect(bom.report.columns[0]!.name).toBe('Org Code');
    expect(bom.rows[0]).toEqual({ 'Org Code': '11X', Spend: 1000 });
    const utf16 = await load('utf16-tabs.txt');
    expect(utf16.report.settings).toMatchObject({ encoding: 'utf-16le', delimiter: '\t' });
    expect(utf16.rows).toEqual([
      { Org: '11X', Spend: 1500, Note: 'café' },
      { Org: '99A', Spend: 2, Note: 'x' },
    ]);
  });

  it('reads gzipped CSV the same as the plain file', async () => {
    const gz = await load('activity-sample.csv.gz');
    const plain = await load('nhs-values.csv', {}, 'plain');
    expect(gz.report.settings.compression).toBe('gzip');
    expect(gz.rows).toEqual(plain.rows);
  });
});

describe('spreadsheets, Parquet and JSON', () => {
  it('picks the data sheet, skips its title rows and footnote, and reads Excel dates and suppression', async () => {
    const { report, rows } = await load('titled.xlsx');
    expect(report.settings).toMatchObject({ sheet: 'Data', sheets: ['Cover', 'Data'], headerRow: 2 });
    expect(types(report)).toEqual({ 'CCG Code': 'text', Spend: 'number', Date: 'date', Share: 'number' });
    expect(rows).toEqual([
      { 'CCG Code': '11X', Spend: 1234.5, Date: '2016-04-01', Share: 0.25 },
      { 'CCG Code': '99A', Spend: null, Date: '2017-01-31', Share: 0.5 },
      { 'CCG Code': '06Q', Spend: 10, Date: '2017-03-31', Share: 0.125 },
    ]);
    expect(report.columns.find((c) => c.name === 'Spend')!.suppressed).toBe(1);
    expect(report.warnings).toEqual(['Skipped 1 footnote line below the data: "Source: synthetic".']);
  });

  it('reads another sheet when asked', async () => {
    const { rows } = await load('titled.xlsx', { sheet: 'Cover' });
    expect(rows).toEqual([{ 'Spend by CCG': 'Produced for the board' }]);
  });

  it('flattens merged two-row headers into column names', async () => {
    const { report, rows } = await load('merged-headers.xlsx');
    expect(report.columns.map((c) => c.name)).toEqual(['Org', 'NHS A SUM', 'NHS B SUM', 'Social Care A SUM', 'Social Care B SUM']);
    expect(rows[1]).toEqual({ Org: 'RA4', 'NHS A SUM': 3, 'NHS B SUM': 30, 'Social Care A SUM': 4, 'Social Care B SUM': 40 });
  });

  it('reads legacy .xls', async () => {
    expect((await load('legacy.xls')).rows).toEqual([
      { org: '11X', value: 5 },
      { org: '99A', value: 7.5 },
    ]);
  });

  it('skips an empty sheet by default and explains when it is chosen', async () => {
    expect((await load('empty-sheet.xlsx')).report.settings.sheet).toBe('Values');
    const error = await failure('empty-sheet.xlsx', { sheet: 'Blank' });
    expect(error.message).toBe('The sheet has no data (empty-sheet.xlsx, sheet "Blank"). Choose another sheet ("Values").');
    expect(error.location).toEqual({ file: 'empty-sheet.xlsx', sheet: 'Blank' });
  });

  it('reads JSON arrays and NDJSON', async () => {
    const json = await load('records.json');
    expect(json.rows).toEqual([
      { org: '11X', value: 1.5, flag: true, extra: null },
      { org: '99A', value: 2, flag: null, extra: 'x' },
    ]);
    const ndjson = await load('records.ndjson');
    expect(ndjson.rows).toEqual([
      { org: '11X', value: 1 },
      { org: '99A', value: 2 },
    ]);
  });
});

describe('bad input gets one clear message: what, where, what to try', () => {
  it('empty and whitespace-only files', async () => {
    expect((await failure('empty.csv')).message).toBe('The file is empty (empty.csv). Check that the export finished writing, then open it again.');
    expect((await failure('whitespace-only.csv')).problem).toBe('The file has no rows');
  });

  it('a binary file named .csv', async () => {
    const error = await failure('binary.csv');
    expect(error.problem).toBe('The file is not a text file: it contains binary data');
    expect(error.suggestion).toMatch(/export it as CSV/);
  });

  it('a CSV named .xlsx, and a corrupt workbook', async () => {
    expect((await failure('not-really.xlsx')).problem).toBe('The file is named as an Excel workbook but is not one');
    const corrupt = await failure('corrupt.xlsx');
    expect(corrupt.problem).toMatch(/^The workbook could not be read/);
    expect(corrupt.suggestion).toMatch(/save a fresh copy/);
  });

  it('an unterminated quote, with its line and column', async () => {
    const error = await failure('unterminated-quote.csv');
    expect(error.problem).toMatch(/A quoted value is never closed/);
    expect(error.location).toEqual({ file: 'unterminated-quote.csv', line: 2, column: 'name' });
  });

  it('invalid JSON, with its line', async () => {
    const error = await failure('invalid.json');
    expect(error.location).toEqual({ file: 'invalid.json', line: 2 });
  });

  it('ragged rows are imported with a warning naming the lines', async () => {
    const short = await load('ragged-short.csv');
    expect(short.rows).toEqual([
      { org: '11X', pod: 'AE', value: 10 },
      { org: '11X', pod: 'NEL', value: null },
      { org: '99A', pod: 'AE', value: 30 },
    ]);
    expect(short.report.warnings).toEqual(['Lines 3 had fewer fields than the header; the missing fields were left empty.']);
    const long = await load('ragged-long.csv');
    expect(long.rows).toEqual([
      { org: '11X', pod: 'AE', value: 10 },
      { org: '99A', pod: 'AE', value: 30 },
    ]);
    expect(long.report.warnings).toEqual(['Lines 3 had more fields than the header and were skipped.']);
  });

  it('a header with no data rows imports an empty table with a warning', async () => {
    const { report, rows } = await load('header-only.csv');
    expect(rows).toEqual([]);
    expect(report.warnings).toEqual(['The file has a header but no data rows.']);
  });

  it('a field of several megabytes is read whole', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-big-'));
    const file = path.join(dir, 'big-field.csv');
    writeFileSync(file, `id,notes,value\n1,"${'x'.repeat(3_000_000)}",5\n2,short,6\n`);
    await load(file);
    expect(tableToJsonRows(await engine.query('SELECT id, length(notes) AS n, value FROM t ORDER BY id'))).toEqual([
      { id: 1, n: 3_000_000, value: 5 },
      { id: 2, n: 5, value: 6 },
    ]);
  });

  it('a field of several megabytes far below a head of short lines is read whole (the line limit is raised and the file read again)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-big-'));
    const file = path.join(dir, 'late-big-field.csv');
    const head = Array.from({ length: 60_000 }, (_, i) => `${i},row ${i},${i % 7}`).join('\n');
    writeFileSync(file, `id,notes,value\n${head}\n60000,"${'y'.repeat(3_000_000)}",5\n60001,short,6\n`);
    const { report } = await load(file);
    expect(report.rows).toBe(60_002);
    expect(report.warnings).toEqual([]);
    expect(tableToJsonRows(await engine.query('SELECT id, length(notes) AS n, value FROM t WHERE id >= 59999 ORDER BY id'))).toEqual([
      { id: 59999, n: 9, value: 2 },
      { id: 60000, n: 3_000_000, value: 5 },
      { id: 60001, n: 5, value: 6 },
    ]);
  });

  it('a failed import leaves the existing table untouched and no scratch tables behind', async () => {
    await load('pipe.txt', {}, 'keep');
    await failure('unterminated-quote.csv');
    await expect(createImportService(engine).importFiles('keep', [await nodeFileSource(path.join(FIXTURES, 'binary.csv'))])).rejects.toBeInstanceOf(
      ImportError,
    );
    expect(tableToJsonRows(await engine.query('SELECT count(*) AS n FROM keep'))).toEqual([{ n: 2 }]);
    const leftovers = tableToJsonRows(await engine.query("SELECT table_name FROM information_schema.tables WHERE table_name LIKE '\\_\\_%' ESCAPE '\\'"));
    expect(leftovers).toEqual([]);
  });
});
