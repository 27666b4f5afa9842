import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describeTables } from '../../../src-shared/analysis/mapping';
import { buildChartOption } from '../../../src-shared/charts/build-chart-option';
import { chartExportTable } from '../../../src-shared/charts/chart-export';
import { describeSpecIssues, validateChartSpec, type ChartSpec } from '../../../src-shared/charts/chart-spec';
import { compileChartSql } from '../../../src-shared/charts/compile-chart-sql';
import { chartSpecFieldProblems } from '../../../src-shared/charts/spec-fields';
import { tableToRows, type PlainRow } from '../../../src-shared/engine/arrow-values';
import { toCsv, utf8Bytes } from '../../../src-shared/export/delimited';
import { toXlsx } from '../../../src-shared/export/xlsx';
import { disclosureNote, NO_DISCLOSURE, parseDisclosureRule, type DisclosureRule } from '../../../src-shared/export/disclosure';
import { countMeasureKeys, discloseChartRows, plottableRows } from '../../../src-shared/charts/chart-disclosure';
import { tableToJsonRows } from '../../../src-shared/format/plain-json';
import { atomicWriteFile } from '../../atomic-write';
import { renderChartSvg } from '../../../src-shared/charts/render-svg';
import { single, UsageError, type ParsedArgs } from '../args';
import { cliDatabase, type DatabaseScope } from '../database';
import { registerFiles } from '../register-files';
import type { CliIo } from '../run-cli';
import { importOptionsFromArgs } from './import-options';

export const CHART_USAGE =
  'chart <spec.chart.json> [--data <file>] [--out chart.svg] [--csv data.csv] [--xlsx data.xlsx] [--width N] [--height N] [--disclosure nhs|none|threshold=N] [--json] [--show-sql]';

/** Options of `chart` that take a value (register them with the CLI's parser). */
export const CHART_VALUE_OPTIONS = ['data', 'out', 'csv', 'xlsx', 'width', 'height', 'sheet', 'delimiter', 'disclosure'] as const;
/** Options of `chart` that take several values (`--data a.csv b.csv`). */
export const CHART_MULTI_VALUE_OPTIONS = ['data'] as const;

/** Read and validate a spec file; errors name the file and every problem on one line. */
export async function readChartSpecFile(file: string): Promise<ChartSpec> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new Error(`Chart spec not found: ${file}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(`Chart spec ${file} is not valid JSON: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const result = validateChartSpec(json);
  if (!result.ok) throw new Error(`Invalid chart spec ${file}: ${describeSpecIssues(result.issues)}`);
  return result.spec;
}

/** The data file: `--data` replaces the spec's source; else `source.path` relative to the spec file. */
export function chartDataFile(args: ParsedArgs, spec: ChartSpec, specFile: string): string {
  const given = args.options.get('data') ?? [];
  if (given.length > 1) throw new UsageError(`a chart reads one data source; --data was given ${given.length} files`);
  if (given[0] !== undefined) return given[0];
  if (spec.source.path === undefined) throw new UsageError(`${specFile} has no source.path: give the data file with --data <file>`);
  return path.resolve(path.dirname(specFile), spec.source.path);
}

function pixels(args: ParsedArgs, name: string, fallback: number): number {
  const text = single(args, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 200 || n > 4000) throw new UsageError(`--${name} must be a whole number of pixels from 200 to 4000, got "${text}"`);
  return n;
}

