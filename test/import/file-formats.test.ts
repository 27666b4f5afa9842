import * as XLSX from '@e965/xlsx';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../engine-under-test';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import { onlyFiles, resolveMountedPath, SAMPLE_DATA_EXTENSIONS, workbenchMounts } from '../../src-main/mounted-path';
import type { Engine } from '../../src-shared/engine/engine';
import { tableToJsonRows } from '../../src-shared/format/plain-json';
import {
  DATA_EXTENSION_PATTERN,
  DATA_FILE_ACCEPT,
  DATA_FILE_ENDINGS,
  DATA_FILE_EXTENSIONS,
  DATA_FILE_FORMATS,
  FILE_FORMATS,
  dataFileDialogFilters,
  formatFromFileName,
  stripDataExtension,
} from '../../src-shared/import/file-formats';
import { detectFormat } from '../../src-shared/import/format';
import { createImportService } from '../../src-shared/import/import-service';
import { ImportError, type FileFormat } from '../../src-shared/import/types';
import { quoteIdent, tableNameFromFileName } from '../../src-shared/sql/identifiers';
import { derivePattern, matchesPattern } from '../../src-shared/workbook/source-paths';
import { importOptionsSchema } from '../../src-shared/workbook/workbook-schema';

/**
 * The one registry of data-file formats (src-shared/import/file-formats.ts)
 * and everything that reads it: detection by name, table names, name patterns,
 * the Electron dialog, the browser's file input and the sample-data server.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/import');

/** Every extension the workbench opens, with the format it is read as. */
const EXPECTED: Record<string, FileFormat> = {
  csv: 'csv',
  tsv: 'csv',
  txt: 'csv',
  tab: 'csv',
  dat: 'csv',
  xlsx: 'xlsx',
  xlsm: 'xlsx',
  xls: 'xls',
  parquet: 'parquet',
  pq: 'parquet',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
};
const GZIP_READABLE = ['csv', 'tsv', 'txt', 'tab', 'dat', 'json', 'ndjson', 'jsonl'];

