import * as arrow from 'apache-arrow';
import { normaliseTable } from '../arrow-values';
import { AbortError, throwIfAborted, type Engine, type EngineKind, type FileSource, type QueryOptions } from '../engine';
import { QueryError } from '../errors';
import { engineResponseSchema, type EngineHello, type EngineRequest, type EngineResponse, type WireError } from './protocol';

/**
 * An Engine whose database runs in another process (the desktop app's engine
 * process), reached over a MessagePort-like channel with the typed protocol in
 * ./protocol.ts. The rest of the app cannot tell it from a local engine.
 *
 * If the engine process dies (a crash, or the OS killing it for memory), the
 * host calls `detach`: every request in flight fails with EngineStoppedError,
 * which says what happened. The host restarts the process and calls `attach`
 * with the new channel: the client first replays its journal — every file
 * registered and every statement that changed the database, in order — so
 * the tables come back from their sources, then carries on with what waited.
 */

/** The two ends' common shape: a browser MessagePort, Electron's, or a child process's IPC channel. */
export interface EngineChannel {
  post(message: EngineRequest): void;
  /** Listen for messages; returns a function that stops listening. */
  listen(listener: (message: unknown) => void): () => void;
}

/** A request failed because the engine process stopped while it ran. */
export class EngineStoppedError extends Error {
  override readonly name = 'EngineStoppedError';
}

/** Something that changed the engine's state, kept so a restarted engine can be brought back to it. */
type JournalEntry =
  | { op: 'registerFile'; name: string; path: string }
  | { op: 'registerBuffer'; name: string; bytes: Uint8Array }
  | { op: 'exec'; sql: string }
  | { op: 'loadArrow'; table: string; ipc: Uint8Array }
  | { op: 'dropFile'; path: string };

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;
type Outgoing = Distribute<EngineRequest>;

interface Pending {
  resolve(response: Extract<EngineResponse, { ok: true }>): void;
  reject(error: Error): void;
}

function fromWire(error: WireError, sql?: string): Error {
  if (error.name === 'AbortError') return new AbortError(error.message);
  if (error.name === 'QueryError') return new QueryError(error.message, error.kind ?? 'Error', sql);
  const e = new Error(error.message);
  e.name = error.name;
  return e;
}

export interface ReplayReport {
  replayed: number;
  /** Journal entries that failed on the new engine (e.g. a source file that has since moved), with why. */
  failed: { what: string; error: string }[];
}

export class RemoteEngine implements Engine {
  readonly kind: EngineKind = 'native';
  private channel: EngineChannel | null = null;
  private unlisten: (() => void) | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly journal: JournalEntry[] = [];
  /** Resolves when a channel is attached and its replay is done; requests wait on it. */
  private ready: Promise<void>;
  private markReady: () => void = () => undefined;
  private closed = false;
  hello: EngineHello | null = null;

  constructor() {
    this.ready = new Promise((r) => (this.markReady = r));
  }

  /** Connect (or reconnect, after a restart) to an engine process; replays the journal first. */
  async attach(channel: EngineChannel): Promise<ReplayReport> {
    this.unlisten?.();
    this.channel = channel;
    this.unlisten = channel.listen((message) => this.receive(message));
    this.hello = (await this.send({ op: 'hello' })).hello ?? null;
    const report: ReplayReport = { replayed: 0, failed: [] };
    for (const entry of this.journal) {
      try {
        await this.send(entry);
        report.replayed++;
      } catch (error) {
        report.failed.push({
          what: entry.op === 'exec' ? entry.sql.slice(0, 200) : `${entry.op} ${'name' in entry ? entry.name : 'path' in entry ? entry.path : entry.table}`,
          error: (error as Error).message,
        });
      }
    }
    this.markReady();
    return report;
  }

  /** The engine process stopped: fail what was in flight, and hold new requests until the next attach. */
  detach(reason: string): void {
    this.unlisten?.();
    this.unlisten = null;
    this.channel = null;
    this.ready = new Promise((r) => (this.markReady = r));
    const error = new EngineStoppedError(
      `The data engine stopped while this was running (${reason}). It is being restarted and your tables reloaded from their files; run it again when the status bar says the engine is ready.`,
    );
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private receive(message: unknown): void {
    const parsed = engineResponseSchema.safeParse(message);
    if (!parsed.success) return;
    const response = parsed.data;
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    if (response.ok) pending.resolve(response);
    else pending.reject(fromWire(response.error));
  }

  /** Send one request on the current channel and wait for its answer. */
  private send(request: Outgoing, signal?: AbortSignal): Promise<Extract<EngineResponse, { ok: true }>> {
    const channel = this.channel;
    if (!channel) return Promise.reject(new EngineStoppedError('The data engine is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => channel.post({ id: this.nextId++, op: 'cancel', target: id });
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (r) => (done(), resolve(r)),
        reject: (e) => (done(), reject(e)),
      });
      channel.post({ ...request, id });
    });
  }

  /** Wait for a live engine, then send; a request that changes state is journalled once it succeeded. */
  private async request(request: Outgoing, opts: QueryOptions = {}, journal?: JournalEntry): Promise<Extract<EngineResponse, { ok: true }>> {
    if (this.closed) throw new Error('The engine has been closed');
    throwIfAborted(opts.signal);
    await this.ready;
    throwIfAborted(opts.signal);
    const response = await this.send(request, opts.signal).catch((error: Error) => {
      throw error.name === 'QueryError' && 'sql' in request ? new QueryError(error.message, (error as QueryError).kind, request.sql) : error;
    });
    if (journal) this.journal.push(journal);
    return response;
  }

  async query(sql: string, opts: QueryOptions = {}): Promise<arrow.Table> {
    const response = await this.request({ op: 'query', sql }, opts);
    if (!response.ipc) throw new Error('The engine returned no result');
    return normaliseTable(arrow.tableFromIPC(response.ipc));
  }

  async exec(sql: string, opts: QueryOptions = {}): Promise<void> {
    await this.request({ op: 'exec', sql }, opts, { op: 'exec', sql });
  }

  async registerFile(name: string, source: FileSource): Promise<string> {
    if (!source.path) return this.registerBuffer(name, await source.read(0, source.size));
    const response = await this.request({ op: 'registerFile', name, path: source.path }, {}, { op: 'registerFile', name, path: source.path });
    return response.path!;
  }

  async registerBuffer(name: string, bytes: Uint8Array): Promise<string> {
    const response = await this.request({ op: 'registerBuffer', name, bytes }, {}, { op: 'registerBuffer', name, bytes });
    return response.path!;
  }

  async dropFile(path: string): Promise<void> {
    await this.request({ op: 'dropFile', path }, {}, { op: 'dropFile', path });
  }

  async loadArrow(table: string, data: arrow.Table): Promise<void> {
    const ipc = arrow.tableToIPC(data, 'stream');
    await this.request({ op: 'loadArrow', table, ipc }, {}, { op: 'loadArrow', table, ipc });
  }

  /** How many journal entries a restart would replay (for tests and diagnostics). */
  get journalLength(): number {
    return this.journal.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.detach('the app closed it');
  }
}
