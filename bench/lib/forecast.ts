import { NATIVE_COUNTERPART, STEPS, type StepName } from './protocol';
import type { ResultRow } from './stats';

/**
 * Steps not worth starting at the next size: work in these steps grows with
 * the row count, so a step whose median at the previous size, scaled by the
 * ratio of sizes, would run past the per-run timeout is skipped rather than
 * started and cancelled — the run stays within its time budget and the
 * table says why the step has no figure.
 */
export type Skips = Partial<Record<StepName, string>>;

function reason(ms: number, fromSize: number, toSize: number, timeoutSeconds: number): string {
  const expected = (ms * toSize) / fromSize / 1000;
  return `skipped: about ${expected.toFixed(0)} s a run expected (${(ms / 1000).toFixed(1)} s at ${fromSize.toLocaleString('en-GB')} rows, scaled to ${toSize.toLocaleString('en-GB')}), over the ${timeoutSeconds} s timeout`;
}

export function skipsFor(previous: readonly ResultRow[], toSize: number, timeoutSeconds: number | null): { project: Skips; native: Skips } {
  const project: Skips = {};
  const native: Skips = {};
  if (timeoutSeconds === null) return { project, native };
  const limit = timeoutSeconds * 1000;
  // Scale from the nearest smaller size only: fixed costs weigh more in smaller extracts.
  const fromSize = Math.max(0, ...previous.filter((r) => r.size < toSize).map((r) => r.size));
  const nearest = previous.filter((r) => r.size === fromSize);
  for (const row of nearest) {
    const factor = toSize / row.size;
    if (row.project_ms !== null && row.project_ms * factor > limit) project[row.step] = reason(row.project_ms, row.size, toSize, timeoutSeconds);
    const counterpart = NATIVE_COUNTERPART[row.step];
    if (counterpart === row.step && row.native_ms !== null && row.native_ms * factor > limit)
      native[counterpart] = reason(row.native_ms, row.size, toSize, timeoutSeconds);
  }
  // A step that did not finish (or was skipped) at a smaller size will not finish at a larger one.
  for (const row of nearest) {
    if (row.project_ms !== null || project[row.step]) continue;
    const at = row.size.toLocaleString('en-GB');
    if (row.note?.includes('did not finish')) project[row.step] = `skipped: it did not finish within the ${timeoutSeconds} s timeout at ${at} rows`;
    else if (row.note?.includes('skipped:')) project[row.step] = `skipped: it was skipped at ${at} rows as well`;
  }
  return { project: order(project), native: order(native) };
}

function order(skips: Skips): Skips {
  const out: Skips = {};
  for (const s of STEPS) if (skips[s]) out[s] = skips[s];
  return out;
}
