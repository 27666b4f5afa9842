import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EngineChannel } from '../../src-shared/engine/remote/remote-engine';
import type { EngineControl, EngineRequest } from '../../src-shared/engine/remote/protocol';
import type { EngineProcessEvent } from '../../src-main/engine/engine-process';
import type { EngineProcessHandle } from '../../src-main/engine/engine-supervisor';

/**
 * The engine process as a node child (`child_process.fork`), its IPC channel
 * standing in for the MessagePort Electron would hand over: how the tests and
 * the benchmark start the engine the way the desktop app's utility process does.
 */

const ENTRY = fileURLToPath(new URL('../../src-main/engine/engine-process.ts', import.meta.url));

export interface ChildEngineHandle extends EngineProcessHandle {
  readonly child: ChildProcess;
  /** The data channel to hand to RemoteEngine.attach. */
  channel(): EngineChannel;
}

function isEvent(message: unknown): message is EngineProcessEvent {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'failed';
}

export function forkEngineProcess(env: Record<string, string> = {}): ChildEngineHandle {
  const child = fork(ENTRY, [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    child,
    send: (message: EngineControl) => void child.send(message),
    onEvent: (listener) => child.on('message', (m: unknown) => isEvent(m) && listener(m)),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => void child.kill('SIGTERM'),
    channel: () => ({
      post: (message: EngineRequest) => {
        if (child.connected) child.send(message);
      },
      listen: (listener) => {
        const handler = (m: unknown) => {
          if (!isEvent(m)) listener(m);
        };
        child.on('message', handler);
        return () => void child.off('message', handler);
      },
    }),
  };
}
