import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../engine-under-test';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import type { Engine } from '../../src-shared/engine/engine';
import { tableToJsonRows } from '../../src-shared/format/plain-json';
import { createImportService } from '../../src-shared/import/import-service';
import type { Cell } from '../../src-shared/import/readers/cells';
import { checkSheetSize, MAX_SHEET_CELLS, sheetExtent, sheetGrid } from '../../src-shared/import/readers/sheet-grid';
import { countNoteRows, emptyColumns, fillDownLabels, isNoteStart, withoutColumns } from '../../src-shared/import/readers/sheet-layout';
import { listSheets, readSheetTable } from '../../src-shared/import/readers/spreadsheet';
import { ImportError, type ImportOptions, type ImportReport } from '../../src-shared/import/types';
import { quoteIdent } from '../../src-shared/sql/identifiers';
import { DTOC_REASONS } from '../fixtures/import/dtoc-reasons';

/**
 * Spreadsheets as NHS publications are published (fixtures made by
 * test/fixtures/import/build-sheet-fixtures.ts): title blocks, merged
 * two- and three-row headers, a year given only on each year's first month,
 * notes below the data, spacer columns, used ranges declared to the last
 * column and row of the sheet, and sheets too large to read at once.
 */

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/import');
const DTOC = 'dtoc-timeseries.xls';
const SHEETS = ['Delayed Days by Reason', 'Delayed Days by Agency', 'Delayed Patients by Reason', 'Delayed Patients by Agency'];
const REASONS = DTOC_REASONS;
const FILL_DOWN_YEAR = 'Column "Year" was filled down: it was given only on each group\'s first row.';

let engine: Engine;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'wb-sheets-'));

beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => {
  await engine?.close();
});

const bytesOf = (file: string) => new Uint8Array(readFileSync(path.join(FIXTURES, file)));

async function load(file: string, opts: ImportOptions = {}, table = 't') {
  const report = await createImportService(engine).importFiles(table, [await nodeFileSource(path.isAbsolute(file) ? file : path.join(FIXTURES, file))], opts);
  const rows = tableToJsonRows(await engine.query(`SELECT * FROM ${quoteIdent(table)}`));
  return { report, rows };
}

async function sql(text: string) {
  return tableToJsonRows(await engine.query(text));
}

function types(report: ImportReport): Record<string, string> {
  return Object.fromEntries(report.columns.filter((c) => !c.derived).map((c) => [c.name, c.type]));
}

function workbookBytes(sheets: Record<string, XLSX.WorkSheet>): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

describe('listing the sheets of a workbook, before any preview', () => {
  it('lists every sheet of the DTOC time series with its used size (not its declared A1:IV65536) and first rows', () => {
    const sheets = listSheets(bytesOf(DTOC), DTOC);
    expect(sheets.map((s) => [s.name, s.rows, s.columns, s.moreRows, s.isDefault])).toEqual([
      ['Delayed Days by Reason', 44, 69, false, true],
      // Starts in column B; its spacer columns are inside the used range.
      ['Delayed Days by Agency', 41, 17, false, false],
      ['Delayed Patients by Reason', 41, 36, false, false],
      ['Delayed Patients by Agency', 40, 26, false, false],
    ]);
    expect(sheets[0]!.firstRows.slice(0, 4)).toEqual([
      ['Delayed Transfers of Care: total delayed days by reason for delay, England'],
      ['Monthly time series, August 2015 to March 2018'],
      ['Published by NHS England (synthetic figures for tests)'],
      ['Year', 'Month', 'Total delayed days', 'NHS – Acute'],
    ]);
    expect(sheets[0]!.firstRows[4]).toEqual(['', '', '', ...REASONS.slice(0, 9)]);
    expect(sheets[1]!.firstRows[4]).toEqual(['2015-16', 'August', '156', '257', '413', '', '358', '459', '817', '', '110', '211']);
  });

  it('gives empty sheets a size of nothing, a sheet declared to XFD1048576 its cells, and says when a sheet goes on past the rows read', () => {
    expect(listSheets(bytesOf('empty-sheet.xlsx'), 'empty-sheet.xlsx')).toEqual([
      { name: 'Blank', rows: 0, columns: 0, moreRows: false, firstRows: [], isDefault: false },
      {
        name: 'Values',
        rows: 2,
        columns: 2,
        moreRows: false,
        firstRows: [
          ['org', 'value'],
          ['11X', '5'],
        ],
        isDefault: true,
      },
    ]);
    expect(listSheets(bytesOf('huge-range.xlsx'), 'huge-range.xlsx').map((s) => [s.name, s.rows, s.columns])).toEqual([['Data', 3, 3]]);
    const long = XLSX.utils.aoa_to_sheet([['n', 'square'], ...Array.from({ length: 1500 }, (_, i) => [i, i * i])]);
    const listed = listSheets(workbookBytes({ Cover: XLSX.utils.aoa_to_sheet([['About this file']]), Long: long }), 'long.xlsx');
    expect(listed.map((s) => [s.name, s.rows, s.columns, s.moreRows, s.isDefault])).toEqual([
      ['Cover', 1, 1, false, false],
      ['Long', 1000, 2, true, true],
    ]);
  });

  it('fails on a damaged workbook as the importer does', () => {
    expect(() => listSheets(bytesOf('corrupt.xlsx'), 'corrupt.xlsx')).toThrow(/^The workbook could not be read/);
  });
});

