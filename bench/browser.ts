/**
 * Browser benchmark (`npm run bench:browser`): the built renderer in browser
 * mode, driven by Playwright in Debian's Chromium, as an analyst uses it.
 * For each duckdb-wasm bundle (eh, the app's: one thread; coi: threads, the
 * page being cross-origin isolated) it opens the app afresh N times and times,
 * from the moment the file is chosen: the import preview, the import, and the
 * first chart drawn (medians over the runs); then, in the last run, the
 * re-query latency of M filter changes (click → chart redrawn), with the
 * engine's own query time for each. Before that, start-up: the engine ready
 * after a fresh page load, and the sample board pack opened (runStartup).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openApp, ROOT, screenshot } from '../test/e2e/harness';
import { BROWSER_USAGE, parseBrowserBenchArgs, type BrowserBundle } from './lib/browser-args';
import { ensureActivityFile } from './lib/data';
import { describeMachine, describeRevision } from './lib/machine';
import { median } from './lib/stats';
import { formatMs, formatSize } from './lib/table';

interface BundleResult {
  bundle: BrowserBundle;
  engine: string;
  crossOriginIsolated: boolean;
  rows: number;
  file_mb: number;
  /** Each run's timings (a fresh app per run); the fields below are their medians. */
  runs: FirstChart[];
  preview_ms: number;
  import_ms: number;
  first_chart_ms: number;
  /** Chosen → first chart drawn, including the click on Import in between. */
  total_ms: number;
  requery_ms: number[];
  requery_median_ms: number | null;
  /** The engine's time for the chart query after each change (the status bar's figure). */
  engine_query_median_ms: number | null;
}

const LONG = 15 * 60_000;

/** The chart preview's last draw time (set by the EChart component), or null before the first. */
function renderedAt(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('[data-testid="chart-preview"]')?.getAttribute('data-rendered') ?? null);
}

/** Performs `action` and resolves, with the milliseconds taken, once the chart has been drawn again. */
async function timeRedraw(page: Page, action: () => Promise<void>): Promise<number> {
  const before = await renderedAt(page);
  const started = performance.now();
  await action();
  await page.waitForFunction(
    (previous) => {
      const value = document.querySelector('[data-testid="chart-preview"]')?.getAttribute('data-rendered') ?? null;
      return value !== null && value !== previous;
    },
    before,
    { timeout: LONG, polling: 'raf' },
  );
  return performance.now() - started;
}

/** The status bar's "Last query N ms". */
async function lastQueryMs(page: Page): Promise<number | null> {
  const text = (await page.getByTestId('last-query').textContent()) ?? '';
  const m = /Last query ([\d.]+) ms/.exec(text);
  return m ? Number(m[1]) : null;
}

/** Waits until the chart has not been redrawn for `quietMs`. */
async function settle(page: Page, quietMs = 1000): Promise<void> {
  let last = await renderedAt(page);
  for (;;) {
    await page.waitForTimeout(quietMs);
    const now = await renderedAt(page);
    if (now === last && (await page.getByText('Running…').count()) === 0) return;
    last = now;
  }
}

interface FirstChart {
  preview_ms: number;
  import_ms: number;
  first_chart_ms: number;
  total_ms: number;
}

/** Chooses the extract in a freshly opened app and times preview, import and the first chart. */
async function chooseToFirstChart(page: Page, file: { path: string; rows: number }): Promise<FirstChart> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('open-file').click();
  const picker = await chooser;
  const chosen = performance.now();
  await picker.setFiles(file.path);
  await page.getByTestId('preview-table').waitFor({ timeout: LONG });
  const previewed = performance.now();
  await page.getByTestId('confirm-import').click();
  await page
    .getByTestId('dataset-title')
    .filter({ hasText: path.basename(file.path, '.csv') })
    .waitFor({ timeout: LONG });
  const imported = performance.now();
  const shownRows = Number(((await page.getByTestId('row-count').textContent()) ?? '').replace(/,/g, ''));
  if (shownRows !== file.rows) throw new Error(`The app shows ${shownRows} rows; the extract has ${file.rows}`);
  await page.getByTestId('new-chart').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-preview"]')?.getAttribute('data-rendered') != null, undefined, {
    timeout: LONG,
  });
  const charted = performance.now();
  return {
    preview_ms: Math.round(previewed - chosen),
    import_ms: Math.round(imported - previewed),
    first_chart_ms: Math.round(charted - imported),
    total_ms: Math.round(charted - chosen),
  };
}

