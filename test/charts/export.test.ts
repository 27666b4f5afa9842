import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { chartExportTable } from '../../src-shared/charts/chart-export';
import { parseChartSpec } from '../../src-shared/charts/chart-spec';
import type { ExportTable } from '../../src-shared/export/data-table';
import { toCsv, toTsv, utf8Bytes } from '../../src-shared/export/delimited';
import { neutraliseFormulaText } from '../../src-shared/export/spreadsheet-safety';
import { safeSheetName, toXlsx } from '../../src-shared/export/xlsx';

const TABLE: ExportTable = {
  columns: [
    { key: 'org', label: 'Organisation' },
    { key: 'month', label: 'Month' },
    { key: 'cost', label: 'Cost (£)' },
    { key: 'ok', label: 'Reported' },
  ],
  rows: [
    { org: 'NHS Liverpool CCG, "urban"', month: new Date(Date.UTC(2016, 3, 1)), cost: -1234.5, ok: true },
    { org: '=HYPERLINK("x")', month: null, cost: 0, ok: false },
    { org: '-2+3', month: '2016-05-01', cost: 1e21, ok: null },
    { org: '@SUM(A1)', month: undefined, cost: Number.NaN, ok: true },
    { org: 'line\nbreak', month: new Date(Date.UTC(2016, 5, 1, 10, 30)), cost: 12, ok: true },
    { org: '\tTab', cost: 1, ok: true },
    { org: '+44', cost: 2 },
    { org: '\rCR', cost: 3 },
    { org: '\0NUL', cost: 4 },
    { org: "O'Neil £", cost: 0.1 + 0.2 },
  ],
};

describe('formula neutralising', () => {
  it('quotes text that starts like a formula, and nothing else', () => {
    expect(['=1+2', '+1', '-1', '@A1', '\tx', '\rx', '\nx', '\0x', 'a=1', ' =1', "'=1", ''].map(neutraliseFormulaText)).toEqual([
      "'=1+2",
      "'+1",
      "'-1",
      "'@A1",
      "'\tx",
      "'\rx",
      "'\nx",
      "'\0x",
      'a=1',
      ' =1',
      "'=1",
      '',
    ]);
  });
});

describe('CSV and TSV', () => {
  it('CSV: BOM, RFC 4180 quoting, CRLF, plain numbers to 15 digits (negatives stay numbers), neutralised text', () => {
    expect(toCsv(TABLE)).toBe(
      '\uFEFF' +
        'Organisation,Month,Cost (£),Reported\r\n' +
        '"NHS Liverpool CCG, ""urban""",2016-04-01,-1234.5,TRUE\r\n' +
        `"'=HYPERLINK(""x"")",,0,FALSE\r\n` +
        "'-2+3,2016-05-01,1e+21,\r\n" +
        "'@SUM(A1),,,TRUE\r\n" +
        '"line\nbreak",2016-06-01T10:30:00,12,TRUE\r\n' +
        "'\tTab,,1,TRUE\r\n" +
        "'+44,,2,\r\n" +
        `"'\rCR",,3,\r\n` +
        "'\0NUL,,4,\r\n" +
        "O'Neil £,,0.3,\r\n",
    );
    expect(toCsv({ columns: [{ key: 'a', label: 'a' }], rows: [] }, { bom: false })).toBe('a\r\n');
  });

  it('CSV bytes start with the UTF-8 BOM and encode £ as UTF-8', () => {
    const bytes = utf8Bytes(toCsv({ columns: [{ key: 'a', label: '£' }], rows: [] }));
    expect([...bytes]).toEqual([0xef, 0xbb, 0xbf, 0xc2, 0xa3, 0x0d, 0x0a]);
  });

  it('TSV for the clipboard: tabs, CRLF, no BOM, cells with tabs, quotes or line breaks quoted', () => {
    expect(toTsv({ columns: TABLE.columns, rows: TABLE.rows.slice(0, 2) })).toBe(
      'Organisation\tMonth\tCost (£)\tReported\r\n' + '"NHS Liverpool CCG, ""urban"""\t2016-04-01\t-1234.5\tTRUE\r\n' + `"'=HYPERLINK(""x"")"\t\t0\tFALSE\r\n`,
    );
    expect(toTsv({ columns: [{ key: 'a', label: 'a' }], rows: [{ a: 'x\ty' }, { a: '\tlead' }] })).toBe('a\r\n"x\ty"\r\n"\'\tlead"\r\n');
  });
});

describe('XLSX', () => {
  it('writes numeric, date and boolean cells, neutralised text and no formulas', () => {
    const bytes = toXlsx(TABLE, { sheetName: 'Cost: 2016/17 [draft]' });
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes.slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip
    const book = XLSX.read(bytes, { type: 'array', cellDates: true, cellFormula: true });
    expect(book.SheetNames).toEqual(['Cost  2016 17  draft']);
    const sheet = book.Sheets[book.SheetNames[0]!]!;
    expect(sheet['!ref']).toBe('A1:D11');
    const cell = (ref: string) => sheet[ref] as XLSX.CellObject | undefined;
    expect([cell('A1')?.t, cell('A1')?.v, cell('C1')?.v]).toEqual(['s', 'Organisation', 'Cost (£)']);
    expect([cell('A2')?.t, cell('A2')?.v]).toEqual(['s', 'NHS Liverpool CCG, "urban"']);
    expect([cell('C2')?.t, cell('C2')?.v]).toEqual(['n', -1234.5]);
    expect(cell('B2')?.t).toBe('d');
    expect((cell('B2')?.v as Date).toISOString()).toBe('2016-04-01T00:00:00.000Z');
    expect([cell('D2')?.t, cell('D2')?.v, cell('D3')?.v]).toEqual(['b', true, false]);
    expect([cell('A3')?.t, cell('A3')?.v]).toEqual(['s', `'=HYPERLINK("x")`]);
    expect(cell('B3')).toBeUndefined();
    expect([cell('A4')?.v, cell('B4')?.v, cell('C4')?.v]).toEqual(["'-2+3", '2016-05-01', 1e21]);
    expect([cell('A5')?.v, cell('C5')]).toEqual(["'@SUM(A1)", undefined]);
    expect([cell('A7')?.v, cell('A8')?.v, cell('A9')?.v, cell('A10')?.v]).toEqual(["'\tTab", "'+44", "'\rCR", "'\0NUL"]);
    const formulas = Object.keys(sheet).filter((k) => !k.startsWith('!') && (sheet[k] as XLSX.CellObject).f !== undefined);
    expect(formulas).toEqual([]);
  });

  it('keeps sheet names Excel accepts', () => {
    expect(safeSheetName('A'.repeat(40))).toBe('A'.repeat(31));
    expect(safeSheetName("'[]'")).toBe('Data');
  });
});

describe('a chart’s data for export', () => {
  it('uses the result columns with their labels', () => {
    const spec = parseChartSpec({
      version: 1,
      source: { table: 't' },
      type: 'column',
      x: { field: 'month', grain: 'financial_year' },
      y: [{ field: 'cost_gbp', aggregate: 'sum', label: 'Cost' }],
    });
    const rows = [
      { month_financial_year: '2016/17', sum_cost_gbp: 1200.5 },
      { month_financial_year: '2017/18', sum_cost_gbp: -3 },
    ];
    expect(toCsv(chartExportTable(spec, rows))).toBe('\uFEFFFinancial year,Cost\r\n2016/17,1200.5\r\n2017/18,-3\r\n');
  });
});
