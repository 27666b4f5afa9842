import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CapturedWorkload, RunnerMessage, RunnerRequest, StepRecord } from './protocol';

/**
 * Start one runner (project or native) in its own node process, so that each
 * engine's memory is measured on its own, send it the request and collect
 * what it reports. The runner is TypeScript, loaded through tsx.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RUNNERS = {
  project: fileURLToPath(new URL('../runners/project.ts', import.meta.url)),
  native: fileURLToPath(new URL('../runners/native.ts', import.meta.url)),
};

export type RunnerKind = keyof typeof RUNNERS;

export interface RunnerReport {
  steps: StepRecord[];
  workload: CapturedWorkload | null;
  info: Record<string, string>;
  warnings: string[];
  /** False when the process ended without saying it had finished (crash, out of memory, killed). */
  completed: boolean;
  exit: string;
}

export function runRunner(kind: RunnerKind, request: RunnerRequest, onStep: (record: StepRecord) => void = () => undefined): Promise<RunnerReport> {
  const report: RunnerReport = { steps: [], workload: null, info: {}, warnings: [], completed: false, exit: '' };
  return new Promise((resolve, reject) => {
    const child = fork(RUNNERS[kind], [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.on('message', (message: RunnerMessage) => {
      switch (message.type) {
        case 'step':
          report.steps.push(message.record);
          onStep(message.record);
          break;
        case 'workload':
          report.workload = message.workload;
          break;
        case 'info':
          report.info[message.key] = message.value;
          break;
        case 'warning':
          report.warnings.push(message.text);
          break;
        case 'done':
          report.completed = true;
          break;
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      report.exit = signal ? `killed by ${signal}` : `exit code ${code}`;
      if (!report.completed) report.warnings.push(`the ${kind} runner ended before finishing (${report.exit})`);
      resolve(report);
    });
    child.send(request);
  });
}
