import { measure } from './memory';
import type { Sample, StepName, StepRecord } from './protocol';

export interface RepeatOptions {
  runs: number;
  /** Stop repeating once the repetitions so far took this long (at least one is made); null = no limit. */
  budgetSeconds: number | null;
  /** Cancel a repetition that runs longer than this; null = never. */
  timeoutSeconds: number | null;
}

export interface RepeatWork {
  /** Untimed preparation before each repetition (e.g. dropping the table the step creates). */
  before?: () => Promise<void>;
  /**
   * One repetition, fresh each time: one sample per step name, in order.
   * `run` counts from 0; `signal` aborts when the repetition times out.
   */
  each: (run: number, signal: AbortSignal) => Promise<Sample[]>;
  /** Untimed clean-up after each repetition. */
  after?: () => Promise<void>;
  /** Called when a repetition times out, for engines that cancel otherwise than through the signal. */
  onTimeout?: () => void;
}

export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
  return text.split('\n')[0]!.slice(0, 300);
}

/**
 * Repeat work that yields samples for one or more steps (a view yields its
 * SQL time and its whole time). A failing or cancelled repetition ends the
 * repetitions: the records keep the samples that finished, and the reason.
 */
export async function repeatSamples(steps: readonly StepName[], opts: RepeatOptions, work: RepeatWork): Promise<StepRecord[]> {
  const records: StepRecord[] = steps.map((step) => ({ step, samples: [] }));
  let spent = 0;
  for (let run = 0; run < opts.runs; run++) {
    const controller = new AbortController();
    let timedOut = false;
    const timer =
      opts.timeoutSeconds === null
        ? null
        : setTimeout(() => {
            timedOut = true;
            controller.abort();
            work.onTimeout?.();
          }, opts.timeoutSeconds * 1000);
    try {
      await work.before?.();
      const started = performance.now();
      const samples = await work.each(run, controller.signal);
      spent += performance.now() - started;
      if (timer) clearTimeout(timer);
      samples.forEach((s, i) => records[i]?.samples.push(s));
      await work.after?.();
    } catch (error) {
      if (timer) clearTimeout(timer);
      const reason = timedOut ? `run ${run + 1} did not finish within the ${opts.timeoutSeconds} s timeout and was cancelled` : errorText(error);
      for (const r of records) r.error = reason;
      await work.after?.().catch(() => undefined);
      return records;
    }
    if (opts.budgetSeconds !== null && spent >= opts.budgetSeconds * 1000 && run + 1 < opts.runs) {
      for (const r of records)
        r.note = `${run + 1} of ${opts.runs} runs: they took ${(spent / 1000).toFixed(0)} s, over the ${opts.budgetSeconds} s step budget`;
      return records;
    }
  }
  return records;
}

export interface StepWork {
  before?: () => Promise<void>;
  /** The timed work of one repetition. */
  timed: (run: number, signal: AbortSignal) => Promise<unknown>;
  after?: () => Promise<void>;
  onTimeout?: () => void;
}

/** Repeat one timed piece of work. */
export async function repeatStep(step: StepName, opts: RepeatOptions, work: StepWork): Promise<StepRecord> {
  const [record] = await repeatSamples([step], opts, {
    ...(work.before ? { before: work.before } : {}),
    ...(work.after ? { after: work.after } : {}),
    ...(work.onTimeout ? { onTimeout: work.onTimeout } : {}),
    each: async (run, signal) => {
      const { ms, peakMb } = await measure(() => work.timed(run, signal));
      return [{ ms, peakMb }];
    },
  });
  return record!;
}

/** Records for steps not to run, when any of them is listed in `skip` (with the reason as the note). */
export function skipped(steps: readonly StepName[], skip: Partial<Record<StepName, string>>): StepRecord[] | null {
  const reason = steps.map((s) => skip[s]).find((r) => r !== undefined);
  return reason === undefined ? null : steps.map((step) => ({ step, samples: [], note: reason }));
}
