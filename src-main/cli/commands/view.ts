import { headlineText } from '../../../src-shared/analysis/headline';
import { describeTables, mappingProblems, suggestMapping } from '../../../src-shared/analysis/mapping';
import type { ViewSpec, ViewTemplate } from '../../../src-shared/analysis/view-types';
import { keyValues, UsageError, type ParsedArgs } from '../args';
import { cliDatabase } from '../database';
import { printImportWarnings, registerFiles } from '../register-files';
import type { CliIo } from '../run-cli';
import { importOptionsFromArgs } from './import-options';

export const VIEW_USAGE = 'view <template> --data <file...> [--map role=column ...] [--param key=value ...] [--json]';

/**
 * `view`: import the data files as the app does, map columns to the template's
 * roles (given with --map, else recognised or suggested from names), run the
 * template and print its JSON result (or a short text summary with its headline).
 */
export async function runViewWith(templates: readonly ViewTemplate[], args: ParsedArgs, io: CliIo): Promise<void> {
  const id = args.positionals[0];
  const template = templates.find((t) => t.id === id);
  if (!template) throw new UsageError(`view needs a template: ${templates.map((t) => t.id).join(', ')}`);
  const files = args.options.get('data') ?? [];
  if (files.length === 0) throw new UsageError('view needs --data <file...>');
  await cliDatabase(
    args,
    io,
  )(async ({ engine, importer }) => {
    const reports = await registerFiles(importer, files, importOptionsFromArgs(args));
    printImportWarnings(reports, io.err);
    const tables = reports.map((r) => r.table);
    const info = await describeTables(engine, tables);
    const aliases = template.roleAliases ?? {};
    const given = Object.fromEntries([...keyValues(args, 'map')].map(([role, column]) => [aliases[role] ?? role, column]));
    const mapping = suggestMapping(template.roles, info, { ...(template.recognise?.(info) ?? {}), ...given });
    const problems = [...mappingProblems(template.roles, info, mapping), ...(template.mappingGaps?.(mapping) ?? [])];
    if (problems.length) throw new Error(`${problems.join(' ')} Map columns with --map role=column.`);
    const params = template.parseParams(Object.fromEntries(keyValues(args, 'param')));
    const spec: ViewSpec = { template: template.id, tables, mapping, params };
    const result = await template.run(engine, spec);
    for (const w of result.warnings) io.err(`warning: ${w}`);
    if (args.flags.has('json')) {
      io.out(JSON.stringify(result.json));
      return;
    }
    io.out(`${result.title}`);
    const headline = template.headline?.(result) ?? null;
    if (headline) io.out(`  ${headlineText(headline)}`);
    for (const t of result.tables) io.out(`  ${t.title}: ${t.rows.length} rows`);
    io.out('Add --json for the full result.');
  });
}
