import type * as arrow from 'apache-arrow';
import { isAbortError, type Engine, type QueryOptions } from '../engine/engine';

/**
 * The session's query coordinator (the role Mosaic's coordinator plays): every
 * client that shows query results — a chart, a view, a page of the data grid,
 * a filter's value list, the import preview — asks through here, by a client
 * key. One place handles, for all of them:
 *
 * - pending → result or error, reported to the client's listener;
 * - latest request wins: a new request from the same client cancels the one
 *   still running (its AbortSignal fires, DuckDB interrupts it) and the
 *   superseded result is never reported;
 * - a result cache for single queries marked cacheable, keyed by SQL and
 *   emptied whenever the data changes (`invalidate`);
 * - query timing, for the status bar.
 */

export type RequestState<T> = { status: 'pending' } | { status: 'ready'; value: T } | { status: 'error'; message: string };

/** What a piece of work gets: the engine's queries (timed) and the signal that cancels it. */
export interface WorkContext {
  query(sql: string): Promise<arrow.Table>;
  signal: AbortSignal;
}

export interface CoordinatorOptions {
  /** Called after every query with its duration. */
  onQueryTimed?: (ms: number, sql: string) => void;
  now?: () => number;
  /** Most cached results kept (oldest dropped first). */
  cacheLimit?: number;
}

export class QueryCoordinator {
  private readonly running = new Map<string, AbortController>();
  private readonly cache = new Map<string, CacheEntry>();
  private readonly idle = new Set<() => void>();
  private dataVersion = 0;

  constructor(
    private readonly engine: () => Promise<Engine>,
    private readonly options: CoordinatorOptions = {},
  ) {}

  private async timedQuery(sql: string, opts: QueryOptions): Promise<arrow.Table> {
    const engine = await this.engine();
    const now = this.options.now ?? (() => Date.now());
    const started = now();
    const table = await engine.query(sql, opts);
    this.options.onQueryTimed?.(now() - started, sql);
    return table;
  }

  /**
   * A query whose result is reused until the data changes. Clients asking for
   * the same SQL share one run; it is cancelled in DuckDB only when every
   * client waiting for it has given up.
   */
  cachedQuery(sql: string, signal: AbortSignal): Promise<arrow.Table> {
    const key = `${this.dataVersion}\u0000${sql}`;
    let entry = this.cache.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: CacheEntry = { controller, waiters: 0, settled: false, result: this.timedQuery(sql, { signal: controller.signal }) };
      created.result.then(
        () => (created.settled = true),
        () => {
          created.settled = true;
          if (this.cache.get(key) === created) this.cache.delete(key);
        },
      );
      this.cache.set(key, created);
      const limit = this.options.cacheLimit ?? 200;
      while (this.cache.size > limit) this.cache.delete(this.cache.keys().next().value!);
      entry = created;
    }
    const shared = entry;
    shared.waiters++;
    return new Promise((resolve, reject) => {
      const giveUp = () => {
        shared.waiters--;
        if (shared.waiters === 0 && !shared.settled) {
          shared.controller.abort();
          if (this.cache.get(key) === shared) this.cache.delete(key);
        }
        reject(abortError());
      };
      if (signal.aborted) return giveUp();
      signal.addEventListener('abort', giveUp, { once: true });
      shared.result.then(
        (table) => {
          signal.removeEventListener('abort', giveUp);
          shared.waiters--;
          resolve(table);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', giveUp);
          shared.waiters--;
          reject(error);
        },
      );
    });
  }

  /**
   * Run `work` for `client`, cancelling that client's previous work. The
   * listener hears `pending`, then `ready` or `error` — unless newer work for
   * the same client superseded it, in which case it hears nothing more.
   * Resolves when this work is settled (or superseded).
   */
  async run<T>(client: string, work: (ctx: WorkContext) => Promise<T>, listener: (state: RequestState<T>) => void): Promise<void> {
    this.running.get(client)?.abort();
    const controller = new AbortController();
    this.running.set(client, controller);
    const current = () => this.running.get(client) === controller;
    listener({ status: 'pending' });
    const ctx: WorkContext = { signal: controller.signal, query: (sql) => this.timedQuery(sql, { signal: controller.signal }) };
    try {
      const value = await work(ctx);
      if (current()) listener({ status: 'ready', value });
    } catch (error) {
      if (current() && !isAbortError(error)) listener({ status: 'error', message: (error as Error)?.message ?? String(error) });
    } finally {
      if (current()) this.running.delete(client);
      if (this.running.size === 0) for (const resolve of [...this.idle]) resolve();
    }
  }

  /** Run one query for `client` (latest wins), cached when asked. */
  request(client: string, sql: string, listener: (state: RequestState<arrow.Table>) => void, opts: { cache?: boolean } = {}): Promise<void> {
    return this.run(client, (ctx) => (opts.cache ? this.cachedQuery(sql, ctx.signal) : ctx.query(sql)), listener);
  }

  /** Cancel a client's running work (its listener hears nothing more). */
  cancel(client: string): void {
    this.running.get(client)?.abort();
    this.running.delete(client);
    if (this.running.size === 0) for (const resolve of [...this.idle]) resolve();
  }

  /** Cancel every client whose key starts with `prefix`. */
  cancelAll(prefix = ''): void {
    for (const client of [...this.running.keys()]) if (client.startsWith(prefix)) this.cancel(client);
  }

  /** The data changed (a table was loaded, replaced or dropped): cached results are stale. */
  invalidate(): void {
    this.dataVersion++;
    this.cache.clear();
  }

  /** Whether any client's work is running. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /** Resolves once no work is running (at once when idle). */
  settled(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.idle.delete(done);
        resolve();
      };
      this.idle.add(done);
    });
  }
}

interface CacheEntry {
  result: Promise<arrow.Table>;
  controller: AbortController;
  /** Clients waiting for the result. */
  waiters: number;
  settled: boolean;
}

function abortError(): Error {
  const error = new Error('The query was cancelled');
  error.name = 'AbortError';
  return error;
}
