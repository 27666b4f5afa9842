import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as duckdb from '@duckdb/duckdb-wasm';
import { DuckDbEngine } from '../../src-shared/engine/duckdb-engine';
import type { FileSource } from '../../src-shared/engine/engine';

/**
 * duckdb-wasm in node, for the CLI and tests: the same wasm engine the renderer
 * runs, hosted in a worker thread. duckdb-wasm's node worker expects the Web
 * Worker globals (`postMessage`, `onmessage`); the bootstrap provides them over
 * worker_threads and, once the engine is open, locks the worker's file system
 * (worker-bootstrap.cjs); the adapter below gives AsyncDuckDB the Web Worker API
 * it expects on this side.
 */

type Listener = (event: unknown) => void;

/** Messages for the worker's file-system sandbox (worker-bootstrap.cjs). */
type SandboxControl = { lock: true } | { allowRead: string } | { revokeRead: string };
const SANDBOX_CONTROL_KEY = '__workbenchSandboxControl';
const BOOTSTRAP = fileURLToPath(new URL('./worker-bootstrap.cjs', import.meta.url));

class WorkerThreadAdapter {
  private readonly worker: Worker;
  private readonly listeners = new Map<Listener, [string, (...args: unknown[]) => void]>();

  constructor(script: string) {
    this.worker = new Worker(BOOTSTRAP, { workerData: { script, controlKey: SANDBOX_CONTROL_KEY, debug: Boolean(process.env.WORKBENCH_DEBUG_DUCKDB) } });
    this.worker.unref();
  }

  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void {
    this.worker.postMessage(message, transfer as never);
  }

  /** A message for the bootstrap's file-system sandbox; ordered with duckdb-wasm's own messages. */
  control(message: SandboxControl): void {
    this.worker.postMessage({ [SANDBOX_CONTROL_KEY]: message });
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

/**
 * Open the wasm engine in node, sandboxed: DuckDB reads only registered files
 * and its settings are locked (ENGINE_SETUP_SQL), and the worker thread itself
 * can then open only the files registered with it, read-only, and write nothing.
 */
export async function openNodeEngine(): Promise<DuckDbEngine> {
  const dist = distDir();
  const worker = new WorkerThreadAdapter(path.join(dist, 'duckdb-node-eh.worker.cjs'));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker as unknown as globalThis.Worker);
  await db.instantiate(path.join(dist, 'duckdb-eh.wasm'));
  await db.open({
    query: { castBigIntToDouble: true, castDecimalToDouble: true },
    filesystem: { allowFullHTTPReads: false },
  });
  const diskPaths = new Map<string, string>();
  return DuckDbEngine.open({
    db: db,
    async registerFile(name: string, source: FileSource) {
      if (source.path) {
        worker.control({ allowRead: source.path });
        diskPaths.set(name, source.path);
        await db.registerFileURL(name, source.path, duckdb.DuckDBDataProtocol.NODE_FS, true);
      } else {
        await db.registerFileBuffer(name, await source.read(0, source.size));
      }
    },
    async dropFile(name: string) {
      await db.dropFile(name);
      const disk = diskPaths.get(name);
      if (disk !== undefined) {
        diskPaths.delete(name);
        if (![...diskPaths.values()].includes(disk)) worker.control({ revokeRead: disk });
      }
    },
    async lock() {
      worker.control({ lock: true });
    },
  });
}
