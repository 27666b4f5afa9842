import type { Engine, EngineKind } from '../../src-shared/engine/engine';
import { createImportService, type ImportService } from '../../src-shared/import/import-service';
import { describeEngine, openEngine } from '../engine/open-engine';
import { single, UsageError, type ParsedArgs } from './args';
import type { CliIo } from './run-cli';

/** What a CLI command works with: the sandboxed engine, and the importer over it. */
export interface CliDatabase {
  engine: Engine;
  importer: ImportService;
}

/** Runs a command's work with a database (a fresh engine, or one a test shares). */
export type DatabaseScope = <T>(fn: (db: CliDatabase) => Promise<T>) => Promise<T>;

export const ENGINE_USAGE = '[--engine native|wasm] [--verbose]';

/** `--engine native|wasm` (native by default). */
export function engineKindOf(args: ParsedArgs): EngineKind {
  const kind = single(args, 'engine') ?? 'native';
  if (kind !== 'native' && kind !== 'wasm') throw new UsageError(`--engine must be native or wasm, not "${kind}"`);
  return kind;
}

/**
 * A fresh engine for one command, closed afterwards: native DuckDB unless
 * `--engine wasm`; `--verbose` names the engine on stderr, and a fall-back to
 * wasm (native library unavailable) is always reported.
 */
export function cliDatabase(args: ParsedArgs, io: CliIo): DatabaseScope {
  const kind = engineKindOf(args);
  return async (fn) => {
    const { engine, fallbackReason } = await openEngine(kind);
    if (fallbackReason) io.err(`note: ${fallbackReason}`);
    if (args.flags.has('verbose')) io.err(describeEngine(engine));
    try {
      return await fn({ engine, importer: createImportService(engine) });
    } finally {
      await engine.close();
    }
  };
}
