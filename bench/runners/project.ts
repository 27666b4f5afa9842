/**
 * The app's side of the benchmark, in its own process (started by
 * bench/run.ts): one of the app's engines — native DuckDB (NativeEngine, as
 * the desktop app's engine process and the CLI run it) or duckdb-wasm in a
 * worker thread (as the browser runs it) — with the app's importer, view
 * templates and chart code over it.
 */
import { renderChartSvg } from '../../src-shared/charts/render-svg';
import { createImportService } from '../../src-shared/import/import-service';
import { describeEngine, openEngine as openAppEngine } from '../../src-main/engine/open-engine';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import { dtocTemplate } from '../../src-shared/analysis/dtoc/template';
import { growthTemplate } from '../../src-shared/analysis/growth/template';
import { peersTemplate } from '../../src-shared/analysis/peers';
import type { ViewSpec, ViewTemplate } from '../../src-shared/analysis/view-types';
import { buildChartOption } from '../../src-shared/charts/build-chart-option';
import { compileChartSql } from '../../src-shared/charts/compile-chart-sql';
import type { ChartOption } from '../../src-shared/charts/option-json';
import { tableToRows } from '../../src-shared/engine/arrow-values';
import type { Engine } from '../../src-shared/engine/engine';
import type * as arrow from 'apache-arrow';
import { formatBreakdown, importBreakdown } from '../lib/import-breakdown';
import { measure } from '../lib/memory';
import type { CapturedQuery, CapturedWorkload, RunnerRequest, StepName, StepRecord } from '../lib/protocol';
import { RecordingRunner } from '../lib/recording-runner';
import { repeatSamples, repeatStep, skipped, type RepeatOptions, type StepWork } from '../lib/repeat';
import { runnerMain, type Send } from '../lib/runner-io';
import {
  ACTIVITY,
  chartSpec,
  DTOC,
  DTOC_SPEC,
  DTOC_TABLE_SQL,
  dropTableSql,
  GROWTH_SPEC,
  INDICATORS,
  PEERS_SPEC,
  PEERS_TABLE_SQL,
  QUIRKY,
  RAW,
  readCsvSql,
} from '../lib/workload';

/** The name the raw read registers the extract under (in the engine's registered-files folder). */
const RAW_FILE = 'bench_raw_read.csv';

function sameSql(a: readonly CapturedQuery[], b: readonly CapturedQuery[]): boolean {
  return a.length === b.length && a.every((q, i) => q.sql === b[i]!.sql);
}

/**
 * Run a view template `runs` times, each run fresh. Two records: `<view>_sql`
 * (time inside the engine's query() for the SQL the template ran — what the
 * native runner replays) and `<view>_view` (the whole template.run: SQL plus
 * the template's JavaScript: classifying, formulas, tables and chart options).
 */
async function repeatView(
  engine: Engine,
  template: ViewTemplate,
  spec: ViewSpec,
  names: [StepName, StepName],
  opts: RepeatOptions,
  send: Send,
  skips: RunnerRequest['skip'],
): Promise<{ records: StepRecord[]; queries: CapturedQuery[] | null }> {
  const skip = skipped(names, skips);
  if (skip) return { records: skip, queries: null };
  let first: CapturedQuery[] | null = null;
  const records = await repeatSamples(names, opts, {
    each: async (_run, signal) => {
      const runner = new RecordingRunner(engine);
      const { ms, peakMb } = await measure(() => template.run(runner, spec, { signal }));
      if (first === null) first = runner.queries;
      else if (!sameSql(first, runner.queries))
        send({ type: 'warning', text: `${template.id}: the SQL differed between runs; the first run's SQL is replayed natively` });
      return [
        { ms: runner.sqlMs, peakMb },
        { ms, peakMb },
      ];
    },
  });
  return { records, queries: first };
}