describe('the DTOC time-series workbook (.xls), through the importer', () => {
  it('imports the default sheet (69 columns under a two-row merged header, used range A1:IV65536): Year filled down, notes dropped', async () => {
    const { report, rows } = await load(DTOC);
    expect(report.settings).toMatchObject({ format: 'xls', sheet: 'Delayed Days by Reason', sheets: SHEETS, headerRow: 5, skippedLines: 5, footerLines: 6 });
    const groups = ['NHS – Acute', 'NHS – Non-Acute', 'Social Care – Acute', 'Social Care – Non-Acute', 'Both – Acute', 'Both – Non-Acute'];
    const reasonColumns = groups.flatMap((g) => REASONS.map((r) => `${g} ${r}`));
    expect(Object.keys(types(report))).toEqual(['Year', 'Month', 'Total delayed days', ...reasonColumns]);
    expect(types(report)).toEqual({
      Year: 'financial_year',
      Month: 'month_name',
      'Total delayed days': 'integer',
      ...Object.fromEntries(reasonColumns.map((c) => [c, 'integer'])),
    });
    expect(report.rows).toBe(32);
    expect(rows[0]).toMatchObject({ Year: '2015-16', Month: 'August', 'Total delayed days': 17793, 'NHS – Acute A. Completion of assessment': 103 });
    expect(rows[1]).toMatchObject({ Year: '2015-16', Month: 'September', 'Total delayed days': 18435 });
    expect(rows[31]).toMatchObject({ Year: '2017-18', Month: 'March', 'Total delayed days': 17895, 'Both – Non-Acute O. Other': 165 });
    expect(await sql(`SELECT Year, count(*) AS months FROM t GROUP BY Year ORDER BY Year`)).toEqual([
      { Year: '2015-16', months: 8 },
      { Year: '2016-17', months: 12 },
      { Year: '2017-18', months: 12 },
    ]);
    // The total column agrees with its 66 reasons, row by row, and over the series.
    const reasons = reasonColumns.map((c) => quoteIdent(c)).join(' + ');
    expect(
      await sql(
        `SELECT sum("Total delayed days") AS total, sum(${reasons}) AS reasons, count(*) FILTER (WHERE "Total delayed days" <> ${reasons}) AS off FROM t`,
      ),
    ).toEqual([{ total: 579108, reasons: 579108, off: 0 }]);
    expect(report.warnings).toContain(
      'Skipped 4 footnote lines below the data: "Notes:"; "1. Prior to August 2010, delayed transfers were counted a…"; "2. Reason codes follow the SDCS guidance; O is any other …"; "Source: NHS England, Monthly Delayed Transfers of Care Si…".',
    );
  });

  it('imports the narrow sheet (column B onwards, spacer columns, A1:Z300): no empty columns, and the notes no longer make Year text', async () => {
    const { report, rows } = await load(DTOC, { sheet: 'Delayed Days by Agency' });
    expect(report.settings).toMatchObject({ sheet: 'Delayed Days by Agency', headerRow: 4, footerLines: 4 });
    const measures = ['NHS', 'Social Care', 'Both'].flatMap((g) => [`${g} Acute`, `${g} Non-Acute`, `${g} Total`]);
    expect(types(report)).toEqual({
      Year: 'financial_year',
      Month: 'month_name',
      ...Object.fromEntries([...measures, 'Total Acute', 'Total Non-Acute', 'Total'].map((c) => [c, 'integer'])),
    });
    expect(report.rows).toBe(32);
    expect(rows.find((r) => r.Year === '2017-18' && r.Month === 'April')).toMatchObject({
      'NHS Acute': 446,
      'NHS Non-Acute': 97,
      'NHS Total': 543,
      'Social Care Total': 497,
      'Both Total': 451,
      'Total Acute': 1044,
      'Total Non-Acute': 447,
      Total: 1491,
    });
    expect(await sql(`SELECT sum("Total") AS total, sum("NHS Total") AS nhs, sum("Social Care Total") AS social, sum("Both Total") AS "both" FROM t`)).toEqual([
      { total: 52644, nhs: 17970, social: 17398, both: 17276 },
    ]);
    expect(report.warnings).toContain(
      'Skipped 3 footnote lines below the data: "Notes:"; "1. Prior to August 2010, delayed transfers were counted a…"; "2. Both: delays attributable to the NHS and social care j…".',
    );
  });

  it('drops notes numbered (1) and a), and * notes, on the other two sheets', async () => {
    const reasons = await load(DTOC, { sheet: 'Delayed Patients by Reason' });
    expect(reasons.report.settings.footerLines).toBe(4);
    expect(reasons.report.rows).toBe(32);
    expect(types(reasons.report)).toMatchObject({ Year: 'financial_year', 'Total patients': 'integer', 'Both O. Other': 'integer' });
    expect(reasons.report.warnings).toContain(
      'Skipped 3 footnote lines below the data: "Note:"; "(1) Snapshot figures: patients delayed at midnight on the…"; "(2) Figures are not seasonally adjusted.".',
    );
    expect(await sql(`SELECT sum("Total patients") AS total FROM t`)).toEqual([{ total: 28571 }]);
    const agency = await load(DTOC, { sheet: 'Delayed Patients by Agency' });
    expect(agency.report.settings.footerLines).toBe(3);
    expect(types(agency.report)).toMatchObject({
      Year: 'financial_year',
      'NHS Acute': 'integer',
      'NHS Acute per 100,000*': 'number',
      'Total Total per 100,000*': 'number',
    });
    expect(agency.report.warnings).toContain(
      'Skipped 2 footnote lines below the data: "* Rates per 100,000 population aged 18 and over (ONS mid-…"; "a) Patients delayed by both agencies are counted once.".',
    );
    expect(await sql(`SELECT sum("Total") AS total, round(sum("Total Total per 100,000*"), 1) AS rate, max("NHS Acute per 100,000*") AS top FROM t`)).toEqual([
      { total: 1644, rate: 376.4, top: 11 },
    ]);
  });

  it('previews the default sheet as it imports: notes dropped in the preview too, so Year is a financial year', async () => {
    const preview = await createImportService(engine).preview(await nodeFileSource(path.join(FIXTURES, DTOC)));
    expect(preview.report.settings).toMatchObject({ sheet: 'Delayed Days by Reason', footerLines: 6 });
    expect(preview.rows).toHaveLength(32);
    expect(types(preview.report)).toMatchObject({ Year: 'financial_year', Month: 'month_name', 'Total delayed days': 'integer' });
    expect(preview.rows.map((r) => r.Year).slice(6, 10)).toEqual(['2015-16', '2015-16', '2016-17', '2016-17']);
  });

  it('reads the sheet as a table: the repairs to report, the notes, the sheet rows of the header', () => {
    const wide = readSheetTable(bytesOf(DTOC), DTOC, {});
    expect([wide.headerRow, wide.footerRows, wide.names.length, wide.rows.length]).toEqual([5, 6, 69, 32]);
    expect(wide.repairs).toEqual([FILL_DOWN_YEAR]);
    expect(wide.footnotes).toEqual([
      'Notes:',
      '1. Prior to August 2010, delayed transfers were counted as a snapshot on the last Thursday of the month.',
      '2. Reason codes follow the SDCS guidance; O is any other reason.',
      'Source: NHS England, Monthly Delayed Transfers of Care Situation Reports',
    ]);
    const narrow = readSheetTable(bytesOf(DTOC), DTOC, { sheet: 'Delayed Days by Agency' });
    expect(narrow.repairs).toEqual(['Dropped 3 empty columns.', FILL_DOWN_YEAR]);
    expect(narrow.nameRepairs).toEqual([]);
    expect(narrow.rows[0]).toEqual(['2015-16', 'August', 156, 257, 413, 358, 459, 817, 110, 211, 321, 624, 927, 1551]);
    expect(narrow.rows[8]!.slice(0, 2)).toEqual(['2016-17', 'April']);
  });

  it('reports the sheet repairs among the import warnings, before the footnotes', async () => {
    const { report } = await load(DTOC, { sheet: 'Delayed Days by Agency' });
    expect(report.warnings.slice(0, 3)).toEqual([
      'Dropped 3 empty columns.',
      FILL_DOWN_YEAR,
      'Skipped 3 footnote lines below the data: "Notes:"; "1. Prior to August 2010, delayed transfers were counted a…"; "2. Both: delays attributable to the NHS and social care j…".',
    ]);
    const empty = await load('empty-columns.xlsx');
    expect(empty.report.warnings).toEqual(['Dropped 2 empty columns.']);
  });
});

