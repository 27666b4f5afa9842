import type * as arrow from 'apache-arrow';

/**
 * A file the user chose, as the engine sees it: a name, a size and random
 * access to its bytes. The environment decides how DuckDB reads the bulk of it
 * (a path on disk in node, a browser File handle in the renderer), so a large
 * extract is never copied whole into JavaScript memory when the format allows.
 */
export interface FileSource {
  /** The file's own name, e.g. `ae.csv`. */
  readonly name: string;
  /** Size in bytes. */
  readonly size: number;
  /** Last-modified time in ms since the epoch, when known. */
  readonly lastModified?: number;
  /** Absolute path on disk, when the environment has one (node, Electron). */
  readonly path?: string;
  /** Read bytes [start, end) of the file. */
  read(start: number, end: number): Promise<Uint8Array>;
}

export interface QueryOptions {
  /** Aborting cancels the query in DuckDB and rejects with an AbortError. */
  signal?: AbortSignal;
}

/**
 * Which DuckDB runs underneath: `native` (the DuckDB library, in the desktop
 * app's engine process and the CLI) or `wasm` (duckdb-wasm, in the browser
 * and as the fallback).
 */
export type EngineKind = 'native' | 'wasm';

/** How the status bar and `--verbose` name an engine. */
export const ENGINE_KIND_LABELS: Readonly<Record<EngineKind, string>> = {
  native: 'native DuckDB',
  wasm: 'DuckDB-Wasm',
};

/**
 * The one way the product talks to a database. It only queries: importing is
 * a service over it (src-shared/import/import-service.ts). Results are Arrow
 * tables whose values are plain: numbers (never BigInt or DecimalBigNum),
 * strings, booleans, dates (epoch milliseconds in Date/Timestamp columns) or null.
 * Every engine is sandboxed (see ENGINE_SETUP_SQL): SQL reads only files
 * registered through it.
 */
export interface Engine {
  readonly kind: EngineKind;
  query(sql: string, opts?: QueryOptions): Promise<arrow.Table>;
  /** Statements that change the database; run in order. */
  exec(sql: string, opts?: QueryOptions): Promise<void>;
  /** Make a user's file readable by SQL; resolves to the path SQL reads it by. */
  registerFile(name: string, source: FileSource): Promise<string>;
  /** Make bytes readable by SQL as a file; resolves to the path SQL reads it by. */
  registerBuffer(name: string, bytes: Uint8Array): Promise<string>;
  /** Forget a registered file, by the path registerFile/registerBuffer gave. */
  dropFile(path: string): Promise<void>;
  loadArrow(table: string, data: arrow.Table): Promise<void>;
  close(): Promise<void>;
}

/** Error thrown when an operation was cancelled through its AbortSignal. */
export class AbortError extends Error {
  override readonly name = 'AbortError';
  constructor(message = 'The operation was cancelled') {
    super(message);
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AbortError();
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}
