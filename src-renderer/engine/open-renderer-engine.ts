import type { Engine } from '../../src-shared/engine/engine';
import type { EngineInfo } from '../../src-shared/session';
import type { WorkbenchPlatform } from '../platform/types';
import { openBrowserEngine, type BundleName } from './browser-engine';
import { connectNativeEngine, windowPortSource, type NativeHooks } from './native-connection';

/**
 * The window's engine. In the desktop app: native DuckDB in the engine
 * process, unless the settings chose DuckDB-Wasm or native DuckDB cannot run
 * here — then DuckDB-Wasm in a Web Worker, with the reason shown in the status
 * bar. In the browser: DuckDB-Wasm.
 */
export async function openRendererEngine(
  platform: WorkbenchPlatform,
  hooks: NativeHooks,
  bundle: 'auto' | BundleName,
): Promise<{ engine: Engine; info: EngineInfo }> {
  let note: string | undefined;
  if (platform.engineApi) {
    try {
      const connection = await connectNativeEngine(platform.engineApi, windowPortSource, hooks);
      if ('engine' in connection) return connection;
      note = connection.wasmReason;
    } catch (error) {
      note = `native DuckDB could not be reached (${error instanceof Error ? error.message : String(error)}); using DuckDB-Wasm`;
    }
  }
  const opened = await openBrowserEngine(bundle);
  return { engine: opened.engine, info: { kind: 'wasm', bundle: opened.bundle, version: opened.version, threads: opened.threads, ...(note ? { note } : {}) } };
}
