import * as arrow from 'apache-arrow';
import { quoteIdent } from '../sql/identifiers';
import { normaliseTable } from './arrow-values';
import { toQueryError } from './errors';
import { AbortError, throwIfAborted, type Engine, type FileSource, type QueryOptions } from './engine';
import { engineSetupSql, registeredFileName } from './sandbox';

/**
 * The parts of duckdb-wasm's AsyncDuckDB this project uses, described
 * structurally so that only the two environment adapters (renderer and node)
 * import duckdb-wasm itself. Results cross as Arrow IPC bytes and are decoded
 * with this project's apache-arrow, so tables never mix two Arrow instances
 * (in node, duckdb-wasm's CommonJS build loads a different copy of Arrow's
 * classes than ES modules do).
 */
export interface DuckDbPort {
  connectInternal(): Promise<number>;
  disconnect(conn: number): Promise<void>;
  runQuery(conn: number, sql: string): Promise<Uint8Array>;
  startPendingQuery(conn: number, sql: string, allowStreamResult?: boolean): Promise<Uint8Array | null>;
  pollPendingQuery(conn: number): Promise<Uint8Array | null>;
  cancelPendingQuery(conn: number): Promise<boolean>;
  fetchQueryResults(conn: number): Promise<Uint8Array | null>;
  insertArrowFromIPCStream(conn: number, buffer: Uint8Array, options: { name: string; create?: boolean }): Promise<void>;
  registerFileBuffer(name: string, buffer: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<unknown>;
  terminate(): Promise<void>;
}

/** What an environment supplies: the database, and how to expose a user's file to it. */
export interface DuckDbEnvironment {
  db: DuckDbPort;
  /** Make `source` readable by DuckDB under `name` (a path inside REGISTERED_FILES_DIR). */
  registerFile(name: string, source: FileSource): Promise<void>;
  /** Forget a file registered under `name` (buffers and files alike). */
  dropFile(name: string): Promise<void>;
  /** Called once after the sandbox settings are applied (the node host then locks its file system). */
  lock?(): Promise<void>;
}

/**
 * The one folder duckdb-wasm may read: a virtual prefix under which the
 * importer registers the files the user chose. It names no real folder;
 * nothing else on the machine is reachable from SQL.
 */
export const REGISTERED_FILES_DIR = '/__workbench_registered__/';

/** The sandbox settings of the wasm engine (see engineSetupSql). */
export const ENGINE_SETUP_SQL = engineSetupSql(REGISTERED_FILES_DIR);

/** The name duckdb-wasm reads a registered file by: `ae.csv` → `/__workbench_registered__/ae.csv`. */
export function registeredPath(name: string): string {
  return `${REGISTERED_FILES_DIR}${registeredFileName(name)}`;
}

function concat(parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * The Engine over duckdb-wasm: one connection for statements that change the
 * database (run in order), and a pool of connections for queries so that each
 * can be cancelled on its own.
 */
export class DuckDbEngine implements Engine {
  readonly kind = 'wasm' as const;
  private readonly idle: number[] = [];
  private closed = false;
  private serial: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly env: DuckDbEnvironment,
    private readonly main: number,
  ) {}

  static async open(env: DuckDbEnvironment): Promise<DuckDbEngine> {
    const main = await env.db.connectInternal();
    for (const sql of ENGINE_SETUP_SQL) await env.db.runQuery(main, sql);
    await env.lock?.();
    return new DuckDbEngine(env, main);
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error('The engine has been closed');
  }

  private async acquire(): Promise<number> {
    return this.idle.pop() ?? this.env.db.connectInternal();
  }

  private release(conn: number): void {
    if (this.closed || this.idle.length >= 4) void this.env.db.disconnect(conn).catch(() => undefined);
    else this.idle.push(conn);
  }

  /** Run one statement on `conn` as a pending query that `signal` can cancel; returns the result as IPC bytes. */
  private async runCancellable(conn: number, sql: string, signal?: AbortSignal): Promise<Uint8Array> {
    throwIfAborted(signal);
    const db = this.env.db;
    let cancelled = false;
    const onAbort = () => {
      cancelled = true;
      void db.cancelPendingQuery(conn).catch(() => undefined);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let header = await db.startPendingQuery(conn, sql, true);
      while (header === null) {
        if (cancelled) throw new AbortError('The query was cancelled');
        header = await db.pollPendingQuery(conn);
      }
      const parts = [header];
      for (;;) {
        if (cancelled) throw new AbortError('The query was cancelled');
        const chunk = await db.fetchQueryResults(conn);
        if (chunk === null) continue;
        if (chunk.length === 0) break;
        parts.push(chunk);
      }
      return concat(parts);
    } catch (error) {
      if (cancelled || signal?.aborted) throw new AbortError('The query was cancelled');
      throw toQueryError(error, sql);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Run one statement and return its result, cancellable through `signal`. */
  async query(sql: string, opts: QueryOptions = {}): Promise<arrow.Table> {
    this.ensureOpen();
    throwIfAborted(opts.signal);
    const conn = await this.acquire();
    try {
      return normaliseTable(arrow.tableFromIPC(await this.runCancellable(conn, sql, opts.signal)));
    } finally {
      this.release(conn);
    }
  }

  private onMain<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    this.ensureOpen();
    throwIfAborted(signal);
    const run = this.serial.then(() => {
      throwIfAborted(signal);
      return work();
    });
    this.serial = run.catch(() => undefined);
    return run;
  }

  /**
   * Run statements in order on the main connection. With a `signal`, `sql` must
   * be one statement and can be cancelled while it runs; without one, several
   * statements separated by `;` are allowed.
   */
  async exec(sql: string, opts: QueryOptions = {}): Promise<void> {
    const { signal } = opts;
    await this.onMain(async () => {
      if (signal) return this.runCancellable(this.main, sql, signal);
      try {
        return await this.env.db.runQuery(this.main, sql);
      } catch (error) {
        throw toQueryError(error, sql);
      }
    }, signal);
  }

  async loadArrow(table: string, data: arrow.Table): Promise<void> {
    await this.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    const ipc = arrow.tableToIPC(data, 'stream');
    await this.onMain(() => this.env.db.insertArrowFromIPCStream(this.main, ipc, { name: table, create: true }));
  }

  /** Make a user's file readable by SQL; returns the path to read it by. */
  async registerFile(name: string, source: FileSource): Promise<string> {
    this.ensureOpen();
    const path = registeredPath(name);
    await this.env.registerFile(path, source);
    return path;
  }

  /** Make bytes readable by SQL as a file; returns the path to read it by. */
  async registerBuffer(name: string, bytes: Uint8Array): Promise<string> {
    this.ensureOpen();
    const path = registeredPath(name);
    await this.env.db.registerFileBuffer(path, bytes);
    return path;
  }

  async dropFile(path: string): Promise<void> {
    await this.env.dropFile(path);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const db = this.env.db;
    await Promise.allSettled([db.disconnect(this.main), ...this.idle.map((c) => db.disconnect(c))]);
    await db.terminate();
  }
}
