import type { EngineKind } from '../../src-shared/engine/engine';
import type { EngineHello } from '../../src-shared/engine/remote/protocol';
import type { ChannelResponse, EngineEvent } from '../../src-shared/ipc/channels';
import { EngineSupervisor, type EngineProcessHandle } from './engine-supervisor';

/**
 * Main's side of the engine: which engine the window runs, and, for native
 * DuckDB, the supervised engine process and the ports that connect the window
 * to it. Electron-free (main supplies how to spawn a process, hand a port to
 * the window and send it an event), so node tests drive it.
 */

export interface EngineServiceDeps<H extends EngineProcessHandle> {
  /** What the settings (or `--engine`) ask for. */
  preference: EngineKind;
  spawn(): H;
  /** Give the window a fresh port to `handle` (one MessageChannelMain, one end each). */
  connectWindow(handle: H, hello: EngineHello): void;
  notifyWindow(event: EngineEvent): void;
}

/** DuckDB's memory limit in the desktop app: half the machine's memory (4 GB on an 8 GB laptop), the rest spills to disk. */
export function engineMemoryLimit(totalBytes: number): string {
  return `${Math.max(512, Math.floor(totalBytes / 2 / 2 ** 20))}MB`;
}

type State<H> = { mode: 'starting' } | { mode: 'native'; handle: H; hello: EngineHello } | { mode: 'wasm'; reason: string };

export class EngineService<H extends EngineProcessHandle> {
  private state: State<H> = { mode: 'starting' };
  private waiters: (() => void)[] = [];
  private windowConnected = false;
  private readonly supervisor: EngineSupervisor<H> | null;

  constructor(private readonly deps: EngineServiceDeps<H>) {
    this.supervisor =
      deps.preference === 'native'
        ? new EngineSupervisor(deps.spawn, {
            ready: (handle, hello) => {
              this.settle({ mode: 'native', handle, hello });
              // After a restart the window gets a port to the new process, and replays its tables over it.
              if (this.windowConnected) deps.connectWindow(handle, hello);
            },
            stopped: (reason) => deps.notifyWindow({ type: 'stopped', reason }),
            unavailable: (reason) => {
              const wasConnected = this.windowConnected && this.state.mode === 'native';
              this.settle({ mode: 'wasm', reason });
              if (wasConnected) deps.notifyWindow({ type: 'unavailable', reason });
            },
          })
        : null;
    if (!this.supervisor) this.settle({ mode: 'wasm', reason: 'DuckDB-Wasm was chosen in View › Engine' });
  }

  private settle(state: State<H>): void {
    this.state = state;
    for (const w of this.waiters.splice(0)) w();
  }

  start(): void {
    this.supervisor?.start();
  }

  /** Let the engine read a file the user chose. */
  grant(path: string): void {
    this.supervisor?.grant(path);
  }

  /** The window asks for its engine (at load, and again after a reload). */
  async connect(): Promise<ChannelResponse<'engine/connect'>> {
    if (this.state.mode === 'starting') await new Promise<void>((r) => this.waiters.push(r));
    const state = this.state;
    if (state.mode === 'wasm') return { mode: 'wasm', reason: state.reason };
    if (state.mode !== 'native') throw new Error('The engine did not start');
    this.windowConnected = true;
    this.deps.connectWindow(state.handle, state.hello);
    return { mode: 'native', version: state.hello.version, threads: state.hello.threads };
  }

  stop(): void {
    this.supervisor?.stop();
  }
}
