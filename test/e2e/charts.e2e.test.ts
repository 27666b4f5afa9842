import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { download, newChartOn, openApp, openSampleData, ROOT, screenshot, waitForChart, type Session } from './harness';

/** An independent figure: native DuckDB reading the sample CSV itself. */
async function nativeOne(sql: string): Promise<Record<string, unknown>> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const reader = await conn.runAndReadAll(sql);
  const row = reader.getRowObjectsJson()[0] as Record<string, unknown>;
  conn.closeSync();
  return row;
}

async function downloaded(page: Page, trigger: () => Promise<void>): Promise<string> {
  return (await download(page, trigger)).file;
}

describe('the chart builder', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    await openSampleData(s.page);
    await s.page
      .locator('.dataset-button', { hasText: /^activity/ })
      .first()
      .click();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('builds a stacked monthly activity-by-point-of-delivery chart for the home CCG and exports PNG and CSV', async () => {
    const { page } = s;
    await page.getByTestId('new-chart').click();
    await waitForChart(page);
    // Colour by point of delivery (button), filter to Somerset (keyboard-reachable checkboxes), stack.
    await page.getByRole('button', { name: 'Colour by pod', exact: true }).click();
    await page.getByTestId('stack-mode').selectOption('stacked');
    await page.getByRole('button', { name: 'Filter by commissioner_code', exact: true }).click();
    await page.getByRole('group', { name: 'Values of commissioner_code' }).getByLabel(/^11X/).check();
    await page.getByTestId('format-title').fill('NHS Somerset CCG: monthly activity by point of delivery');
    await page.getByTestId('format-sourceNote').fill('Source: synthetic SUS-style extract');
    await waitForChart(page);
    const table = page.getByTestId('chart-data');
    await table.locator('tbody tr').first().waitFor();
    const headers = await table.locator('thead th').allTextContents();
    expect(headers[0]).toMatch(/^Month/);
    expect(headers).toContain('AE');
    const firstRow = await table.locator('tbody tr').first().locator('td').allTextContents();
    expect(firstRow[0]).toBe('Apr 2014');
    const expected = await nativeOne(
      `SELECT SUM(activity) AS n FROM read_csv('${path.join(ROOT, 'sample-data/activity.csv')}') WHERE commissioner_code = '11X' AND pod = 'AE' AND month = DATE '2014-04-01'`,
    );
    const aeIndex = headers.indexOf('AE');
    expect(firstRow[aeIndex]!.replace(/,/g, '')).toBe(String(expected.n));
    expect(await table.locator('tbody tr').count()).toBe(84);
    await screenshot(page, 'chart-stacked-monthly');

    const png = await downloaded(page, () => page.getByTestId('export-png').click());
    const bytes = readFileSync(png);
    expect([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
    // 2× the 960×540 slide size.
    expect(bytes.readUInt32BE(16)).toBe(1920);
    expect(bytes.readUInt32BE(20)).toBe(1080);
    const csv = readFileSync(await downloaded(page, () => page.getByTestId('export-csv').click()), 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Month,pod,Total activity');
    expect(lines).toContain(`2014-04-01,AE,${String(expected.n)}`);
  });

  it('builds a financial-year bar chart, with undo and redo', async () => {
    const { page } = s;
    await newChartOn(page, 'activity');
    await page.getByTestId('x-grain').selectOption('financial_year');
    await page.getByTestId('chart-type').selectOption('bar');
    await page.getByRole('button', { name: 'Filter by pod', exact: true }).click();
    await page.getByRole('group', { name: 'Values of pod' }).getByLabel(/^AE/).check();
    await page.getByTestId('format-title').fill('A&E attendances by financial year, all CCGs');
    await waitForChart(page);
    const rows = page.getByTestId('chart-data').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(7);
    expect(await rows.first().locator('td').first().textContent()).toBe('2014/15');
    const expected = await nativeOne(
      `SELECT SUM(activity) AS n FROM read_csv('${path.join(ROOT, 'sample-data/activity.csv')}') WHERE pod = 'AE' AND financial_year = '2016/17'`,
    );
    const fy1617 = rows.filter({ hasText: '2016/17' }).locator('td').nth(1);
    expect((await fy1617.textContent())!.replace(/,/g, '')).toBe(String(expected.n));
    await screenshot(page, 'chart-financial-year-bar');
    // Undo the title, the value tick, the filter and the type change (Ctrl+Z works too); redo the type.
    await page.getByTestId('undo').click();
    await page.getByTestId('undo').click();
    await page.getByTestId('undo').click();
    await page.getByTestId('chart-editor').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+z');
    expect(await page.getByTestId('chart-type').inputValue()).toBe('column');
    expect(await page.getByTestId('x-grain').inputValue()).toBe('financial_year');
    await page.getByTestId('redo').click();
    expect(await page.getByTestId('chart-type').inputValue()).toBe('bar');
    // The sample workbook's five charts (four charts and the SPC chart) and the two made here.
    expect(await page.getByTestId('chart-list').locator('li').count()).toBe(7);
    expect(s.outsideRequests).toEqual([]);
  });

  it('a calculated measure: cost per unit of activity by financial year, a typo caught with its place first', async () => {
    const { page } = s;
    await newChartOn(page, 'activity');
    await page.getByTestId('x-grain').selectOption('financial_year');
    await page.getByTestId('add-calculated-measure').click();
    await page.getByTestId('calc-name').fill('Cost per unit (£)');
    await page.getByTestId('calc-expr').fill('sum(cost_gbp) / sum(activty)');
    expect(await page.getByTestId('calc-check').textContent()).toContain('There is no field "activty": did you mean [activity]?');
    expect(await page.getByTestId('calc-check').locator('mark').textContent()).toBe('activty');
    expect(await page.getByTestId('calc-save').isDisabled()).toBe(true);
    await page.getByTestId('calc-expr').fill('sum(cost_gbp) / sum(activity)');
    expect(await page.getByTestId('calc-check').textContent()).toContain('Fits the table');
    await page.getByTestId('calc-save').click();
    await waitForChart(page);
    const table = page.getByTestId('chart-data');
    await table.locator('th', { hasText: 'Cost per unit (£)' }).waitFor();
    const expected = await nativeOne(
      `SELECT SUM(cost_gbp) / SUM(activity) AS v FROM read_csv('${path.join(ROOT, 'sample-data/activity.csv')}') WHERE financial_year = '2016/17'`,
    );
    const cells = await table.locator('tbody tr', { hasText: '2016/17' }).locator('td').allTextContents();
    expect(Number(cells.at(-1)!.replace(/[£,]/g, ''))).toBeCloseTo(Number(expected.v), 1);
    await screenshot(page, 'chart-calculated-measure');
  });
});
