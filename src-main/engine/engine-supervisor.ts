import type { EngineControl, EngineHello } from '../../src-shared/engine/remote/protocol';
import type { EngineProcessEvent } from './engine-process';

/**
 * Keeps the engine process running: starts it, passes it every file grant
 * (again after a restart), and when it stops unexpectedly reports that and
 * starts a new one. If it cannot start, or stops too often, it gives up and
 * says why, so the app can fall back to the wasm engine. Independent of
 * Electron: main gives it a way to spawn a utility process, the tests a way
 * to fork a node child.
 */

export interface EngineProcessHandle {
  send(message: EngineControl): void;
  onEvent(listener: (event: EngineProcessEvent) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface SupervisorEvents<H extends EngineProcessHandle> {
  /** A process is open and ready: connect the client to it. */
  ready(handle: H, hello: EngineHello): void;
  /** The process stopped unexpectedly (a restart follows unless `unavailable` is called). */
  stopped(reason: string): void;
  /** Native DuckDB cannot run here (it failed to start, or stopped too often): use the wasm engine. */
  unavailable(reason: string): void;
}

export interface SupervisorOptions {
  /** Restarts allowed within `windowMs` before giving up. */
  maxRestarts?: number;
  windowMs?: number;
}

export class EngineSupervisor<H extends EngineProcessHandle> {
  private current: H | null = null;
  private readonly grants = new Set<string>();
  private readonly restarts: number[] = [];
  private stopping = false;
  private givenUp = false;

  constructor(
    private readonly spawn: () => H,
    private readonly events: SupervisorEvents<H>,
    private readonly options: SupervisorOptions = {},
  ) {}

  start(): void {
    if (this.givenUp || this.stopping) return;
    const handle = this.spawn();
    this.current = handle;
    for (const path of this.grants) handle.send({ type: 'grant', path });
    let opened = false;
    handle.onEvent((event) => {
      if (event.type === 'ready') {
        opened = true;
        this.events.ready(handle, event.hello);
      } else this.giveUp(`native DuckDB could not start: ${event.reason}`);
    });
    handle.onExit((code) => {
      if (this.current !== handle) return;
      this.current = null;
      if (this.stopping || this.givenUp) return;
      if (!opened) {
        this.giveUp(`the engine process exited before it was ready (exit code ${String(code)})`);
        return;
      }
      const reason = code === null ? 'the engine process was killed' : `the engine process exited with code ${code}`;
      this.events.stopped(reason);
      const now = Date.now();
      this.restarts.push(now);
      const recent = this.restarts.filter((t) => now - t < (this.options.windowMs ?? 60_000));
      if (recent.length > (this.options.maxRestarts ?? 3)) this.giveUp(`${reason}, ${recent.length} times in a minute`);
      else this.start();
    });
  }

  private giveUp(reason: string): void {
    if (this.givenUp) return;
    this.givenUp = true;
    const handle = this.current;
    this.current = null;
    handle?.kill();
    this.events.unavailable(reason);
  }

  /** Let the engine read a file the user chose (now, and after any restart). */
  grant(path: string): void {
    this.grants.add(path);
    this.current?.send({ type: 'grant', path });
  }

  stop(): void {
    this.stopping = true;
    this.current?.kill();
    this.current = null;
  }
}
