import { RemoteEngine, type EngineChannel, type ReplayReport } from '../../src-shared/engine/remote/remote-engine';
import type { EngineRequest } from '../../src-shared/engine/remote/protocol';
import type { EngineInfo } from '../../src-shared/session';
import { ENGINE_PORT_MESSAGE, type PreloadApi } from '../../src-shared/ipc/preload-api';

/**
 * The desktop app's native engine, from the window's side: main answers
 * `engine/connect` and posts a MessagePort to the engine process (through the
 * preload, as a window message); RemoteEngine talks over it. After a crash
 * main says `stopped` (requests in flight fail with a clear message), then
 * posts a port to the new process, and RemoteEngine replays its tables there.
 */

/** Where engine ports arrive: window messages in the app, a fake in tests. */
export type EnginePortSource = (listener: (port: MessagePort) => void) => () => void;

/** Ports the preload hands over: a message from this window to itself, tagged, carrying the port. */
export const windowPortSource: EnginePortSource = (listener) => {
  const handler = (event: MessageEvent) => {
    if (event.source !== window || !(event.data as Record<string, unknown> | null)?.[ENGINE_PORT_MESSAGE]) return;
    const port = event.ports[0];
    if (port) listener(port);
  };
  window.addEventListener('message', handler);
  return () => window.removeEventListener('message', handler);
};

export function portChannel(port: MessagePort): EngineChannel {
  port.start();
  return {
    post: (message: EngineRequest) => port.postMessage(message),
    listen: (listener) => {
      const handler = (event: MessageEvent) => listener(event.data);
      port.addEventListener('message', handler);
      return () => port.removeEventListener('message', handler);
    },
  };
}

export interface NativeHooks {
  stopped(reason: string): void;
  restarted(report: ReplayReport): void;
  /** Native DuckDB gave up mid-session (crashed too often). */
  unavailable(reason: string): void;
}

export type NativeConnection = { engine: RemoteEngine; info: EngineInfo } | { wasmReason: string };

export async function connectNativeEngine(
  api: Pick<PreloadApi, 'connectEngine' | 'onEngineEvent'>,
  ports: EnginePortSource,
  hooks: NativeHooks,
): Promise<NativeConnection> {
  const engine = new RemoteEngine();
  let attachedFirst: (attached: Promise<ReplayReport>) => void = () => undefined;
  const first = new Promise<ReplayReport>((r) => (attachedFirst = r));
  let connected = false;
  ports((port) => {
    const attached = engine.attach(portChannel(port));
    if (!connected) {
      connected = true;
      attachedFirst(attached);
    } else void attached.then(hooks.restarted);
  });
  api.onEngineEvent((event) => {
    if (event.type === 'stopped') {
      engine.detach(event.reason);
      hooks.stopped(event.reason);
    } else hooks.unavailable(event.reason);
  });
  const answer = await api.connectEngine();
  if (answer.mode === 'wasm') return { wasmReason: answer.reason };
  await first;
  return { engine, info: { kind: 'native', version: answer.version, threads: answer.threads } };
}
