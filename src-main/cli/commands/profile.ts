import { profileTable } from '../../../src-shared/import/profile';
import { UsageError, type ParsedArgs } from '../args';
import type { CliIo } from '../run-cli';
import { cliDatabase } from '../database';
import { registerFiles } from '../register-files';
import { importOptionsFromArgs } from './import-options';

export const PROFILE_USAGE = 'profile <file> [--sheet NAME] [--json]';

/** `profile`: import a file as the app would and describe each column. */
export async function runProfile(args: ParsedArgs, io: CliIo): Promise<void> {
  if (args.positionals.length !== 1) throw new UsageError('profile needs exactly one file');
  await cliDatabase(
    args,
    io,
  )(async ({ engine, importer }) => {
    const [report] = await registerFiles(importer, args.positionals, importOptionsFromArgs(args));
    if (!report) throw new Error('Nothing was imported');
    const profile = await profileTable(engine, report.table, report);
    const result = {
      table: report.table,
      rows: profile.rows,
      columns: profile.columns.map((c) => ({
        name: c.name,
        type: c.type,
        nulls: c.nulls,
        suppressed: c.suppressed,
        notAvailable: c.notAvailable,
        notApplicable: c.notApplicable,
        distinct: c.distinct,
        min: c.min,
        max: c.max,
      })),
      settings: {
        encoding: report.settings.encoding,
        delimiter: report.settings.delimiter,
        headerRow: report.settings.headerRow,
        skippedLines: report.settings.skippedLines,
        ...(report.settings.sheet ? { sheet: report.settings.sheet, sheets: report.settings.sheets } : {}),
        footerLines: report.settings.footerLines,
      },
      warnings: report.warnings,
    };
    if (args.flags.has('json')) {
      io.out(JSON.stringify(result));
      return;
    }
    const lines = [`${result.table}: ${result.rows.toLocaleString('en-GB')} rows from ${report.files[0]?.name}`];
    for (const c of result.columns) {
      lines.push(
        `  ${c.name} (${c.type}): ${c.nulls} empty, ${c.suppressed} suppressed, ${c.notAvailable} not available, ${c.notApplicable} not applicable, ${c.distinct} distinct, min ${JSON.stringify(c.min)}, max ${JSON.stringify(c.max)}`,
      );
    }
    for (const w of result.warnings) lines.push(`  warning: ${w}`);
    io.out(lines.join('\n'));
  });
}
