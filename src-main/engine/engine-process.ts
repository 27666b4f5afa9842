import { engineControlSchema, type EngineHello, type EngineResponse } from '../../src-shared/engine/remote/protocol';
import { serveEngine, type HostChannel } from './engine-host';
import { NativeEngine } from './native-engine';

/**
 * The engine process: native DuckDB, out of both the renderer and main. In the
 * desktop app it is an Electron utility process (`utilityProcess.fork`, see
 * engine-supervisor.ts): main sends it grants and, once, the MessagePort the
 * renderer talks to it on. Under node (the tests) it is a child process whose
 * IPC channel carries both. It says `ready` (or `failed`, with why) to its
 * parent when the engine is open.
 *
 * Environment: WORKBENCH_ENGINE_DIR (the private folder's parent, inside the
 * app's data folder), WORKBENCH_ENGINE_SESSION (the private folder's fixed
 * name, so a restarted engine reads files by the same paths),
 * WORKBENCH_ENGINE_MEMORY (DuckDB's memory limit, optional).
 */

/** What the engine process tells its parent. */
export type EngineProcessEvent = { type: 'ready'; hello: EngineHello } | { type: 'failed'; reason: string };

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown; ports: PortMain[] }) => void): void;
}
interface PortMain {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
}

const granted = new Set<string>();

function onControl(message: unknown): boolean {
  const parsed = engineControlSchema.safeParse(message);
  if (!parsed.success) return false;
  granted.add(parsed.data.path);
  return true;
}

async function main(): Promise<void> {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  const tell = (event: EngineProcessEvent) => (parentPort ? parentPort.postMessage(event) : process.send?.(event));
  let engine: NativeEngine;
  try {
    engine = await NativeEngine.open({
      ...(process.env.WORKBENCH_ENGINE_DIR ? { workDir: process.env.WORKBENCH_ENGINE_DIR } : {}),
      ...(process.env.WORKBENCH_ENGINE_SESSION ? { sessionName: process.env.WORKBENCH_ENGINE_SESSION } : {}),
      ...(process.env.WORKBENCH_ENGINE_MEMORY ? { memoryLimit: process.env.WORKBENCH_ENGINE_MEMORY } : {}),
    });
  } catch (error) {
    tell({ type: 'failed', reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) });
    process.exit(3);
  }
  const hello: EngineHello = { kind: 'native', version: engine.version, threads: engine.threads };
  const isGranted = (p: string) => granted.has(p);
  const shutdown = () => void engine.close().finally(() => process.exit(0));
  process.on('SIGTERM', shutdown);

  if (parentPort) {
    parentPort.on('message', ({ data, ports }) => {
      if (onControl(data)) return;
      const port = ports[0];
      if (!port || (data as { type?: unknown } | null)?.type !== 'connect') return;
      const channel: HostChannel = {
        post: (m: EngineResponse) => port.postMessage(m),
        listen: (listener) => port.on('message', ({ data: d }) => listener(d)),
      };
      serveEngine(engine, hello, channel, isGranted);
      port.start();
    });
  } else {
    const channel: HostChannel = {
      post: (m: EngineResponse) => process.send?.(m),
      listen: (listener) =>
        process.on('message', (m: unknown) => {
          if (!onControl(m)) listener(m);
        }),
    };
    serveEngine(engine, hello, channel, isGranted);
    process.on('disconnect', shutdown);
  }
  tell({ type: 'ready', hello });
}

void main();
