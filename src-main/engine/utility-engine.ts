import { MessageChannelMain, utilityProcess, type UtilityProcess, type WebContents } from 'electron';
import type { EngineControl, EngineHello } from '../../src-shared/engine/remote/protocol';
import { ENGINE_PORT_CHANNEL } from '../../src-shared/ipc/preload-api';
import type { EngineProcessEvent } from './engine-process';
import type { EngineProcessHandle } from './engine-supervisor';

/** The engine process as an Electron utility process (never in main, never in the renderer). */

export interface UtilityEngineHandle extends EngineProcessHandle {
  readonly child: UtilityProcess;
}

function isEvent(message: unknown): message is EngineProcessEvent {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'failed';
}

export function spawnUtilityEngine(entry: string, env: Record<string, string>): UtilityEngineHandle {
  const child = utilityProcess.fork(entry, [], {
    serviceName: 'Commissioning Workbench engine',
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  return {
    child,
    send: (message: EngineControl) => child.postMessage(message),
    onEvent: (listener) => child.on('message', (m: unknown) => void (isEvent(m) && listener(m))),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => void child.kill(),
  };
}

/** A fresh channel: one port to the engine process, the other to the window (through the preload). */
export function connectWindowToEngine(handle: UtilityEngineHandle, contents: WebContents | undefined, hello: EngineHello): void {
  if (!contents || contents.isDestroyed()) return;
  const { port1, port2 } = new MessageChannelMain();
  handle.child.postMessage({ type: 'connect' }, [port1]);
  contents.postMessage(ENGINE_PORT_CHANNEL, hello, [port2]);
}