describe('wide sheets, empty columns and declared ranges', () => {
  it('names 200 columns under a three-row merged header (year › point of delivery › measure)', () => {
    const table = readSheetTable(bytesOf('wide-merged.xlsx'), 'wide-merged.xlsx', {});
    expect([table.headerRow, table.names.length, table.rows.length, table.footerRows]).toEqual([4, 200, 40, 0]);
    expect(table.names.slice(0, 8)).toEqual([
      'Provider code',
      'Provider name',
      '2017-18 A&E Activity',
      '2017-18 A&E Plan',
      '2017-18 A&E Variance',
      '2017-18 A&E Cost £000',
      '2017-18 A&E Plan £000',
      '2017-18 A&E Variance £000',
    ]);
    expect(table.names[68]).toBe('2018-19 A&E Activity');
    expect(table.names.slice(-2)).toEqual(['2019-20 Other Plan £000', '2019-20 Other Variance £000']);
    expect(new Set(table.names.map((n) => n.toLowerCase())).size).toBe(200);
    expect(table.nameRepairs).toEqual([]);
    expect(table.rows[0]!.slice(0, 8)).toEqual(['R10', 'Provider 1 NHS Trust', 1000, 1000, 0, 200, 200, 0]);
    expect(table.rows[39]!.slice(0, 4)).toEqual(['R49', 'Provider 40 NHS Trust', 1609, 1231]);
  });

  it('imports the 200-column sheet through the importer', async () => {
    const { report, rows } = await load('wide-merged.xlsx');
    expect(report.rows).toBe(40);
    expect(report.columns.filter((c) => !c.derived)).toHaveLength(200);
    expect(types(report)).toMatchObject({ 'Provider code': 'text', '2017-18 A&E Activity': 'integer', '2019-20 Other Variance £000': 'number' });
    expect(rows[0]).toMatchObject({ 'Provider code': 'R10', '2017-18 A&E Activity': 1000 });
    expect(await sql(`SELECT sum("2017-18 A&E Activity") AS activity FROM t`)).toEqual([{ activity: 56680 }]);
  });

  it('drops empty columns from the middle and the end, and an empty row', async () => {
    const { report, rows } = await load('empty-columns.xlsx');
    expect(types(report)).toEqual({ Org: 'text', Value: 'number', Count: 'integer' });
    expect(rows).toEqual([
      { Org: '11X', Value: 1.5, Count: 3 },
      { Org: '99A', Value: 2.5, Count: 4 },
      { Org: '06Q', Value: 10, Count: 5 },
    ]);
    expect(report.warnings.filter((w) => w.startsWith('Header:'))).toEqual([]);
    expect(readSheetTable(bytesOf('empty-columns.xlsx'), 'empty-columns.xlsx', {}).repairs).toEqual(['Dropped 2 empty columns.']);
  });

  it('reads a sheet whose dimension claims A1:XFD1048576 from its nine cells', async () => {
    const { report, rows } = await load('huge-range.xlsx');
    expect(types(report)).toEqual({ Org: 'text', Value: 'integer', Note: 'text' });
    expect(rows).toEqual([
      { Org: '11X', Value: 1, Note: 'a' },
      { Org: '99A', Value: 2, Note: 'b' },
    ]);
    // And in memory: a declared range of 17 billion cells holding three values costs three cells.
    const ws = XLSX.utils.aoa_to_sheet(
      [
        ['Org', 'Value'],
        ['11X', 1],
      ],
      { dense: true },
    );
    ws['!ref'] = 'A1:XFD1048576';
    const extent = sheetExtent(ws);
    expect(extent).toEqual({ rows: [0, 1], columns: [0, 1], values: 4 });
    expect(sheetGrid(ws, extent).rows).toEqual([
      ['Org', 'Value'],
      ['11X', 1],
    ]);
  });
});

