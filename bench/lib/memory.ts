import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Time a piece of work and the peak resident set size of this process while
 * it runs. Two sources, the larger wins:
 * - process.memoryUsage.rss() sampled every 20 ms (works everywhere; misses
 *   spikes shorter than the interval, and cannot sample while synchronous
 *   JavaScript holds the main thread);
 * - on Linux, the kernel's own high-water mark (VmHWM in /proc/self/status),
 *   reset before each measurement by writing 5 to /proc/self/clear_refs.
 * RSS covers the whole process: the duckdb-wasm worker thread and native
 * DuckDB's threads included.
 */

const SAMPLE_MS = 20;
const MB = 1024 * 1024;

let hwmWorks: boolean | null = null;

function resetHighWaterMark(): boolean {
  if (hwmWorks === false) return false;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    hwmWorks = true;
  } catch {
    hwmWorks = false;
  }
  return hwmWorks;
}

/** VmHWM in bytes, or null where /proc is not available. */
function highWaterMark(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export interface Measured<T> {
  value: T;
  ms: number;
  peakMb: number;
}

export async function measure<T>(work: () => Promise<T> | T): Promise<Measured<T>> {
  const useHwm = resetHighWaterMark();
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  }, SAMPLE_MS);
  const started = performance.now();
  let value: T;
  try {
    value = await work();
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - started;
  peak = Math.max(peak, process.memoryUsage.rss(), (useHwm ? highWaterMark() : null) ?? 0);
  return { value, ms, peakMb: peak / MB };
}

/** Whether peaks come from the kernel's high-water mark (else from 20 ms sampling only). */
export function peakSource(): string {
  resetHighWaterMark();
  return hwmWorks ? 'VmHWM (reset per repetition) + 20 ms RSS sampling' : '20 ms RSS sampling';
}
