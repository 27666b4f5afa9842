import type { Engine, EngineKind } from '../../src-shared/engine/engine';
import { NativeEngine, type NativeEngineOptions } from './native-engine';
import { openNodeEngine } from './node-duckdb';

export interface OpenedEngine {
  engine: Engine;
  /** Set when native DuckDB was asked for but could not load, so the wasm engine runs instead: why. */
  fallbackReason?: string;
}

/**
 * Open the engine a node host asked for. Native DuckDB is the default; if its
 * library cannot load on this platform (a missing or incompatible binary), the
 * wasm engine runs instead and the reason is returned so the host can say so.
 */
export async function openEngine(kind: EngineKind = 'native', options: NativeEngineOptions = {}): Promise<OpenedEngine> {
  if (kind === 'wasm') return { engine: await openNodeEngine() };
  try {
    return { engine: await NativeEngine.open(options) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return { engine: await openNodeEngine(), fallbackReason: `native DuckDB could not start (${reason}); using DuckDB-Wasm` };
  }
}

/** One line naming the running engine, for `--verbose` and logs. */
export function describeEngine(engine: Engine): string {
  if (engine instanceof NativeEngine) return `engine: native DuckDB ${engine.version} (@duckdb/node-api)`;
  return 'engine: DuckDB-Wasm (duckdb-wasm in a worker thread)';
}
