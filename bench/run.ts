/**
 * `npm run bench`: the node benchmark. For each extract size, the app's code
 * (importer, views, charts) on each of its engines — native DuckDB, as the
 * desktop app and CLI run it, and duckdb-wasm, as the browser runs it — and
 * raw native DuckDB (@duckdb/node-api, plain read_csv and the same SQL) each
 * run in their own process over the same activity CSV; the table compares
 * medians step by step, one row per engine.
 * See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE } from './lib/args';
import { workloadFor } from './lib/captured';
import { ensureActivityFile, ensureQuirkyFile } from './lib/data';
import { skipsFor } from './lib/forecast';
import { describeMachine, describeRevision } from './lib/machine';
import { peakSource } from './lib/memory';
import type { CapturedWorkload, StepRecord } from './lib/protocol';
import { runRunner } from './lib/spawn-runner';
import { median, summarise, type ResultRow } from './lib/stats';
import { formatMs, formatSize, formatTable } from './lib/table';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));

function log(text: string): void {
  process.stderr.write(`${text}\n`);
}

function progress(size: number, who: string) {
  return (r: StepRecord) => {
    const m = median(r.samples.map((s) => s.ms));
    const status = r.error ? ` FAILED: ${r.error}` : r.note ? ` (${r.note})` : '';
    log(
      `  ${formatSize(size)} ${who.padEnd(7)} ${r.step.padEnd(12)} ${String(r.samples.length).padStart(2)} runs, median ${formatMs(m).padStart(8)} ms${status}`,
    );
  };
}

async function main(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseBenchArgs(argv, { dataDir: resolve(BENCH_DIR, 'data'), out: resolve(BENCH_DIR, 'results.json') });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const started = performance.now();
  const dataDir = resolve(options.dataDir);
  const out = resolve(options.out);
  const revision = describeRevision(resolve(BENCH_DIR, '..'));
  log(`Machine: ${describeMachine()}; code at ${revision}`);
  log(
    `Sizes ${options.sizes.map(formatSize).join(', ')}; ${options.runs} runs per step; step budget ${options.stepBudgetSeconds ?? 'none'} s; timeout ${options.stepTimeoutSeconds ?? 'none'} s`,
  );
  log(`Peak memory from ${peakSource()}`);

  const files = [];
  for (const size of options.sizes) {
    const f = await ensureActivityFile(dataDir, size);
    log(`  ${f.path}: ${f.reused ? 'reused' : 'written'}, ${(f.bytes / 1024 ** 2).toFixed(0)} MB (${(f.ms / 1000).toFixed(1)} s)`);
    const q = await ensureQuirkyFile(dataDir, size, f.path);
    log(`  ${q.path}: ${q.reused ? 'reused' : 'written'}, ${(q.bytes / 1024 ** 2).toFixed(0)} MB (${(q.ms / 1000).toFixed(1)} s)`);
    files.push({ ...f, quirky: q.path });
  }

  const rows: ResultRow[] = [];
  const info = new Map<string, string>();
  const warnings: string[] = [];
  let captured: CapturedWorkload | null = null;
  for (const file of files) {
    const sizeStarted = performance.now();
    // Each engine's steps are forecast from its own rows; the raw native runner's from any engine's rows (they share it).
    const skipsOf = (engine: 'native' | 'wasm') =>
      skipsFor(
        rows.filter((r) => r.engine === engine),
        file.rows,
        options.stepTimeoutSeconds,
      );
    const request = {
      file: file.path,
      quirkyFile: file.quirky,
      size: file.rows,
      runs: options.runs,
      stepBudgetSeconds: options.stepBudgetSeconds,
      stepTimeoutSeconds: options.stepTimeoutSeconds,
    };
    // The app's own engines, one runner process each, then raw native DuckDB replaying the SQL they ran.
    const projects = [];
    for (const engine of options.engines) {
      const who = `app ${engine}`;
      const project = await runRunner(
        'project',
        { ...request, engine, skip: skipsOf(engine).project, importBreakdown: options.importBreakdown },
        progress(file.rows, who),
      );
      projects.push({ engine, project });
      for (const [k, v] of Object.entries(project.info)) info.set(k, v);
      warnings.push(...project.warnings.map((w) => `${formatSize(file.rows)} ${who}: ${w}`));
    }
    const { workload, borrowed } = workloadFor(projects.find((p) => p.project.workload)?.project.workload ?? null, captured);
    if (borrowed.length)
      warnings.push(`${formatSize(file.rows)} native: replays the ${borrowed.join(', ')} the app ran at the previous size (its own run did not finish)`);
    captured = workload;
    const native = await runRunner(
      'native',
      { ...request, skip: skipsOf(options.engines[0]!).native, workload, nativeThreads: options.nativeThreads },
      progress(file.rows, 'raw'),
    );
    for (const [k, v] of Object.entries(native.info)) info.set(k, v);
    warnings.push(...native.warnings.map((w) => `${formatSize(file.rows)} raw native: ${w}`));
    for (const { engine, project } of projects) rows.push(...summarise(file.rows, project.steps, native.steps, engine));
    // Written after every size, so an interrupted run keeps what it measured.
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(rows, null, 2)}\n`);
    log(`  ${formatSize(file.rows)} done in ${((performance.now() - sizeStarted) / 1000).toFixed(0)} s`);
  }

  const lines = [
    '',
    `Machine: ${describeMachine()}`,
    `Code: ${revision}`,
    ...[...info].map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v}`),
    `Medians of up to ${options.runs} runs (fewer where a step's runs passed the ${options.stepBudgetSeconds ?? '–'} s step budget);`,
    "engine = the app's engine (native DuckDB in the desktop app and CLI, DuckDB-Wasm in the browser); ratio = app ÷ raw native DuckDB;",
    'peak = RSS high-water mark of the runner process during the step (max over runs), MB.',
    '',
    formatTable(rows),
  ];
  if (warnings.length) lines.push('', 'Warnings:', ...warnings.map((w) => `  ${w}`));
  lines.push('', `Results: ${out}`, `Wall time: ${((performance.now() - started) / 1000).toFixed(0)} s`, '');
  process.stdout.write(lines.join('\n'));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
