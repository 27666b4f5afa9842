import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as arrow from 'apache-arrow';
import { DuckDBInstance, StatementType, type DuckDBConnection, type DuckDBMaterializedResult } from '@duckdb/node-api';
import { quoteIdent, quoteLiteral } from '../../src-shared/sql/identifiers';
import { toQueryError, QueryError } from '../../src-shared/engine/errors';
import { AbortError, throwIfAborted, type Engine, type FileSource, type QueryOptions } from '../../src-shared/engine/engine';
import { ALLOWED_STATEMENT_TYPES, engineSetupSql, refusedStatementMessage, registeredFileName } from '../../src-shared/engine/sandbox';
import { arrowToChunks, resultToArrow, sqlTypeOfArrow } from './native-arrow';

/**
 * The Engine over native DuckDB (@duckdb/node-api): what the CLI runs by
 * default and what the desktop app runs in its engine process. Same interface,
 * same results (see native-arrow.ts), same sandbox as the wasm engine:
 *
 * - DuckDB may read one folder, this engine's private `files/` folder, which
 *   holds a link to each file registered through it (so a file is read in
 *   place, never copied) — and nothing else on the machine or the network;
 * - no extension is installed or loaded, and the configuration is locked;
 * - every statement is classified by DuckDB's own parser before it runs, and
 *   only the kinds the app needs run (ALLOWED_STATEMENT_TYPES): COPY, EXPORT,
 *   ATTACH and the like — the statements that write — are refused, so even a
 *   registered file cannot be written through its link;
 * - large work spills to the private `spill/` folder, and the whole private
 *   folder is removed when the engine closes (or by the next engine, after a
 *   crash).
 */

export interface NativeEngineOptions {
  /** Where the engine keeps its private folder (links and spill files). Default: the system temp folder. */
  workDir?: string;
  /**
   * A fixed name for the private folder inside workDir (emptied first), so an
   * engine restarted after a crash reads its files by the same paths as the
   * one before. It should start with `engine-<pid of the owning process>-`.
   * Default: a fresh random name.
   */
  sessionName?: string;
  /** DuckDB's memory limit, e.g. `6GB`. Default: DuckDB's own (80% of RAM). */
  memoryLimit?: string;
  /** DuckDB's worker threads. Default: DuckDB's own (the machine's cores). */
  threads?: number;
}

const SESSION_PREFIX = 'engine-';

/** Remove private folders left by engines whose process is gone (a crash leaves one behind). */
async function pruneStaleSessions(workDir: string): Promise<void> {
  const entries = await fs.readdir(workDir).catch(() => [] as string[]);
  for (const entry of entries) {
    const pid = Number(/^engine-(\d+)-/.exec(entry)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || pid === process.ppid) continue;
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') await fs.rm(path.join(workDir, entry), { recursive: true, force: true });
    }
  }
}

/** Make `link` read `target` in place: a symbolic link, else a hard link, else (last resort) a copy. */
async function linkFile(target: string, link: string): Promise<void> {
  await fs.rm(link, { force: true });
  try {
    await fs.symlink(target, link, 'file');
  } catch {
    try {
      await fs.link(target, link);
    } catch {
      await fs.copyFile(target, link);
    }
  }
}

/** node-api wraps DuckDB's own message (`Failed to extract statements: Parser Error: …`); keep DuckDB's. */
function unwrapped(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const inner = error.message.replace(/^Failed to (extract statements|prepare statement|execute prepared statement): /, '');
  return inner === error.message ? error : new Error(inner);
}

function isInterrupt(error: unknown): boolean {
  return error instanceof Error && /INTERRUPT|Interrupted/i.test(error.message);
}