/** Times N filter changes (click → chart redrawn) on the chart just drawn. */
async function timeFilterChanges(page: Page, changes: number): Promise<{ requery: number[]; engineMs: number[] }> {
  // Keep only some commissioners: tick and untick values, one change at a time.
  await page.getByRole('button', { name: 'Filter by commissioner_code', exact: true }).click();
  const values = page.getByRole('group', { name: 'Values of commissioner_code' }).getByRole('checkbox');
  await values.first().waitFor({ timeout: LONG });
  console.log('  filter values listed');
  await settle(page);
  const count = await values.count();
  const requery: number[] = [];
  const engineMs: number[] = [];
  for (let i = 0; i < changes; i++) {
    // Ticks values 0, 1, …, then unticks them in the same order, so every change alters the filter.
    const box = values.nth(i % Math.min(count, Math.ceil(changes / 2)));
    requery.push(await timeRedraw(page, () => box.click()));
    console.log(`  change ${i + 1}: ${formatMs(requery[i] ?? null)}`);
    const ms = await lastQueryMs(page);
    if (ms !== null) engineMs.push(ms);
  }
  const dataRows = await page.getByTestId('chart-data').locator('tbody tr').count();
  if (dataRows === 0) throw new Error('The filtered chart has no data rows');
  return { requery, engineMs };
}

/**
 * Each run opens the app afresh (the engine warmed at start, as a user finds
 * it), chooses the extract and draws the first chart; the last run also
 * times the filter changes.
 */
async function runBundle(bundle: BrowserBundle, file: { path: string; rows: number; bytes: number }, changes: number, runs: number): Promise<BundleResult> {
  const firstCharts: FirstChart[] = [];
  let engineLabel = '';
  let isolated = false;
  let requery: number[] = [];
  let engineMs: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const session = await openApp(`?engine=${bundle}`);
    const { page } = session;
    try {
      engineLabel = (await page.getByTestId('engine-status').textContent()) ?? '';
      isolated = await page.evaluate(() => globalThis.crossOriginIsolated === true);
      if (!engineLabel.includes(`(${bundle},`)) throw new Error(`Asked for the ${bundle} bundle; the app is running "${engineLabel}"`);
      // Timed from the file chosen with the engine warmed, as before the warm-up ran behind the ready page.
      await page.waitForFunction(() => performance.getEntriesByName('engine:ready').length > 0, null, { timeout: LONG });
      const timing = await chooseToFirstChart(page, file);
      firstCharts.push(timing);
      console.log(
        `  run ${run}: preview ${formatMs(timing.preview_ms)}, import ${formatMs(timing.import_ms)}, first chart ${formatMs(timing.first_chart_ms)}: total ${formatMs(timing.total_ms)}`,
      );
      if (run === runs) {
        await screenshot(page, `bench-browser-first-chart-${bundle}`);
        ({ requery, engineMs } = await timeFilterChanges(page, changes));
        await screenshot(page, `bench-browser-filtered-${bundle}`);
      }
    } finally {
      if (session.outsideRequests.length) console.error(`Requests outside the app: ${session.outsideRequests.join(', ')}`);
      await session.close();
    }
  }
  const med = (key: keyof FirstChart) => median(firstCharts.map((t) => t[key])) ?? 0;
  return {
    bundle,
    engine: engineLabel,
    crossOriginIsolated: isolated,
    rows: file.rows,
    file_mb: Math.round(file.bytes / 1e5) / 10,
    runs: firstCharts,
    preview_ms: med('preview_ms'),
    import_ms: med('import_ms'),
    first_chart_ms: med('first_chart_ms'),
    total_ms: med('total_ms'),
    requery_ms: requery.map((ms) => Math.round(ms * 10) / 10),
    requery_median_ms: median(requery),
    engine_query_median_ms: median(engineMs),
  };
}

interface StartupResult {
  /** Each fresh load: ms from navigation to the engine open and reported ready (the status bar says DuckDB), and to the warm-up done. */
  runs: { page_shown_ms: number; engine_ready_ms: number; warmed_ms: number; sample_pack_ms: number }[];
  engine_ready_median_ms: number | null;
  warmed_median_ms: number | null;
  /** Click on "Open sample data" → the report drawn (every chart rendered). */
  sample_pack_median_ms: number | null;
}

/**
 * Start-up, as an analyst meets it: the page loaded afresh (its assets from the browser cache, as on
 * a second visit), the engine's marks (engine:opened, engine:ready) read off the page, then the
 * sample board pack opened and timed to its last chart drawn.
 */
