import { formatTextTable } from '../../../src-shared/format/text-table';
import type { Engine } from '../../../src-shared/engine/engine';
import { queryUserSql } from '../../../src-shared/engine/sql-gate';
import { tableToJsonRows } from '../../../src-shared/format/plain-json';
import { quoteLiteral } from '../../../src-shared/sql/identifiers';
import { quoteKeywordTables } from '../../../src-shared/sql/keyword-tables';
import { single, UsageError, type ParsedArgs } from '../args';
import type { CliIo } from '../run-cli';
import { cliDatabase } from '../database';
import { printImportWarnings, registerFiles } from '../register-files';
import { importOptionsFromArgs } from './import-options';

export const QUERY_USAGE = 'query <file...> --sql "<SQL>" [--json] [--sheet NAME]';

/** `query`: register files as tables named after their stems, run one SELECT through the SQL gate, print the result. */
export async function runQuery(args: ParsedArgs, io: CliIo): Promise<void> {
  const sql = single(args, 'sql');
  if (!sql) throw new UsageError('query needs --sql "<SQL>"');
  if (args.positionals.length === 0) throw new UsageError('query needs at least one file');
  await cliDatabase(
    args,
    io,
  )(async ({ engine, importer }) => {
    const reports = await registerFiles(importer, args.positionals, importOptionsFromArgs(args));
    printImportWarnings(reports, io.err);
    const tables = reports.map((r) => r.table);
    const result = await queryUserSql(engine, sql).catch(async (error: Error) => {
      // `FROM some` (a table named after some.csv) does not parse: quote keyword table names and try once more.
      const retry = isParserError(error) ? quoteKeywordTables(sql, await reservedWords(engine, tables)) : null;
      if (!retry?.quoted.length) throw withKeywordHint(error, tables);
      // A parser error again: explain quoting; any other error (a missing column, say) is the real problem.
      const rows = await queryUserSql(engine, retry.sql).catch((retryError: Error) => {
        throw isParserError(retryError) ? withKeywordHint(error, tables) : retryError;
      });
      io.err(
        `note: ${retry.quoted.map((t) => `"${t}"`).join(', ')} ${retry.quoted.length === 1 ? 'is an SQL keyword, read as a table name' : 'are SQL keywords, read as table names'}`,
      );
      return rows;
    });
    io.out(args.flags.has('json') ? JSON.stringify(tableToJsonRows(result)) : formatTextTable(result));
  });
}

function isParserError(error: Error): boolean {
  return /^Parser Error/i.test(error.message);
}

/** Which of `tables` DuckDB reserves as keywords. */
async function reservedWords(engine: Engine, tables: string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const list = tables.map((t) => quoteLiteral(t.toLowerCase())).join(', ');
  const rows = tableToJsonRows(
    await engine.query(`SELECT keyword_name AS k FROM duckdb_keywords() WHERE keyword_category = 'reserved' AND lower(keyword_name) IN (${list})`),
  );
  const reserved = new Set(rows.map((r) => String(r.k).toLowerCase()));
  return tables.filter((t) => reserved.has(t.toLowerCase()));
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