async function run(req: RunnerRequest, send: Send): Promise<void> {
  const kind = req.engine ?? 'wasm';
  // WORKBENCH_ENGINE_MEMORY limits native DuckDB as the desktop app does (half the machine's memory there).
  const memoryLimit = process.env.WORKBENCH_ENGINE_MEMORY;
  const openEngine = (k: typeof kind) => openAppEngine(k, memoryLimit ? { memoryLimit } : {});
  const opts: RepeatOptions = { runs: req.runs, budgetSeconds: req.stepBudgetSeconds, timeoutSeconds: req.stepTimeoutSeconds };
  const step = (record: StepRecord) => send({ type: 'step', record });
  /** One timed step, unless the parent said to skip it. */
  const single = async (name: StepName, work: StepWork): Promise<StepRecord> => skipped([name], req.skip)?.[0] ?? repeatStep(name, opts, work);

  // Opening the engine: for wasm a worker thread, the wasm module and a database; for native a database and its private folder.
  let spare: Engine | null = null;
  step(
    await single('open', {
      timed: async () => {
        spare = (await openEngine(kind)).engine;
      },
      after: async () => {
        await spare?.close();
        spare = null;
      },
    }),
  );

  const { engine, fallbackReason } = await openEngine(kind);
  if (fallbackReason) throw new Error(fallbackReason);
  try {
    const about = tableToRows(await engine.query("SELECT version() AS v, current_setting('threads') AS t"))[0];
    send({
      type: 'info',
      key: `app_engine_${kind}`,
      value: `${describeEngine(engine).replace(/^engine: /, '')}, DuckDB ${String(about?.v)}, ${String(about?.t)} thread(s)${kind === 'wasm' ? ', eh bundle' : ''}`,
    });
    const source = await nodeFileSource(req.file);

    // The app's importer: sniff, typed sample, one typed read with NHS-aware conversion and checks.
    // Every run opens the file afresh, as choosing it in the app does: the importer keeps a
    // file's sniff and inferred types only for the same opened file (preview → import).
    const imported = await single('import', {
      before: () => engine.exec(dropTableSql(ACTIVITY)),
      timed: async (_run, signal) => createImportService(engine).importFiles(ACTIVITY, [await nodeFileSource(req.file)], { signal }),
    });
    step(imported);
    if (imported.samples.length === 0) throw new Error(`the import failed, so nothing else can run: ${imported.error ?? 'no runs'}`);
    if (req.importBreakdown) {
      const breakdown = await importBreakdown(engine, ACTIVITY, source);
      send({ type: 'info', key: `import breakdown at ${req.size.toLocaleString('en-GB')} rows`, value: formatBreakdown(breakdown) });
    }
    const described = tableToRows(await engine.query(`DESCRIBE ${ACTIVITY}`));
    send({ type: 'info', key: 'project_schema', value: described.map((r) => `${String(r.column_name)} ${String(r.column_type)}`).join(', ') });

    // DuckDB's own CSV reader through the project engine, with the same statement native DuckDB runs.
    // The same extract as a quirky file (Windows-1252, title lines, UK dates, £, brackets, *).
    if (req.quirkyFile) {
      const quirkyFile = req.quirkyFile;
      step(
        await single('import_quirky', {
          before: () => engine.exec(dropTableSql(QUIRKY)),
          timed: async (_run, signal) => createImportService(engine).importFiles(QUIRKY, [await nodeFileSource(quirkyFile)], { signal }),
          after: () => engine.exec(dropTableSql(QUIRKY)),
        }),
      );
    }

    // The engine is sandboxed: it reads the file by the path registering it gives.
    const rawPath = await engine.registerFile(RAW_FILE, source);
    step(
      await single('raw_read', {
        before: () => engine.exec(dropTableSql(RAW)),
        timed: (_run, signal) => engine.exec(readCsvSql(RAW, rawPath), { signal }),
        after: () => engine.exec(dropTableSql(RAW)),
      }),
    );
    await engine.dropFile(rawPath);

    // DTOC: derive the sitrep-shaped table, then run the view over it.
    step(await single('dtoc_table', { before: () => engine.exec(dropTableSql(DTOC)), timed: (_run, signal) => engine.exec(DTOC_TABLE_SQL, { signal }) }));
    const dtoc = await repeatView(engine, dtocTemplate, DTOC_SPEC, ['dtoc_sql', 'dtoc_view'], opts, send, req.skip);
    dtoc.records.forEach(step);
    await engine.exec(dropTableSql(DTOC));

    const growth = await repeatView(engine, growthTemplate, GROWTH_SPEC, ['growth_sql', 'growth_view'], opts, send, req.skip);
    growth.records.forEach(step);

    step(
      await single('peers_table', { before: () => engine.exec(dropTableSql(INDICATORS)), timed: (_run, signal) => engine.exec(PEERS_TABLE_SQL, { signal }) }),
    );
    const peers = await repeatView(engine, peersTemplate, PEERS_SPEC, ['peers_sql', 'peers_view'], opts, send, req.skip);
    peers.records.forEach(step);
    await engine.exec(dropTableSql(INDICATORS));

    // The chart builder: spec → SQL → rows → ECharts option → SVG, each repetition from a fresh result.
    const spec = chartSpec();
    const chartSql = compileChartSql(spec);
    let chartRows: number | null = null;
    const chartSteps: StepName[] = ['chart_sql', 'chart_option', 'chart_svg'];
    const chartRecords =
      skipped(chartSteps, req.skip) ??
      (await repeatSamples(chartSteps, opts, {
        each: async (_run, signal) => {
          const q = await measure(() => engine.query(chartSql, { signal }));
          const result: arrow.Table = q.value;
          chartRows = result.numRows;
          const o = await measure(() => buildChartOption(spec, tableToRows(result)));
          const option: ChartOption = o.value;
          const s = await measure(() => renderChartSvg(option, { width: spec.format.width, height: spec.format.height }));
          if (!s.value.startsWith('<svg')) throw new Error('the chart did not render to SVG');
          return [
            { ms: q.ms, peakMb: q.peakMb },
            { ms: o.ms, peakMb: o.peakMb },
            { ms: s.ms, peakMb: s.peakMb },
          ];
        },
      }));
    chartRecords.forEach(step);

    const workload: CapturedWorkload = {
      dtocTable: DTOC_TABLE_SQL,
      dtoc: dtoc.queries,
      growth: growth.queries,
      peersTable: PEERS_TABLE_SQL,
      peers: peers.queries,
      chart: chartRows === null ? null : { sql: chartSql, rows: chartRows },
    };
    send({ type: 'workload', workload });
  } finally {
    await engine.close();
  }
}

runnerMain(run);
