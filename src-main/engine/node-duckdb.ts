import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import * as duckdb from '@duckdb/duckdb-wasm';
import { DuckDbEngine, type DuckDbPort } from '../../src-shared/engine/duckdb-engine';
import type { FileSource } from '../../src-shared/engine/engine';

/**
 * duckdb-wasm in node, for the CLI and tests: the same wasm engine the renderer
 * runs, hosted in a worker thread. duckdb-wasm's node worker expects the Web
 * Worker globals (`postMessage`, `onmessage`); this bootstrap provides them over
 * worker_threads, and the adapter below gives AsyncDuckDB the Web Worker API it
 * expects on this side.
 */
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
parentPort.on('message', (data) => { if (globalThis.onmessage) globalThis.onmessage({ data }); });
if (!workerData.debug) { console.log = () => {}; console.error = () => {}; console.warn = () => {}; }
require(workerData.script);
`;

type Listener = (event: unknown) => void;

class WorkerThreadAdapter {
  private readonly worker: Worker;
  private readonly listeners = new Map<Listener, [string, (...args: unknown[]) => void]>();

  constructor(script: string) {
    this.worker = new Worker(BOOTSTRAP, { eval: true, workerData: { script, debug: Boolean(process.env.WORKBENCH_DEBUG_DUCKDB) } });
    this.worker.unref();
  }

  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void {
    this.worker.postMessage(message, transfer as never);
  }

  addEventListener(type: string, listener: Listener): void {
    const nodeEvent = type === 'close' ? 'exit' : type;
    const handler = type === 'message' ? (data: unknown) => listener({ data }) : (arg: unknown) => listener(arg);
    this.listeners.set(listener, [nodeEvent, handler]);
    this.worker.on(nodeEvent, handler);
  }

  removeEventListener(_type: string, listener: Listener): void {
    const entry = this.listeners.get(listener);
    if (!entry) return;
    this.worker.off(entry[0], entry[1]);
    this.listeners.delete(listener);
  }

  terminate(): void {
    void this.worker.terminate();
  }
}

const require = createRequire(import.meta.url);

function distDir(): string {
  return path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-eh.worker.cjs'));
}

/** Open the wasm engine in node. Extension autoload is off: nothing is fetched. */
export async function openNodeEngine(): Promise<DuckDbEngine> {
  const dist = distDir();
  const worker = new WorkerThreadAdapter(path.join(dist, 'duckdb-node-eh.worker.cjs'));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker as unknown as globalThis.Worker);
  await db.instantiate(path.join(dist, 'duckdb-eh.wasm'));
  await db.open({
    query: { castBigIntToDouble: true, castDecimalToDouble: true },
    filesystem: { allowFullHTTPReads: false },
  });
  return DuckDbEngine.open({
    db: db as unknown as DuckDbPort,
    async registerFile(name: string, source: FileSource) {
      if (source.path) {
        await db.registerFileURL(name, source.path, duckdb.DuckDBDataProtocol.NODE_FS, true);
      } else {
        await db.registerFileBuffer(name, await source.read(0, source.size));
      }
    },
  });
}
