import { errorText } from './repeat';
import type { RunnerMessage, RunnerRequest } from './protocol';

/**
 * The child side of the runner protocol: wait for the request, run, report
 * each message to the parent as soon as it is known (so a crash keeps what
 * was measured), then exit.
 */
export type Send = (message: RunnerMessage) => void;

function send(message: RunnerMessage): void {
  if (!process.send) throw new Error('This runner is started by bench/run.ts (npm run bench), not directly.');
  process.send(message);
}

export function runnerMain(run: (request: RunnerRequest, send: Send) => Promise<void>): void {
  process.once('message', (request: RunnerRequest) => {
    run(request, send)
      .then(() => send({ type: 'done' }))
      .catch((error: unknown) => {
        send({ type: 'warning', text: `runner failed: ${errorText(error)}` });
        process.exitCode = 1;
      })
      .finally(() => process.disconnect?.());
  });
}
