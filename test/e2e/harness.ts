import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { workbenchMounts } from '../../src-main/mounted-path';
import { startWebServer, type WebServer } from '../../src-main/web/static-server';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(ROOT, 'test-results', 'screenshots');
export const DOWNLOADS = path.join(ROOT, 'test-results', 'downloads');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  server: WebServer;
  /** Requests the page made to anything other than the app's own server. */
  outsideRequests: string[];
  consoleErrors: string[];
  /** Same-origin requests that failed (status ≥ 400). */
  failedRequests: string[];
  close(): Promise<void>;
}

/** The built renderer served in browser mode, opened in Chromium. */
export async function openApp(query = ''): Promise<Session> {
  const rendererDir = path.join(ROOT, 'out/renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) throw new Error('Build the renderer first: npx electron-vite build');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startWebServer(workbenchMounts(rendererDir, path.join(ROOT, 'sample-data')));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const outsideRequests: string[] = [];
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(server.url) && !url.startsWith('blob:') && !url.startsWith('data:')) outsideRequests.push(url);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(`${server.url}${query}`);
  await page.getByTestId('engine-status').filter({ hasText: 'DuckDB' }).waitFor({ timeout: 60_000 });
  return {
    browser,
    context,
    page,
    server,
    outsideRequests,
    consoleErrors,
    failedRequests,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Choose files in the app's file picker (the browser platform's file input). */
export async function pickFiles(page: Page, trigger: () => Promise<void>, files: string[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await trigger();
  await (await chooser).setFiles(files);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Waits until the chart editor's preview is drawn and no re-query is running (the last chart stays on screen while one runs). */
export async function waitForChart(page: Page): Promise<void> {
  await page.getByTestId('chart-preview').waitFor();
  await page.locator('[data-testid="chart-preview-box"][aria-busy="false"]').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="chart-preview"]')?.getAttribute('data-rendered') != null);
}

/** Selects a loaded table in the sidebar and starts a new chart on it (its default spec drawn). */
export async function newChartOn(page: Page, table: string): Promise<void> {
  await page
    .locator('.dataset-button', { hasText: new RegExp(`^${table}`) })
    .first()
    .click();
  await page.getByTestId('new-chart').click();
  await waitForChart(page);
}

/** Opens the app's sample data (the nine extracts, the sample workbook and its derived table) and waits for the report. */
export async function openSampleData(page: Page): Promise<void> {
  await page.getByTestId('open-sample-data').click();
  await page.locator('[data-testid="dataset-list"] li').nth(9).waitFor({ timeout: 120_000 });
  await page.getByTestId('report-page').waitFor({ timeout: 60_000 });
}

/** Runs `trigger` and saves the download it starts into test-results/downloads; the saved file's path. */
export async function download(
  page: Page,
  trigger: () => Promise<void>,
  opts: { prefix?: string; timeout?: number } = {},
): Promise<{ name: string; file: string }> {
  mkdirSync(DOWNLOADS, { recursive: true });
  const pending = page.waitForEvent('download', { timeout: opts.timeout ?? 30_000 });
  await trigger();
  const d = await pending;
  const file = path.join(DOWNLOADS, `${opts.prefix ?? ''}${d.suggestedFilename()}`);
  await d.saveAs(file);
  return { name: d.suggestedFilename(), file };
}
