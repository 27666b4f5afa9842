import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, pickFiles, ROOT, screenshot, waitForChart, type Session } from './harness';

/**
 * The person's own activity.csv: the sample extract with one more row, so it is not the app's sample
 * file (which a reopened workbook finds by itself when the content is the same) and has to be located.
 */
const ACTIVITY = (() => {
  const dir = path.join(ROOT, 'test-results', 'own-extract');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'activity.csv');
  const sample = readFileSync(path.join(ROOT, 'sample-data', 'activity.csv'), 'utf8');
  writeFileSync(
    file,
    `${sample.trimEnd()}\n11X,NHS Somerset CCG,RBA,Taunton and Somerset NHS Foundation Trust,AE,A&E attendance,2021-04-01,2021/22,1,100.00\n`,
  );
  return file;
})();
const DOWNLOADS = path.join(ROOT, 'test-results', 'downloads');

async function importActivity(page: Page): Promise<void> {
  await pickFiles(page, () => page.getByTestId('header-open').click(), [ACTIVITY]);
  await page.getByTestId('preview-table').waitFor();
  await page.getByTestId('confirm-import').click();
  await page.getByTestId('dataset-title').filter({ hasText: 'activity' }).waitFor();
}

async function chartTableText(page: Page): Promise<string> {
  await waitForChart(page);
  const table = page.getByTestId('chart-data');
  await table.locator('tbody tr').first().waitFor();
  return (await table.innerText()).trim();
}

async function openChart(page: Page, title: string): Promise<void> {
  await page
    .getByTestId('chart-list')
    .getByRole('button', { name: new RegExp(`^${title}`) })
    .click();
  await page.getByTestId('chart-editor').waitFor();
}

async function reopenWorkbook(page: Page, file: string): Promise<void> {
  await pickFiles(page, () => page.getByTestId('open-workbook').click(), [file]);
  // In the browser, files have no paths: the app asks for the source files again.
  await page.getByTestId('missing-files').waitFor();
  expect(await page.getByTestId('missing-files').textContent()).toContain('activity.csv');
  await pickFiles(page, () => page.getByTestId('locate-files').click(), [ACTIVITY]);
  await page.getByTestId('report-page').waitFor({ timeout: 60_000 });
}

describe('workbooks', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    s.page.on('dialog', (d) => void d.accept());
  });
  afterAll(async () => {
    await s?.close();
  });

  it('saves two charts and a report, reloads the page, reopens the workbook and shows the same charts', async () => {
    const { page } = s;
    await importActivity(page);
    await page.getByTestId('new-chart').click();
    await page.getByTestId('format-title').fill('Monthly activity');
    const first = await chartTableText(page);
    await page.getByTestId('add-chart-to-report').click();
    await page.locator('.dataset-button', { hasText: 'activity' }).first().click();
    await page.getByTestId('new-chart').click();
    await page.getByTestId('x-grain').selectOption('financial_year');
    await page.getByTestId('chart-type').selectOption('bar');
    await page.getByTestId('format-title').fill('Activity by financial year');
    const second = await chartTableText(page);
    await page.getByTestId('add-chart-to-report').click();
    await page.getByTestId('open-report').click();
    await page.getByTestId('add-text').click();
    await page.getByLabel('Text').fill('Activity fell sharply in 2020/21 (COVID-19).');
    expect(await page.getByTestId('report-item').count()).toBe(3);
    expect(await page.getByTestId('workbook-name').textContent()).toContain('•');

    await page.getByTestId('save-workbook').click();
    await page.getByTestId('workbook-title').fill('Activity board pack');
    mkdirSync(DOWNLOADS, { recursive: true });
    const pending = page.waitForEvent('download');
    await page.getByTestId('confirm-save').click();
    const download = await pending;
    const saved = path.join(DOWNLOADS, download.suggestedFilename());
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toBe('activity_board_pack.workbook.json');
    await page.getByTestId('save-dialog').waitFor({ state: 'detached' });
    expect(await page.getByTestId('workbook-name').textContent()).not.toContain('•');

    await page.reload();
    await page.getByTestId('engine-status').filter({ hasText: 'DuckDB' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('.dataset-list li').count()).toBe(0);

    await reopenWorkbook(page, saved);
    expect(await page.getByTestId('report-item').count()).toBe(3);
    expect(await page.getByTestId('workbook-name').textContent()).not.toContain('•');
    await page.locator('[data-testid^="report-chart-"]').nth(1).waitFor();
    expect(await page.getByLabel('Text').inputValue()).toBe('Activity fell sharply in 2020/21 (COVID-19).');
    await screenshot(page, 'workbook-report-reopened');
    await openChart(page, 'Monthly activity');
    expect(await chartTableText(page)).toBe(first);
    await openChart(page, 'Activity by financial year');
    expect(await chartTableText(page)).toBe(second);
    expect(await page.getByTestId('chart-type').inputValue()).toBe('bar');
    expect(s.outsideRequests).toEqual([]);
  });

  it('keeps a recovery copy of unsaved work and offers it after the window closes', async () => {
    const { page } = s;
    await page.locator('.dataset-button', { hasText: 'activity' }).first().click();
    await page.getByTestId('new-chart').click();
    await page.getByTestId('format-title').fill('Unsaved chart');
    await chartTableText(page);
    // The recovery copy is written every 15 seconds while there are unsaved changes.
    await page.waitForFunction(
      () => Object.keys(localStorage).some((k) => k.startsWith('workbench-recovery:') && (localStorage.getItem(k) ?? '').includes('Unsaved chart')),
      undefined,
      { timeout: 40_000 },
    );
    await page.reload();
    await page.getByTestId('recovery-banner').waitFor({ timeout: 60_000 });
    await screenshot(page, 'workbook-recovery-offer');
    await page.getByTestId('recovery-banner').getByRole('button', { name: 'Restore' }).click();
    await page.getByTestId('missing-files').waitFor();
    await pickFiles(page, () => page.getByTestId('locate-files').click(), [ACTIVITY]);
    await page.getByTestId('report-page').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('chart-list').textContent()).toContain('Unsaved chart');
  });
  it('refreshes a table from a newer extract whose column was renamed, and the chart follows the rename', async () => {
    const { page } = s;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-refresh-'));
    const v1 = path.join(dir, 'beds.csv');
    const v2 = path.join(dir, 'beds-newer.csv');
    writeFileSync(v1, 'month,provider,bed_days\n2016-04-01,RBA,100\n2016-05-01,RBA,120\n');
    writeFileSync(v2, 'month,provider,Bed Days\n2016-04-01,RBA,100\n2016-05-01,RBA,120\n2016-06-01,RBA,90\n');
    await pickFiles(page, () => page.getByTestId('header-open').click(), [v1]);
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('dataset-title').filter({ hasText: 'beds' }).waitFor();
    await page.getByTestId('new-chart').click();
    expect(await chartTableText(page)).toContain('120');
    await page.locator('.dataset-button', { hasText: /^beds/ }).first().click();
    await pickFiles(page, () => page.getByTestId('refresh-table').click(), [v2]);
    const notice = page.getByTestId('notice');
    await notice.filter({ hasText: 'refreshed' }).waitFor();
    expect(await notice.textContent()).toContain('bed_days');
    expect(await notice.textContent()).toContain('Bed Days');
    await page.getByTestId('chart-list').getByRole('button', { name: /beds/ }).last().click();
    const table = await chartTableText(page);
    expect(table).toContain('Jun 2016');
    expect(table).toContain('90');
  });
});
