import { writeFileSync } from 'node:fs';
import { describeTables } from '../../../src-shared/analysis/mapping';
import { toCsv } from '../../../src-shared/export/delimited';
import { toXlsx } from '../../../src-shared/export/xlsx';
import { formatRows } from '../../../src-shared/format/text-table';
import { tableToJsonRows } from '../../../src-shared/format/plain-json';
import { buildPivot, compilePivotSql, parsePivotField, pivotExportTable, splitTopLevel, type PivotSpec } from '../../../src-shared/pivot/pivot';
import { single, UsageError, type ParsedArgs } from '../args';
import type { CliIo } from '../run-cli';
import { cliDatabase } from '../database';
import { printImportWarnings, registerFiles } from '../register-files';
import { importOptionsFromArgs } from './import-options';

export const PIVOT_USAGE =
  'pivot <file...> --rows COL[,COL] [--cols COL[:month|quarter|fy|year]] --values "sum(COL)"[,…] [--json|--xlsx out.xlsx|--csv out.csv]';
export const PIVOT_VALUE_OPTIONS = ['rows', 'cols', 'values'] as const;

/** `pivot`: import the file(s), pivot the first table, print it as text or JSON, or write CSV/XLSX. */
export async function runPivot(args: ParsedArgs, io: CliIo): Promise<void> {
  if (args.positionals.length === 0) throw new UsageError('pivot needs a file');
  const values = single(args, 'values');
  if (!values) throw new UsageError('pivot needs --values, e.g. --values "sum(activity)"');
  const rows = single(args, 'rows');
  const cols = single(args, 'cols');
  if (!rows && !cols) throw new UsageError('pivot needs --rows or --cols');
  await cliDatabase(
    args,
    io,
  )(async ({ engine, importer }) => {
    const reports = await registerFiles(importer, args.positionals, importOptionsFromArgs(args));
    printImportWarnings(reports, io.err);
    const table = reports[0]!.table;
    const spec: PivotSpec = {
      table,
      rows: rows ? splitTopLevel(rows).map(parsePivotField) : [],
      ...(cols ? { column: parsePivotField(cols) } : {}),
      values: splitTopLevel(values).map((expr) => ({ expr })),
    };
    const [info] = await describeTables(engine, [table]);
    const columns = info?.columns ?? [];
    for (const d of [...spec.rows, ...(spec.column ? [spec.column] : [])])
      if (!columns.some((c) => c.name === d.field))
        throw new Error(`Table "${table}" has no column "${d.field}" (columns: ${columns.map((c) => c.name).join(', ')})`);
    const result = buildPivot(spec, tableToJsonRows(await engine.query(compilePivotSql(spec, columns))));
    const csv = single(args, 'csv');
    const xlsx = single(args, 'xlsx');
    if (csv) writeFileSync(csv, toCsv(pivotExportTable(result)));
    if (xlsx) writeFileSync(xlsx, toXlsx(pivotExportTable(result), { sheetName: 'Pivot' }));
    if (args.flags.has('json'))
      io.out(
        JSON.stringify({
          rowFields: result.rowFields,
          columnKeys: result.columnKeys,
          rows: result.rows,
          columnTotals: result.columnTotals,
          grandTotal: result.grandTotal,
        }),
      );
    else if (csv || xlsx)
      io.out(`Wrote ${[csv, xlsx].filter(Boolean).join(' and ')} (${result.rows.length} rows × ${result.columnKeys.length} columns and totals)`);
    else {
      const flat = pivotExportTable(result);
      io.out(
        formatRows(
          flat.columns.map((c, i) => ({ name: c.label, key: c.key, numeric: i >= result.rowFields.length })),
          flat.rows,
        ),
      );
    }
  });
}
