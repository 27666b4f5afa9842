import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZES, parseBenchArgs, parseCount } from '../../bench/lib/args';
import { parseBrowserBenchArgs } from '../../bench/lib/browser-args';
import { workloadFor } from '../../bench/lib/captured';
import { skipsFor } from '../../bench/lib/forecast';
import type { CapturedWorkload, StepRecord } from '../../bench/lib/protocol';
import { repeatSamples } from '../../bench/lib/repeat';
import { median, ratio, summarise, type ResultRow } from '../../bench/lib/stats';
import { formatMs, formatRatio, formatSize, formatTable } from '../../bench/lib/table';

// The benchmark's helpers only: `npm run bench` itself is not part of `npm test`.

const samples = (...ms: number[]) => ms.map((m, i) => ({ ms: m, peakMb: 100 + i }));

describe('bench statistics', () => {
  it('takes the median of odd and even counts, ignoring order', () => {
    expect(median([])).toBeNull();
    expect(median([7])).toBe(7);
    expect(median([5, 1, 9])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('gives project ÷ native, and null without a native figure', () => {
    expect(ratio(300, 100)).toBe(3);
    expect(ratio(300, null)).toBeNull();
    expect(ratio(null, 100)).toBeNull();
    expect(ratio(300, 0)).toBeNull();
  });

  it('summarises runs per step: medians, ratio against the native counterpart, peak memory', () => {
    const project: StepRecord[] = [
      { step: 'import', samples: samples(1000, 1200, 1100) },
      { step: 'raw_read', samples: samples(150, 140, 160) },
      { step: 'growth_view', samples: samples(30, 10, 20) },
      { step: 'chart_svg', samples: samples(40), error: 'boom' },
    ];
    const native: StepRecord[] = [{ step: 'import', samples: samples(100, 50, 80) }];
    expect(summarise(1000, project, native, 'native')).toEqual([
      { engine: 'native', step: 'import', size: 1000, runs: 3, project_ms: 1100, native_ms: 80, ratio: 13.75, peak_mb: 102, native_peak_mb: 102 },
      { engine: 'native', step: 'raw_read', size: 1000, runs: 3, project_ms: 150, native_ms: 80, ratio: 1.88, peak_mb: 102, native_peak_mb: 102 },
      { engine: 'native', step: 'growth_view', size: 1000, runs: 3, project_ms: 20, native_ms: null, ratio: null, peak_mb: 102, native_peak_mb: null },
      {
        engine: 'native',
        step: 'chart_svg',
        size: 1000,
        runs: 1,
        project_ms: 40,
        native_ms: null,
        ratio: null,
        peak_mb: 100,
        native_peak_mb: null,
        note: 'project failed: boom',
      },
    ]);
  });

  it('keeps a step the project could not run when native measured it', () => {
    const rows = summarise(5, [], [{ step: 'growth_sql', samples: samples(10) }]);
    expect(rows).toEqual([
      {
        engine: 'wasm',
        step: 'growth_sql',
        size: 5,
        runs: 0,
        project_ms: null,
        native_ms: 10,
        ratio: null,
        peak_mb: null,
        native_peak_mb: 100,
        note: 'project: not measured',
      },
    ]);
  });
});

describe('bench table', () => {
  it('formats sizes, times and ratios', () => {
    expect([formatSize(100_000), formatSize(5_000_000), formatSize(1234)]).toEqual(['100k', '5M', '1,234']);
    expect([formatMs(null), formatMs(3.14159), formatMs(12345.6)]).toEqual(['–', '3.1', '12,346']);
    expect([formatRatio(null), formatRatio(1.234), formatRatio(26.64)]).toEqual(['–', '1.23×', '26.6×']);
  });

  it('aligns columns, separates sizes and engines, and lists notes', () => {
    const text = formatTable([
      { engine: 'native', step: 'import', size: 100_000, runs: 5, project_ms: 240, native_ms: 156, ratio: 1.54, peak_mb: 400, native_peak_mb: 240 },
      { engine: 'wasm', step: 'import', size: 100_000, runs: 5, project_ms: 4157, native_ms: 156, ratio: 26.65, peak_mb: 921, native_peak_mb: 240 },
      { engine: 'wasm', step: 'chart_svg', size: 100_000, runs: 5, project_ms: 40, native_ms: null, ratio: null, peak_mb: 831, native_peak_mb: null },
      {
        engine: 'wasm',
        step: 'import',
        size: 1_000_000,
        runs: 2,
        project_ms: null,
        native_ms: 1000,
        ratio: null,
        peak_mb: null,
        native_peak_mb: 500,
        note: 'project failed: out of memory',
      },
    ]);
    expect(text.split('\n')).toEqual([
      'size  engine  step       runs  app ms  raw native ms  ratio  app peak MB  raw native peak MB',
      '----  ------  ---------  ----  ------  -------------  -----  -----------  ------------------',
      '100k  native  import        5     240            156  1.54×          400                 240',
      '',
      '100k  wasm    import        5   4,157            156  26.6×          921                 240',
      '100k  wasm    chart_svg     5      40              –      –          831                   –',
      '',
      '1M    wasm    import        2       –          1,000      –            –                 500',
      '',
      'Notes:',
      '  1M wasm import: project failed: out of memory',
    ]);
  });
});

describe('bench arguments', () => {
  const defaults = { dataDir: 'd', out: 'o.json' };

  it('has the documented defaults', () => {
    const o = parseBenchArgs([], defaults);
    expect(o).toMatchObject({
      sizes: DEFAULT_SIZES,
      runs: 5,
      dataDir: 'd',
      out: 'o.json',
      nativeThreads: null,
      stepBudgetSeconds: 180,
      stepTimeoutSeconds: 240,
      importBreakdown: false,
      help: false,
    });
  });

  it('reads sizes in several spellings, sorted and without repeats, and the other options', () => {
    const o = parseBenchArgs(['--sizes', '1m,100_000,100k', '--runs=3', '--step-budget', '0', '--timeout', '30', '--native-threads', '1'], defaults);
    expect(o).toMatchObject({ sizes: [100_000, 1_000_000], runs: 3, stepBudgetSeconds: null, stepTimeoutSeconds: 30, nativeThreads: 1 });
    expect(parseCount('1e6', '--sizes')).toBe(1_000_000);
  });

  it('rejects what it cannot read', () => {
    expect(() => parseBenchArgs(['--sizes', 'lots'], defaults)).toThrow(/--sizes: "lots" is not a whole number/);
    expect(parseBenchArgs([], defaults).engines).toEqual(['native', 'wasm']);
    expect(parseBenchArgs(['--engines', 'wasm'], defaults).engines).toEqual(['wasm']);
    expect(() => parseBenchArgs(['--engines', 'sqlite'], defaults)).toThrow(/--engines: "sqlite" is not native or wasm/);
    expect(() => parseBenchArgs(['--runs', '0'], defaults)).toThrow(/at least 1/);
    expect(() => parseBenchArgs(['--runs'], defaults)).toThrow(/--runs needs a value/);
    expect(() => parseBenchArgs(['--fast'], defaults)).toThrow(/Unknown argument --fast/);
  });

  it('reads the browser benchmark options, with its defaults', () => {
    expect(parseBrowserBenchArgs([], defaults)).toEqual({
      rows: 1_000_000,
      runs: 3,
      changes: 20,
      bundles: ['eh'],
      dataDir: 'd',
      out: 'o.json',
      help: false,
    });
    expect(parseBrowserBenchArgs(['--rows=100k', '--runs', '5', '--changes', '6', '--bundles', 'coi,coi'], defaults)).toMatchObject({
      rows: 100_000,
      runs: 5,
      changes: 6,
      bundles: ['coi'],
    });
    expect(() => parseBrowserBenchArgs(['--bundles', 'mvp'], defaults)).toThrow(/--bundles: use eh, coi or eh,coi \(got "mvp"\)/);
    expect(() => parseBrowserBenchArgs(['--rows'], defaults)).toThrow(/--rows needs a value/);
    expect(() => parseBrowserBenchArgs(['--sizes', '1m'], defaults)).toThrow(/Unknown argument --sizes/);
  });
});

describe('bench repetitions', () => {
  const opts = { runs: 5, budgetSeconds: null, timeoutSeconds: null };

  it('runs every repetition fresh and records one sample per step', async () => {
    const seen: number[] = [];
    const [a, b] = await repeatSamples(['dtoc_sql', 'dtoc_view'], opts, {
      each: async (run) => {
        seen.push(run);
        return [
          { ms: run, peakMb: 1 },
          { ms: 10 + run, peakMb: 2 },
        ];
      },
    });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(a!.samples.map((s) => s.ms)).toEqual([0, 1, 2, 3, 4]);
    expect(b!.samples.map((s) => s.ms)).toEqual([10, 11, 12, 13, 14]);
  });

  it('stops at the first failure and keeps the runs that finished', async () => {
    const [r] = await repeatSamples(['import'], opts, {
      each: async (run) => {
        if (run === 2) throw new Error('Out of Memory Error: failed to allocate\nmore detail');
        return [{ ms: 1, peakMb: 1 }];
      },
    });
    expect(r).toEqual({
      step: 'import',
      samples: [
        { ms: 1, peakMb: 1 },
        { ms: 1, peakMb: 1 },
      ],
      error: 'Out of Memory Error: failed to allocate',
    });
  });

  it('cancels a repetition that runs past the timeout', async () => {
    const [r] = await repeatSamples(
      ['growth_sql'],
      { runs: 3, budgetSeconds: null, timeoutSeconds: 0.05 },
      {
        each: (_run, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')))),
      },
    );
    expect(r!.samples).toEqual([]);
    expect(r!.error).toMatch(/run 1 did not finish within the 0.05 s timeout/);
  });
});

describe('captured SQL for the native replay', () => {
  const w = (tag: string, growth: boolean): CapturedWorkload => ({
    dtocTable: 'T',
    dtoc: [{ sql: `dtoc ${tag}`, rows: 1 }],
    growth: growth ? [{ sql: `growth ${tag}`, rows: 1 }] : null,
    peersTable: 'P',
    peers: [{ sql: `peers ${tag}`, rows: 1 }],
    chart: { sql: `chart ${tag}`, rows: 1 },
  });

  it("uses the previous size's SQL only where this size has none", () => {
    const { workload, borrowed } = workloadFor(w('5M', false), w('1M', true));
    expect(workload?.growth).toEqual([{ sql: 'growth 1M', rows: null }]);
    expect(workload?.dtoc).toEqual([{ sql: 'dtoc 5M', rows: 1 }]);
    expect(borrowed).toEqual(['growth SQL']);
    expect(workloadFor(null, null)).toEqual({ workload: null, borrowed: [] });
  });
});

describe('steps skipped at the next size', () => {
  const row = (step: ResultRow['step'], size: number, project: number | null, native: number | null, note?: string): ResultRow => ({
    engine: 'wasm',
    step,
    size,
    runs: 5,
    project_ms: project,
    native_ms: native,
    ratio: null,
    peak_mb: null,
    native_peak_mb: null,
    ...(note ? { note } : {}),
  });

  it('skips a step whose time scaled from the nearest smaller size passes the timeout', () => {
    const previous = [
      row('import', 100_000, 4_000, 150), // ×50 would be 200 s, but the nearest size says otherwise
      row('growth_sql', 100_000, 12_000, 1_900),
      row('import', 1_000_000, 22_000, 1_300),
      row('growth_sql', 1_000_000, 120_000, 19_000),
      row('growth_view', 1_000_000, 120_500, null),
    ];
    const { project, native } = skipsFor(previous, 5_000_000, 240);
    expect(Object.keys(project)).toEqual(['growth_sql', 'growth_view']);
    expect(project.growth_sql).toBe('skipped: about 600 s a run expected (120.0 s at 1,000,000 rows, scaled to 5,000,000), over the 240 s timeout');
    expect(native).toEqual({});
    expect(skipsFor(previous, 5_000_000, null)).toEqual({ project: {}, native: {} });
  });

  it('skips a step that timed out or was skipped at the smaller size', () => {
    const previous = [
      row('growth_view', 1_000_000, null, null, 'project failed: run 1 did not finish within the 240 s timeout and was cancelled'),
      row('growth_sql', 1_000_000, null, 5, 'project: skipped: about 600 s'),
    ];
    const { project } = skipsFor(previous, 5_000_000, 240);
    expect(project).toEqual({
      growth_sql: 'skipped: it was skipped at 1,000,000 rows as well',
      growth_view: 'skipped: it did not finish within the 240 s timeout at 1,000,000 rows',
    });
  });
});