describe('a sheet too large to read at once', () => {
  it('is refused before it is turned into rows, naming the sheet and its size', () => {
    // Values really in 1,048,576 rows and 300 columns (a column of numbers under a row of headings).
    const data: XLSX.CellObject[][] = Array.from({ length: 1_048_576 }, (_, r) => [{ t: 'n', v: r }]);
    data[0] = Array.from({ length: 300 }, (_, c) => ({ t: 's', v: `c${c}` }));
    const ws: XLSX.WorkSheet = { '!data': data, '!ref': 'A1:KN1048576' };
    const extent = sheetExtent(ws);
    expect([extent.rows.length, extent.columns.length]).toEqual([1_048_576, 300]);
    expect(() => checkSheetSize(extent, 'Big', 'big.xlsx')).toThrow(
      'Sheet "Big" has 1,048,576 rows × 300 columns (314.6 million cells), more than the app can read from a workbook at once (10 million cells) (big.xlsx, sheet "Big"). Open the workbook in Excel and save that sheet as CSV (File › Save As › CSV UTF-8), then import the CSV, which is read in pieces; or choose another sheet.',
    );
    expect(MAX_SHEET_CELLS).toBe(10_000_000);
    expect(() => checkSheetSize({ rows: [0, 1], columns: [0, 1], values: 4 }, 'Small', 'small.xlsx')).not.toThrow();
  });

  it('is refused by the importer with that message, and the other sheets still import', async () => {
    const rows: (string | number)[][] = [Array.from({ length: 300 }, (_, c) => `Column ${c + 1}`)];
    for (let r = 0; r < 35_000; r++) rows.push([r]);
    const file = path.join(tmp, 'too-big.xlsx');
    writeFileSync(file, workbookBytes({ Big: XLSX.utils.aoa_to_sheet(rows, { dense: true }), Small: XLSX.utils.aoa_to_sheet([['org'], ['11X']]) }));
    const error = await load(file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).problem).toBe(
      'Sheet "Big" has 35,001 rows × 300 columns (10.5 million cells), more than the app can read from a workbook at once (10 million cells)',
    );
    expect((error as ImportError).location).toEqual({ file: 'too-big.xlsx', sheet: 'Big' });
    expect((error as ImportError).suggestion).toMatch(/save that sheet as CSV .*; or choose another sheet\.$/);
    expect((await load(file, { sheet: 'Small' })).rows).toEqual([{ org: '11X' }]);
    // The listing still shows both sheets, with their sizes.
    expect(listSheets(new Uint8Array(readFileSync(file)), 'too-big.xlsx').map((s) => [s.name, s.rows, s.columns, s.moreRows, s.isDefault])).toEqual([
      ['Big', 1000, 300, true, true],
      ['Small', 2, 1, false, false],
    ]);
  }, 120_000);
});