export class NativeEngine implements Engine {
  readonly kind = 'native' as const;
  private readonly idle: DuckDBConnection[] = [];
  private closed = false;
  private serial: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly main: DuckDBConnection,
    /** The private folder: `files/` (what SQL may read) and `spill/`. */
    readonly sessionDir: string,
    readonly version: string,
    readonly threads: number,
  ) {}

  /** The one folder SQL may read (with a trailing separator). */
  get registeredDir(): string {
    return path.join(this.sessionDir, 'files') + path.sep;
  }

  static async open(options: NativeEngineOptions = {}): Promise<NativeEngine> {
    const workDir = path.resolve(options.workDir ?? os.tmpdir());
    await fs.mkdir(workDir, { recursive: true, mode: 0o700 });
    await pruneStaleSessions(workDir);
    let sessionDir: string;
    if (options.sessionName) {
      sessionDir = path.join(workDir, path.basename(options.sessionName));
      await fs.rm(sessionDir, { recursive: true, force: true });
      await fs.mkdir(sessionDir, { mode: 0o700 });
    } else sessionDir = await fs.mkdtemp(path.join(workDir, `${SESSION_PREFIX}${process.pid}-`));
    const files = path.join(sessionDir, 'files') + path.sep;
    const spill = path.join(sessionDir, 'spill');
    await fs.mkdir(files, { mode: 0o700 });
    await fs.mkdir(spill, { mode: 0o700 });
    let instance: DuckDBInstance | undefined;
    try {
      instance = await DuckDBInstance.create(':memory:', {
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
        ...(options.threads ? { threads: String(options.threads) } : {}),
      });
      const main = await instance.connect();
      const before = [
        `SET temp_directory = ${quoteLiteral(spill)}`,
        // duckdb-wasm has no ICU and works in UTC; native DuckDB loads ICU, so pin the zone to match.
        "SET TimeZone = 'UTC'",
        ...(options.memoryLimit ? [`SET memory_limit = ${quoteLiteral(options.memoryLimit)}`] : []),
      ];
      for (const sql of engineSetupSql(files, before)) await main.run(sql);
      const about = (await main.runAndReadAll("SELECT version() AS v, current_setting('threads') AS t")).getRowObjectsJS()[0] ?? {};
      return new NativeEngine(instance, main, sessionDir, String(about.v ?? ''), Number(about.t ?? 1));
    } catch (error) {
      instance?.closeSync();
      await fs.rm(sessionDir, { recursive: true, force: true });
      throw error;
    }
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error('The engine has been closed');
  }

  /**
   * Run `sql` (one or more statements) on `conn`, each classified by DuckDB's
   * parser first; returns the last statement's result. `signal` interrupts it.
   */
  private async run(conn: DuckDBConnection, sql: string, signal?: AbortSignal): Promise<DuckDBMaterializedResult | null> {
    throwIfAborted(signal);
    const onAbort = () => conn.interrupt();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const statements = await conn.extractStatements(sql);
      let last: DuckDBMaterializedResult | null = null;
      for (let i = 0; i < statements.count; i++) {
        throwIfAborted(signal);
        const prepared = await statements.prepare(i);
        const type = StatementType[prepared.statementType] ?? String(prepared.statementType);
        if (!ALLOWED_STATEMENT_TYPES.has(type)) throw new QueryError(refusedStatementMessage(type), 'Permission', sql);
        last = await prepared.run();
      }
      return last;
    } catch (error) {
      if (signal?.aborted || (isInterrupt(error) && signal)) throw new AbortError('The query was cancelled');
      throw toQueryError(unwrapped(error), sql);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async query(sql: string, opts: QueryOptions = {}): Promise<arrow.Table> {
    this.ensureOpen();
    throwIfAborted(opts.signal);
    const conn = this.idle.pop() ?? (await this.instance.connect());
    try {
      const result = await this.run(conn, sql, opts.signal);
      if (!result) throw new QueryError('Parser error: no statement to run', 'Parser', sql);
      return await resultToArrow(result);
    } finally {
      if (this.closed || this.idle.length >= 4) conn.closeSync();
      else this.idle.push(conn);
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

  async exec(sql: string, opts: QueryOptions = {}): Promise<void> {
    await this.onMain(() => this.run(this.main, sql, opts.signal), opts.signal);
  }

  async loadArrow(table: string, data: arrow.Table): Promise<void> {
    const sqlTypes = data.schema.fields.map((f) => sqlTypeOfArrow(f.type as arrow.DataType));
    const columns = data.schema.fields.map((f, i) => `${quoteIdent(f.name)} ${sqlTypes[i]!}`).join(', ');
    await this.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}; CREATE TABLE ${quoteIdent(table)} (${columns})`);
    await this.onMain(async () => {
      const appender = await this.main.createAppender(table);
      try {
        const types = (await this.main.runAndRead(`SELECT * FROM ${quoteIdent(table)} LIMIT 0`)).columnTypes();
        for (const chunk of arrowToChunks(data, types, sqlTypes)) appender.appendDataChunk(chunk);
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
    });
  }

  async registerFile(name: string, source: FileSource): Promise<string> {
    this.ensureOpen();
    const link = path.join(this.registeredDir, registeredFileName(name));
    if (source.path) await linkFile(source.path, link);
    else await fs.writeFile(link, await source.read(0, source.size), { mode: 0o600 });
    return link;
  }

  async registerBuffer(name: string, bytes: Uint8Array): Promise<string> {
    this.ensureOpen();
    const file = path.join(this.registeredDir, registeredFileName(name));
    await fs.rm(file, { force: true });
    await fs.writeFile(file, bytes, { mode: 0o600 });
    return file;
  }

  async dropFile(registered: string): Promise<void> {
    const resolved = path.resolve(registered);
    if (path.dirname(resolved) + path.sep !== this.registeredDir) return;
    await fs.rm(resolved, { force: true });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.serial;
    for (const conn of this.idle.splice(0)) conn.closeSync();
    this.main.closeSync();
    this.instance.closeSync();
    await fs.rm(this.sessionDir, { recursive: true, force: true });
  }
}
