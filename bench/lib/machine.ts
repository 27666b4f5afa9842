import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** A one-paragraph description of the machine the figures were measured on. */
export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  const available = typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length;
  const memGb = (os.totalmem() / 1024 ** 3).toFixed(1);
  return `${available} cores (${model}), ${memGb} GB memory, ${os.type()} ${os.release()} ${os.arch()}, node ${process.version}`;
}

/** The commit measured, with `+changes` when the working tree differs from it outside bench/ (`cwd`: the repository root). */
export function describeRevision(cwd: string): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const changed = execFileSync('git', ['status', '--porcelain', '--', '.', ':!bench', ':!test/bench'], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return changed ? `${commit}+changes` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}