describe('sheet layout, on plain rows', () => {
  it('knows how notes open', () => {
    const notes = [
      'Notes:',
      'Note 2',
      'Source: NHS England',
      'Sources',
      'Footnotes',
      '1. Prior to August 2010',
      '(1) Snapshot',
      '2) as above',
      'a) Patients',
      '(b) Both',
      'c. Other',
      '* Rates',
      '† Provisional',
      'N.B. Revised',
      'Key:',
      'Definitions',
    ];
    const data = ['2016-17', 'April', 'Notebook', 'Keyworth', 'Key Healthcare', 'Data quality team', '1.5', '(9.8)', '12%', 'A&E', 'Total', '', '1', 'Acute'];
    expect(notes.filter((t) => !isNoteStart(t))).toEqual([]);
    expect(data.filter((t) => isNoteStart(t))).toEqual([]);
  });

  it('counts notes blocks after a blank row, numbered in their own cell or not, and keeps blocks that read like data', () => {
    const data = [
      ['2016-17', 'April', '10', '20'],
      ['', 'May', '11', '21'],
    ];
    const blank = ['', '', '', ''];
    expect(countNoteRows([...data, blank, ['Notes:'], ['1.', 'Prior to August 2010'], ['2.', 'Reason codes'], blank, ['Source: NHS England']], 4)).toBe(6);
    expect(countNoteRows([...data, blank, ['(1)', 'Snapshot figures', '', ''], ['12', 'Not seasonally adjusted']], 4)).toBe(3);
    // A note-only row needs no blank row above it (as in delimited text); a block of two-cell notes does.
    expect(countNoteRows([...data, ['Source: NHS England']], 4)).toBe(1);
    expect(countNoteRows([...data, ['1.', 'Prior to August 2010']], 4)).toBe(0);
    // A block after a blank row that reads like data is data, whatever its first cell says.
    expect(countNoteRows([...data, blank, ['* Total', '', '21', '41']], 4)).toBe(0);
    expect(countNoteRows([...data, blank, ['2017-18', 'April', '12', '22']], 4)).toBe(0);
  });

  it('fills down a leading label column given only on each group’s first row', () => {
    const rows: Cell[][] = [];
    const months = ['April', 'May', 'June'];
    for (const [i, year] of ['2015-16', '2016-17', '2017-18'].entries()) months.forEach((m, k) => rows.push([k === 0 ? year : null, m, i * 10 + k]));
    // Without its first row's label the first group's is unknown: nothing is filled.
    expect(fillDownLabels(rows.slice(1), ['Year', 'Month', 'Days']).filled).toEqual([]);
    const all = fillDownLabels(rows, ['Year', 'Month', 'Days']);
    expect(all.filled).toEqual(['Year']);
    expect(all.rows.map((r) => r[0])).toEqual(['2015-16', '2015-16', '2015-16', '2016-17', '2016-17', '2016-17', '2017-18', '2017-18', '2017-18']);
    // The input is left as it was.
    expect(rows[1]).toEqual([null, 'May', 1]);
    // Whole years (numbers) are labels too.
    expect(
      fillDownLabels(
        [
          [2016, 'Q1', 5],
          [null, 'Q2', 6],
          [null, 'Q3', 7],
        ],
        ['Year', 'Quarter', 'n'],
      ).rows.map((r) => r[0]),
    ).toEqual([2016, 2016, 2016]);
  });

  it('never fills measures, irregular groups, or a column without a complete label column beside it', () => {
    const names = ['Region', 'Org', 'Value'];
    // Regions of 1, 3 and 1 organisations: the groups are irregular.
    const irregular: Cell[][] = [
      ['North', 'A', 1],
      ['South', 'B', 2],
      [null, 'C', 3],
      [null, 'D', 4],
      ['East', 'E', 5],
    ];
    expect(fillDownLabels(irregular, names).filled).toEqual([]);
    // A sparse measure column.
    expect(
      fillDownLabels(
        [
          ['A', 5],
          ['B', null],
          ['C', null],
          ['D', 7],
        ],
        ['Org', 'Value'],
      ).filled,
    ).toEqual([]);
    // Month is not given on every row, so a blank Year row would not say what it is.
    expect(
      fillDownLabels(
        [
          ['2016-17', 'April', 1],
          [null, null, 2],
          [null, 'June', 3],
        ],
        ['Year', 'Month', 'n'],
      ).filled,
    ).toEqual([]);
  });

  it('finds empty columns (no heading, no value) and drops them', () => {
    const rows: Cell[][] = [
      ['11X', null, 1, '  ', null],
      ['99A', null, 2, '', null],
    ];
    expect(emptyColumns(['Org', '', 'Value', '', 'Note'], rows, 5)).toEqual([1, 3]);
    expect(withoutColumns(rows, [1, 3])).toEqual([
      ['11X', 1, null],
      ['99A', 2, null],
    ]);
  });
});