async function runStartup(runs: number): Promise<StartupResult> {
  const s = await openApp();
  const out: StartupResult['runs'] = [];
  try {
    for (let i = 0; i < runs; i++) {
      await s.page.evaluate(() => localStorage.clear());
      await s.page.reload();
      await s.page.getByTestId('open-sample-data').waitFor();
      const shown = await s.page.evaluate(() => performance.now());
      await s.page.getByTestId('engine-status').filter({ hasText: 'DuckDB' }).waitFor({ timeout: LONG });
      await s.page.waitForFunction(() => performance.getEntriesByName('engine:ready').length > 0, null, { timeout: LONG });
      const mark = (name: string) => s.page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN, name);
      const started = performance.now();
      await s.page.getByTestId('open-sample-data').click();
      await s.page.getByTestId('report-page').waitFor({ timeout: LONG });
      await s.page.waitForFunction(
        () => {
          const charts = [...document.querySelectorAll('[data-testid="report-page"] .echart')];
          return charts.length > 0 && charts.every((c) => c.getAttribute('data-rendered') !== null);
        },
        null,
        { timeout: LONG, polling: 'raf' },
      );
      out.push({
        page_shown_ms: Math.round(shown),
        engine_ready_ms: Math.round(await mark('engine:opened')),
        warmed_ms: Math.round(await mark('engine:ready')),
        sample_pack_ms: Math.round(performance.now() - started),
      });
    }
  } finally {
    await s.close();
  }
  return {
    runs: out,
    engine_ready_median_ms: median(out.map((r) => r.engine_ready_ms)),
    warmed_median_ms: median(out.map((r) => r.warmed_ms)),
    sample_pack_median_ms: median(out.map((r) => r.sample_pack_ms)),
  };
}

async function main(): Promise<void> {
  let options: ReturnType<typeof parseBrowserBenchArgs>;
  try {
    options = parseBrowserBenchArgs(process.argv.slice(2), { dataDir: path.join(ROOT, 'bench/data'), out: path.join(ROOT, 'bench/browser-results.json') });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${BROWSER_USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(BROWSER_USAGE);
    return;
  }
  console.log(`Machine: ${describeMachine()}`);
  console.log(`Revision: ${describeRevision(ROOT)}`);
  console.log('\nStart-up: the app loaded afresh, then the sample board pack opened…');
  const startup = await runStartup(options.runs);
  console.log(
    `  medians of ${startup.runs.length} loads: engine ready ${formatMs(startup.engine_ready_median_ms)} after load (warm-up done ${formatMs(startup.warmed_median_ms)}); sample board pack ${formatMs(startup.sample_pack_median_ms)} from the click`,
  );
  const file = await ensureActivityFile(options.dataDir, options.rows);
  console.log(`Extract: ${file.path} (${formatSize(file.rows)} rows, ${(file.bytes / 1e6).toFixed(0)} MB${file.reused ? ', reused' : ''})`);
  const results: BundleResult[] = [];
  for (const bundle of options.bundles) {
    console.log(`\n${bundle}: opening the app in Chromium…`);
    const r = await runBundle(bundle, file, options.changes, options.runs);
    results.push(r);
    console.log(`  ${r.engine}; crossOriginIsolated ${r.crossOriginIsolated}`);
    console.log(
      `  medians of ${r.runs.length} runs: chosen → preview ${formatMs(r.preview_ms)}, import ${formatMs(r.import_ms)}, first chart ${formatMs(r.first_chart_ms)}: total ${formatMs(r.total_ms)}`,
    );
    console.log(
      `  ${options.changes} filter changes: median ${formatMs(r.requery_median_ms)} click → redrawn (engine query median ${formatMs(r.engine_query_median_ms)})`,
    );
  }
  console.log('\n| bundle | threads | file chosen → first chart (median) | of which import | re-query median (click → redrawn) | engine query median |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    const threads = /(\d+) threads?/.exec(r.engine)?.[1] ?? '?';
    console.log(
      `| ${r.bundle} | ${threads} | ${formatMs(r.total_ms)} | ${formatMs(r.import_ms)} | ${formatMs(r.requery_median_ms)} | ${formatMs(r.engine_query_median_ms)} |`,
    );
  }
  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(
    options.out,
    `${JSON.stringify({ machine: describeMachine(), revision: describeRevision(ROOT), changes: options.changes, runs: options.runs, startup, results }, null, 2)}\n`,
  );
  console.log(`\nWritten ${path.relative(ROOT, options.out)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
