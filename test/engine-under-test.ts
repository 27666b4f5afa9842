import { openNodeEngine } from '../src-main/engine/node-duckdb';
import { NativeEngine } from '../src-main/engine/native-engine';
import { REGISTERED_FILES_DIR } from '../src-shared/engine/duckdb-engine';
import type { Engine, EngineKind } from '../src-shared/engine/engine';

/**
 * The engine a test file runs against. The engine-level, importer, chart,
 * view, workbook and security suites run twice in `npm test`: once on
 * duckdb-wasm (the default project) and once on native DuckDB (the `native`
 * project in vitest.config.ts sets WORKBENCH_TEST_ENGINE=native), so one
 * behaviour is proved on both engines.
 */
export const ENGINE_UNDER_TEST: EngineKind = process.env.WORKBENCH_TEST_ENGINE === 'native' ? 'native' : 'wasm';

export async function openTestEngine(): Promise<Engine> {
  return ENGINE_UNDER_TEST === 'native' ? NativeEngine.open() : openNodeEngine();
}

/** The one folder the engine's SQL may read (with a trailing separator). */
export function registeredDirOf(engine: Engine): string {
  return engine instanceof NativeEngine ? engine.registeredDir : REGISTERED_FILES_DIR;
}
