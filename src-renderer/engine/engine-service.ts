import type * as arrow from 'apache-arrow';
import type { DuckDbEngine } from '../../src-shared/engine/duckdb-engine';
import type { QueryOptions } from '../../src-shared/engine/engine';
import { openBrowserEngine, type BrowserEngine, type BundleName } from './browser-engine';

/**
 * The renderer's single engine, opened once. Components never hold it: store
 * actions call `runQuery`, which also reports each query's time.
 */
let opening: Promise<BrowserEngine> | null = null;
const timingListeners = new Set<(ms: number, sql: string) => void>();

function bundlePreference(): 'auto' | BundleName {
  const value = new URLSearchParams(globalThis.location?.search ?? '').get('engine');
  return value === 'eh' || value === 'coi' ? value : 'eh';
}

export function openEngine(): Promise<BrowserEngine> {
  opening ??= openBrowserEngine(bundlePreference());
  return opening;
}

export async function getEngine(): Promise<DuckDbEngine> {
  return (await openEngine()).engine;
}

export function onQueryTimed(listener: (ms: number, sql: string) => void): () => void {
  timingListeners.add(listener);
  return () => timingListeners.delete(listener);
}

export async function runQuery(sql: string, opts?: QueryOptions): Promise<arrow.Table> {
  const engine = await getEngine();
  const started = performance.now();
  const result = await engine.query(sql, opts);
  const ms = performance.now() - started;
  for (const l of timingListeners) l(ms, sql);
  return result;
}
