import { openNodeEngine } from '../../engine/node-duckdb';
import { formatTextTable } from '../../../src-shared/format/text-table';
import { tableToJsonRows } from '../../../src-shared/format/plain-json';
import { single, UsageError, type ParsedArgs } from '../args';
import type { CliIo } from '../run-cli';
import { registerFiles } from '../register-files';
import { importOptionsFromArgs } from './import-options';

export const QUERY_USAGE = 'query <file...> --sql "<SQL>" [--json] [--sheet NAME]';

/** `query`: register files as tables named after their stems, run SQL, print the result. */
export async function runQuery(args: ParsedArgs, io: CliIo): Promise<void> {
  const sql = single(args, 'sql');
  if (!sql) throw new UsageError('query needs --sql "<SQL>"');
  if (args.positionals.length === 0) throw new UsageError('query needs at least one file');
  const engine = await openNodeEngine();
  try {
    const reports = await registerFiles(engine, args.positionals, importOptionsFromArgs(args));
    for (const r of reports) for (const w of r.warnings) io.err(`warning: ${r.files[0]?.name}: ${w}`);
    const result = await engine.query(sql).catch((error: Error) => {
      throw withKeywordHint(error, reports.map((r) => r.table));
    });
    io.out(args.flags.has('json') ? JSON.stringify(tableToJsonRows(result)) : formatTextTable(result));
  } finally {
    await engine.close();
  }
}

/** A table named after a file can be an SQL keyword (`some.csv` → `some`): say how to quote it. */
function withKeywordHint(error: Error, tables: string[]): Error {
  const near = /at or near "([^"]+)"/.exec(error.message);
  const word = near?.[1];
  if (word && tables.some((t) => t.toLowerCase() === word.toLowerCase())) {
    return new Error(`${error.message.split('\n')[0]} — "${word}" is an SQL keyword, so write the table name in double quotes: "${word}"`);
  }
  return error;
}
