import * as duckdb from '@duckdb/duckdb-wasm';
import coiPthreadUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import coiWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import ehWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import coiWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import ehWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import { DuckDbEngine } from '../../src-shared/engine/duckdb-engine';
import type { FileSource } from '../../src-shared/engine/engine';
import type { PickedFile } from '../platform/types';

/**
 * duckdb-wasm in a Web Worker. Bundles are served by the app itself (Vite
 * copies them into the build), never fetched from a CDN. This is the only
 * renderer module that imports duckdb-wasm.
 */
export type BundleName = 'eh' | 'coi';

export interface BrowserEngine {
  engine: DuckDbEngine;
  bundle: BundleName;
  version: string;
  /** DuckDB's worker threads (1 for `eh`; the machine's cores for `coi`). */
  threads: number;
}

/**
 * The threaded `coi` bundle needs cross-origin isolation (the app sets
 * COOP/COEP) and can only read files copied into memory; `eh` reads files
 * lazily from their handles. `auto` picks coi when isolated.
 */
export function chooseBundle(preference: 'auto' | BundleName, isolated: boolean): BundleName {
  if (preference === 'coi') return isolated ? 'coi' : 'eh';
  if (preference === 'eh') return 'eh';
  return isolated ? 'coi' : 'eh';
}

function absolute(url: string): string {
  return new URL(url, document.baseURI).href;
}

export async function openBrowserEngine(preference: 'auto' | BundleName = 'auto'): Promise<BrowserEngine> {
  const bundle = chooseBundle(preference, globalThis.crossOriginIsolated === true);
  // Marks for the browser benchmark's start-up figures (performance.getEntriesByType('mark')).
  performance.mark('engine:start');
  const worker = new Worker(absolute(bundle === 'coi' ? coiWorkerUrl : ehWorkerUrl));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(absolute(bundle === 'coi' ? coiWasmUrl : ehWasmUrl), bundle === 'coi' ? absolute(coiPthreadUrl) : null);
  performance.mark('engine:instantiated');
  await db.open({
    query: { castBigIntToDouble: true, castDecimalToDouble: true },
    filesystem: { allowFullHTTPReads: false },
    ...(bundle === 'coi' ? { maximumThreads: Math.max(1, navigator.hardwareConcurrency || 1) } : {}),
  });
  performance.mark('engine:db-open');
  const engine = await DuckDbEngine.open({
    db: db,
    async registerFile(name: string, source: FileSource) {
      const picked = source as PickedFile;
      if (picked.toBlob && bundle === 'eh') {
        await db.registerFileHandle(name, await picked.toBlob(), duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
      } else {
        await db.registerFileBuffer(name, await source.read(0, source.size));
      }
    },
    async dropFile(name: string) {
      await db.dropFile(name);
    },
  });
  const threads = Number((await engine.query("SELECT current_setting('threads') AS n")).get(0)?.toJSON().n ?? 1);
  return { engine, bundle, version: await db.getVersion(), threads };
}
