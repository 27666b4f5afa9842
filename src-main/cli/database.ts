import { openNodeEngine } from '../engine/node-duckdb';
import type { DuckDbEngine } from '../../src-shared/engine/duckdb-engine';
import { createImportService, type ImportService } from '../../src-shared/import/import-service';

/** What a CLI command works with: the sandboxed engine, and the importer over it. */
export interface CliDatabase {
  engine: DuckDbEngine;
  importer: ImportService;
}

/** Runs a command's work with a database (a fresh node engine, or one a test shares). */
export type DatabaseScope = <T>(fn: (db: CliDatabase) => Promise<T>) => Promise<T>;

/** A fresh node engine for one command, closed afterwards. */
export const withNodeDatabase: DatabaseScope = async (fn) => {
  const engine = await openNodeEngine();
  try {
    return await fn({ engine, importer: createImportService(engine) });
  } finally {
    await engine.close();
  }
};
