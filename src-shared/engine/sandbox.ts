import { quoteLiteral } from '../sql/identifiers';

/**
 * The engine sandbox, shared by both engines (duckdb-wasm and native DuckDB):
 * what DuckDB is told when it opens, and which kinds of statement may run.
 * See test/security/engine-sandbox.test.ts, which runs against both.
 */

/**
 * Settings applied once when an engine opens, in this order, before any other
 * SQL: no extension is installed or loaded (offline they would hang), external
 * access is off except for the one folder of registered files, and the
 * configuration is then locked so no later statement can undo any of it.
 * `before` are engine-specific settings (the native engine's spill folder and
 * time zone) that must be set before the lock.
 */
export function engineSetupSql(registeredDir: string, before: readonly string[] = []): string[] {
  return [
    'SET autoinstall_known_extensions = false',
    'SET autoload_known_extensions = false',
    'SET allow_community_extensions = false',
    'SET allow_unsigned_extensions = false',
    ...before,
    `SET allowed_directories = [${quoteLiteral(registeredDir)}]`,
    'SET enable_external_access = false',
    'SET lock_configuration = true',
  ];
}

/** A registered file's name inside the registered folder: `a/b.csv` → `a_b.csv`. */
export function registeredFileName(name: string): string {
  return name.replace(/[\\/]/g, '_');
}

/**
 * The kinds of statement the app itself runs (queries, building and dropping
 * its own tables, transactions). Everything else — COPY, EXPORT, ATTACH,
 * DETACH, LOAD/INSTALL, SET/RESET, CALL, PRAGMA-as-call, VACUUM — is refused
 * by an engine that can classify statements with DuckDB's own parser (the
 * native engine), because those are the statements that write files, reach
 * other databases or change settings. In duckdb-wasm the same statements fail
 * on the worker's read-only file system instead.
 */
export const ALLOWED_STATEMENT_TYPES: ReadonlySet<string> = new Set([
  'SELECT',
  'EXPLAIN',
  'CREATE',
  'DROP',
  'INSERT',
  'UPDATE',
  'DELETE',
  'ALTER',
  'TRANSACTION',
]);

/** The message for a refused statement: what, and why. */
export function refusedStatementMessage(statementType: string): string {
  return `Refused by the workbench engine sandbox: ${statementType} statements are not allowed (the engine reads the files you opened and writes nothing).`;
}