describe('the registry', () => {
  it('lists every extension once, each with its format', () => {
    expect([...DATA_FILE_EXTENSIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(new Set(DATA_FILE_EXTENSIONS).size).toBe(DATA_FILE_EXTENSIONS.length);
    for (const [extension, format] of Object.entries(EXPECTED)) {
      expect(formatFromFileName(`extract.${extension}`), extension).toMatchObject({ format, compression: 'none', extension });
      expect(formatFromFileName(`EXTRACT.${extension.toUpperCase()}`)?.format, extension).toBe(format);
    }
  });

  it('describes each FileFormat once, in the order schemas list them', () => {
    expect(FILE_FORMATS).toEqual(['csv', 'xlsx', 'xls', 'parquet', 'json', 'ndjson']);
    expect(DATA_FILE_FORMATS.map((f) => f.format)).toEqual(FILE_FORMATS);
    expect(DATA_FILE_FORMATS.filter((f) => f.gzip).map((f) => f.format)).toEqual(['csv', 'json', 'ndjson']);
    for (const f of DATA_FILE_FORMATS) expect(f.label, f.format).not.toBe('');
  });

  it('reads names: budget.xlsm is xlsx, extract.jsonl is ndjson, x.csv.gz is gzipped csv', () => {
    expect(formatFromFileName('budget.xlsm')).toMatchObject({ format: 'xlsx', compression: 'none', extension: 'xlsm' });
    expect(formatFromFileName('extract.jsonl')).toMatchObject({ format: 'ndjson', compression: 'none' });
    expect(formatFromFileName('x.csv.gz')).toMatchObject({ format: 'csv', compression: 'gzip', extension: 'csv' });
    expect(formatFromFileName('C:\\data\\A&E 2016-17.CSV.GZ')).toMatchObject({ format: 'csv', compression: 'gzip' });
    expect(formatFromFileName('/data.csv/notes.docx')).toBeNull();
    expect(formatFromFileName('data.gz')).toBeNull();
    expect(formatFromFileName('csv')).toBeNull();
    for (const extension of GZIP_READABLE) {
      const named = formatFromFileName(`a.${extension}.gz`);
      expect(named?.compression, extension).toBe('gzip');
      expect(named?.entry.gzip, extension).toBe(true);
    }
  });

  it('strips the data extension (and .gz) and nothing else', () => {
    expect(stripDataExtension('A&E 2016-17.csv.gz')).toBe('A&E 2016-17');
    expect(stripDataExtension('budget.xlsm')).toBe('budget');
    expect(stripDataExtension('Extract.JSONL')).toBe('Extract');
    expect(stripDataExtension('data.gz')).toBe('data');
    expect(stripDataExtension('notes.docx')).toBe('notes.docx');
    expect(stripDataExtension('v1.2.csv')).toBe('v1.2');
    expect(stripDataExtension('twice.csv.csv')).toBe('twice.csv');
    for (const extension of DATA_FILE_EXTENSIONS) {
      expect(stripDataExtension(`s.${extension}`), extension).toBe('s');
      expect(stripDataExtension(`s.${extension}.gz`), extension).toBe('s');
    }
    expect(DATA_EXTENSION_PATTERN.exec('budget-2016.xlsm.gz')?.[0]).toBe('.xlsm.gz');
  });
});

describe('detection by name (format.ts)', () => {
  const text = new TextEncoder().encode('a,b\n1,2\n');
  const gzipped = gzipSync(text);

  it('uses the registry for every extension, and still checks the first bytes', () => {
    for (const [extension, format] of Object.entries(EXPECTED)) {
      if (format === 'csv' || format === 'json' || format === 'ndjson') {
        expect(detectFormat(`x.${extension}`, text), extension).toEqual({ format, compression: 'none' });
        expect(detectFormat(`x.${extension}.gz`, gzipped), extension).toEqual({ format, compression: 'gzip' });
      }
    }
    expect(() => detectFormat('budget.xlsm', text)).toThrow('The file is named as an Excel workbook but is not one');
    expect(() => detectFormat('x.pq', text)).toThrow('The file is named .parquet but does not start with the Parquet signature');
    expect(detectFormat('notes.docx', new TextEncoder().encode('{"a":1}\n'))).toEqual({ format: 'ndjson', compression: 'none' });
  });

  it('explains a gzipped workbook or Parquet file rather than misreading it', () => {
    for (const name of ['budget.xlsm.gz', 'activity.parquet.gz']) {
      const error = (() => {
        try {
          detectFormat(name, gzipped);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error, name).toBeInstanceOf(ImportError);
      expect((error as ImportError).message, name).toMatch(/^The file is a gzip-compressed \.(xlsm|parquet) file, which cannot be read while compressed/);
    }
  });
});

describe('everything that lists data files reads the registry', () => {
  const withDots = [...DATA_FILE_EXTENSIONS, 'gz'].map((e) => `.${e}`);

  it('the Electron open dialog (the filters main.ts passes) offers every data extension', () => {
    const filters = dataFileDialogFilters();
    expect(filters[0]).toEqual({ name: 'Data files', extensions: [...DATA_FILE_EXTENSIONS, 'gz'] });
    expect(filters[0]!.extensions).toEqual(expect.arrayContaining(['csv', 'tsv', 'txt', 'xlsx', 'xlsm', 'xls', 'parquet', 'json', 'ndjson', 'jsonl', 'gz']));
    expect(filters.map((f) => f.name)).toEqual([
      'Data files',
      'CSV and delimited text',
      'Excel workbooks',
      'Excel 97–2003 workbooks',
      'Parquet',
      'JSON',
      'Newline-delimited JSON (NDJSON, JSON Lines)',
      'All files',
    ]);
    expect(filters[2]).toEqual({ name: 'Excel workbooks', extensions: ['xlsx', 'xlsm'] });
    expect(filters.at(-1)).toEqual({ name: 'All files', extensions: ['*'] });
    for (const f of filters) for (const e of f.extensions) expect(e, f.name).toMatch(/^(\*|[a-z0-9]+)$/);
  });

  it('the browser file input accepts the same extensions', () => {
    expect(DATA_FILE_ACCEPT).toBe('.csv,.tsv,.txt,.tab,.dat,.xlsx,.xlsm,.xls,.parquet,.pq,.json,.ndjson,.jsonl,.gz');
    expect(DATA_FILE_ACCEPT.split(',')).toEqual(withDots);
    expect(DATA_FILE_ACCEPT.split(',').map((e) => e.slice(1))).toEqual(dataFileDialogFilters()[0]!.extensions);
  });

  it('table names drop every registered extension, and only those', () => {
    expect(tableNameFromFileName('budget.xlsm')).toBe('budget');
    expect(tableNameFromFileName('/data/extract.jsonl')).toBe('extract');
    expect(tableNameFromFileName('A&E 2016-17.csv.gz')).toBe('a_e_2016_17');
    for (const extension of DATA_FILE_EXTENSIONS) expect(tableNameFromFileName(`Spend.${extension}`), extension).toBe('spend');
    // Not a data extension: kept, so the table says what was opened.
    expect(tableNameFromFileName('notes.docx')).toBe('notes_docx');
    expect(tableNameFromFileName('report.pdf')).toBe('report_pdf');
  });

  it('workbook name patterns treat .xlsm and .jsonl like the others', () => {
    expect(derivePattern('budget-2016-17.xlsm')).toBe('budget-*.xlsm');
    expect(derivePattern('extract_2024-01.jsonl')).toBe('extract_*.jsonl');
    expect(derivePattern('extract_2024-01.jsonl.gz')).toBe('extract_*.jsonl.gz');
    expect(derivePattern('budget-2016-17.xlsx')).toBe('budget-*.xlsx');
    expect(matchesPattern('budget-2017-18.xlsm', 'budget-*.xlsm')).toBe(true);
    expect(matchesPattern('budget-2017-18.xlsx', 'budget-*.xlsm')).toBe(false);
  });

  it('workbook import options accept exactly the FileFormat ids', () => {
    for (const format of FILE_FORMATS) expect(importOptionsSchema.safeParse({ format }).success, format).toBe(true);
    expect(importOptionsSchema.safeParse({ format: 'xlsm' }).success).toBe(false);
    expect(importOptionsSchema.safeParse({ format: 'jsonl' }).success).toBe(false);
  });

  it('browser mode serves every data file from sample-data, and no other .gz', () => {
    expect(SAMPLE_DATA_EXTENSIONS).toBe(DATA_FILE_ENDINGS);
    expect(DATA_FILE_ENDINGS).toEqual(expect.arrayContaining(['.json', '.xlsm', '.jsonl', '.csv.gz', '.jsonl.gz']));
    expect(DATA_FILE_ENDINGS).not.toContain('.gz');
    expect(DATA_FILE_ENDINGS).not.toContain('.xlsx.gz');
    const allow = onlyFiles(SAMPLE_DATA_EXTENSIONS, ['generator']);
    for (const name of ['budget.xlsm', 'extract.jsonl', 'dtoc/a.csv.gz', 'examples/board.workbook.json', 'activity.parquet'])
      expect(allow(name), name).toBe(true);
    for (const name of ['backup.tar.gz', 'README.md', 'notes.docx', 'generator/fixture.csv']) expect(allow(name), name).toBe(false);
    const mounts = workbenchMounts('/renderer', '/sample');
    expect(resolveMountedPath(mounts, '/sample-data/budget.xlsm')).toBe(path.join('/sample', 'budget.xlsm'));
    expect(resolveMountedPath(mounts, '/sample-data/backup.tar.gz')).toBeNull();
  });
});

// ---- no other lists of extensions ----

const EXTENSION_WORDS = [...DATA_FILE_EXTENSIONS, 'gz'].join('|');
/**
 * What a hard-coded list of data extensions looks like. Single format ids
 * (`'ndjson'` as a FileFormat), a `.json` workbook or `.parquet` snapshot file
 * name, and CLI option names such as `'csv', 'xlsx'` are not lists and pass.
 */
const DRIFT_RULES: { name: string; pattern: RegExp }[] = [
  // ['csv', 'tsv', 'txt'] or ['.csv', '.gz']: three quoted extensions in a row, or two with dots.
  {
    name: 'quoted list',
    pattern: new RegExp(
      `(['"\`])(${EXTENSION_WORDS})\\1(\\s*,\\s*(['"\`])(${EXTENSION_WORDS})\\4){2,}|(['"\`])\\.(${EXTENSION_WORDS})\\6\\s*,\\s*(['"\`])\\.(${EXTENSION_WORDS})\\8`,
    ),
  },
  // '.csv,.tsv' (an accept string).
  { name: 'joined list', pattern: new RegExp(`\\.(${EXTENSION_WORDS}),\\.(${EXTENSION_WORDS})\\b`) },
  // /\.(csv|tsv)$/ (a regex alternation).
  { name: 'regex alternation', pattern: new RegExp(`\\b(${EXTENSION_WORDS})\\|(${EXTENSION_WORDS})\\b`) },
  // '.xlsx' in endsWith() and the like: a data-only extension with its dot.
  { name: 'data extension', pattern: /(['"`])\.(csv|tsv|tab|dat|xlsx|xlsm|xls|pq|ndjson|jsonl)\1/ },
  // xlsm, jsonl and pq are extensions only, never format ids: they belong in the registry alone.
  { name: 'extension-only name', pattern: /(['"`])\.?(xlsm|jsonl|pq)\1/ },
];

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).replace(/(^|\s)\/\/.*$/gm, '$1');
}

function driftIn(source: string): string[] {
  const found: string[] = [];
  withoutComments(source)
    .split('\n')
    .forEach((line, i) => {
      for (const rule of DRIFT_RULES) {
        const m = rule.pattern.exec(line);
        if (m) found.push(`line ${i + 1}: ${rule.name} ${m[0]}`);
      }
    });
  return found;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) yield* sourceFiles(file);
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(entry)) yield file;
  }
}

describe('no second list of data extensions', () => {
  it('the rules catch the lists that drifted, and pass legitimate uses', () => {
    const drifted = [
      "filters: [{ name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'gz', 'xlsx'] }]",
      "const DATA_ACCEPT = '.csv,.tsv,.txt,.gz,.xlsx';",
      "const stem = base.replace(/(\\.(csv|tsv|txt|xlsx|gz))+$/i, '');",
      "format: z.enum(['csv', 'xlsx', 'xls', 'parquet', 'json', 'ndjson']).optional(),",
      "export const SAMPLE_DATA_EXTENSIONS = ['.csv', '.gz'];",
      "if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) return 'xlsx';",
      "if (lower.endsWith('.tsv')) return 'csv';",
      "const SPREADSHEET = new Set(['xlsm']);",
    ];
    for (const line of drifted) expect(driftIn(line), line).not.toEqual([]);
    const fine = [
      "if (settings.format === 'ndjson' || settings.format === 'json') return;",
      "export type FileFormat = 'csv' | 'xlsx' | 'xls' | 'parquet' | 'json' | 'ndjson';",
      "const VALUE_OPTIONS = new Set(['sql', 'out', 'csv', 'xlsx', 'width']);",
      "const save = async (kind: 'png' | 'svg' | 'csv' | 'xlsx') => {};",
      "input.accept = purpose === 'workbook' ? '.json' : DATA_ACCEPT;",
      "if (absolute.endsWith('.parquet')) await fs.rm(absolute);",
      "let fileName = `${stage}.csv${gzip ? '.gz' : ''}`;",
      "const MIME = { '.json': 'application/json', '.txt': 'text/plain' };",
      "'It may be a CSV file saved with an .xls/.xlsx name: rename it to .csv.'",
      '/** `.csv`, `.csv.gz`, `.xlsm` */',
      '// (csv|tsv) in a comment',
    ];
    for (const line of fine) expect(driftIn(line), line).toEqual([]);
  });

  it('no source file outside file-formats.ts lists data extensions', () => {
    const registry = path.join(ROOT, 'src-shared/import/file-formats.ts');
    expect(driftIn(readFileSync(registry, 'utf8'))).not.toEqual([]);
    const offenders: string[] = [];
    for (const dir of ['src-main', 'src-shared', 'src-renderer']) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        if (file === registry) continue;
        for (const hit of driftIn(readFileSync(file, 'utf8'))) offenders.push(`${path.relative(ROOT, file)} ${hit}`);
      }
    }
    expect(offenders, 'read these from src-shared/import/file-formats.ts instead').toEqual([]);
  });
});

// ---- an .xlsm file really imports ----

describe('importing by extension', () => {
  let engine: Engine;
  const temp = mkdtempSync(path.join(os.tmpdir(), 'file-formats-'));

  beforeAll(async () => {
    engine = await openTestEngine();
  });
  afterAll(async () => {
    await engine?.close();
  });

  async function load(table: string, file: string) {
    const report = await createImportService(engine).importFiles(table, [await nodeFileSource(file)]);
    const rows = tableToJsonRows(await engine.query(`SELECT * FROM ${quoteIdent(table)}`));
    return { report, rows, columns: report.columns.map((c) => [c.name, c.type]) };
  }

  it('reads an .xlsm copy of an .xlsx exactly as the .xlsx', async () => {
    const xlsm = path.join(temp, 'budget.xlsm');
    copyFileSync(path.join(FIXTURES, 'titled.xlsx'), xlsm);
    const original = await load('titled_xlsx', path.join(FIXTURES, 'titled.xlsx'));
    const copy = await load(tableNameFromFileName(xlsm), xlsm);
    expect(copy.report.settings.format).toBe('xlsx');
    expect(copy.rows).toEqual(original.rows);
    expect(copy.columns).toEqual(original.columns);
    expect(copy.report.rows).toBe(3);
    expect(copy.columns).toEqual([
      ['CCG Code', 'text'],
      ['Spend', 'number'],
      ['Date', 'date'],
      ['Share', 'number'],
    ]);
    expect(tableToJsonRows(await engine.query('SELECT COUNT(*) AS n FROM budget'))).toEqual([{ n: 3 }]);
  });

  it('reads a macro-enabled workbook (as Excel saves .xlsm) like the same book saved as .xlsx', async () => {
    const book = XLSX.read(readFileSync(path.join(FIXTURES, 'titled.xlsx')), { cellDates: true });
    const xlsm = path.join(temp, 'macro.xlsm');
    const xlsx = path.join(temp, 'plain.xlsx');
    writeFileSync(xlsm, XLSX.write(book, { type: 'buffer', bookType: 'xlsm' }) as Buffer);
    writeFileSync(xlsx, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const contentTypes = XLSX.CFB.find(XLSX.CFB.read(readFileSync(xlsm), { type: 'buffer' }), '[Content_Types].xml');
    expect(Buffer.from(contentTypes!.content as Uint8Array).toString()).toContain('macroEnabled');
    const macro = await load('macro', xlsm);
    const plain = await load('plain', xlsx);
    expect(macro.report.settings.format).toBe('xlsx');
    expect(macro.rows).toEqual(plain.rows);
    expect(macro.columns).toEqual(plain.columns);
    expect(macro.rows).toHaveLength(3);
  });

  it('reads .jsonl as NDJSON, like the .ndjson copy', async () => {
    const jsonl = path.join(temp, 'extract.jsonl');
    copyFileSync(path.join(FIXTURES, 'records.ndjson'), jsonl);
    const original = await load('records', path.join(FIXTURES, 'records.ndjson'));
    const copy = await load(tableNameFromFileName(jsonl), jsonl);
    expect(copy.report.settings.format).toBe('ndjson');
    expect(copy.rows).toEqual(original.rows);
    expect(copy.columns).toEqual(original.columns);
    expect(copy.rows.length).toBeGreaterThan(0);
  });
});