/** `--disclosure nhs|none|threshold=N`; none when not given. */
export function disclosureFromArgs(args: ParsedArgs): DisclosureRule {
  const text = single(args, 'disclosure');
  if (text === undefined) return NO_DISCLOSURE;
  try {
    return parseDisclosureRule(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export interface ChartRun {
  spec: ChartSpec;
  sql: string;
  rows: PlainRow[];
  option: Record<string, unknown>;
  svg: string;
}

/** `chart` with the engine supplied by `withEngine` (the CLI opens and closes one per run). */
export async function runChartWith(args: ParsedArgs, io: CliIo, withDatabase: DatabaseScope): Promise<ChartRun> {
  const specFile = args.positionals[0];
  if (specFile === undefined) throw new UsageError('chart needs a spec file (.chart.json)');
  if (args.positionals.length > 1) throw new UsageError('chart takes one spec file; give its data with --data <file>');
  const spec = await readChartSpecFile(specFile);
  const dataFile = chartDataFile(args, spec, specFile);
  try {
    await fs.access(dataFile);
  } catch {
    throw new Error(`Data file not found: ${dataFile}`);
  }
  const width = pixels(args, 'width', spec.format.width);
  const height = pixels(args, 'height', spec.format.height);

  const disclosure = disclosureFromArgs(args);
  const {
    sql,
    rows: queried,
    jsonRows,
    countKeys,
  } = await withDatabase(async ({ engine, importer }) => {
    const importOptions = { ...(spec.source.sheet !== undefined ? { sheet: spec.source.sheet } : {}), ...importOptionsFromArgs(args) };
    const [report] = await registerFiles(importer, [dataFile], importOptions);
    if (!report) throw new Error(`Nothing was imported from ${dataFile}`);
    for (const w of report.warnings) io.err(`warning: ${path.basename(dataFile)}: ${w}`);
    const [info] = await describeTables(engine, [report.table]);
    const problems = chartSpecFieldProblems(spec, report.table, info?.columns ?? []);
    if (problems.length > 0) throw new Error(`Chart spec ${specFile} does not fit ${dataFile}: ${problems.join('; ')}`);
    const compiled = compileChartSql(spec, { table: report.table, columns: info?.columns ?? [] });
    const result = await engine.query(compiled);
    return { sql: compiled, rows: tableToRows(result), jsonRows: tableToJsonRows(result), countKeys: countMeasureKeys(spec, info?.columns ?? []) };
  });

  // Disclosure control before anything leaves: the drawn chart, its labels and the data files.
  const rows = discloseChartRows(queried, countKeys, disclosure);
  const note = disclosureNote(disclosure);
  const drawnSpec = note === null ? spec : { ...spec, format: { ...spec.format, footnote: [spec.format.footnote, note].filter(Boolean).join('\n') } };
  const option = buildChartOption(drawnSpec, plottableRows(rows, countKeys), { width, height });
  const exportTable = { ...chartExportTable(spec, rows), ...(note === null ? {} : { notes: [note] }) };
  const svg = renderChartSvg(option, { width, height });

  if (args.flags.has('show-sql')) io.out(sql);
  const written: string[] = [];
  const out = single(args, 'out');
  if (out !== undefined) {
    await atomicWriteFile(out, svg);
    written.push(`${out} (${width}×${height})`);
  }
  const csv = single(args, 'csv');
  if (csv !== undefined) {
    await atomicWriteFile(csv, utf8Bytes(toCsv(exportTable)));
    written.push(`${csv} (${rows.length} rows)`);
  }
  const xlsx = single(args, 'xlsx');
  if (xlsx !== undefined) {
    await atomicWriteFile(xlsx, toXlsx(exportTable, { sheetName: spec.format.title ?? 'Chart data' }));
    written.push(`${xlsx} (${rows.length} rows)`);
  }
  if (args.flags.has('json')) io.out(JSON.stringify(disclosure.kind === 'none' ? jsonRows : discloseChartRows(jsonRows, countKeys, disclosure)));
  else if (out === undefined) io.out(svg);
  else io.out(`Wrote ${written.join(', ')}`);
  return { spec, sql, rows, option, svg };
}

/**
 * `chart`: render a chart spec to SVG headlessly. The spec's data source is
 * imported as the app imports it (or `--data` replaces it), the spec compiled
 * to SQL and run, the result built into an ECharts option and rendered by
 * ECharts' server-side SVG renderer. The chart's data can be written as CSV
 * (UTF-8 with BOM) or XLSX alongside. Without --out the SVG goes to stdout.
 */
export async function runChart(args: ParsedArgs, io: CliIo): Promise<void> {
  await runChartWith(args, io, cliDatabase(args, io));
}
