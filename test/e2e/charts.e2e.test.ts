import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import * as XLSX from '@e965/xlsx';
import { download, newChartOn, openApp, openSampleData, pickFiles, ROOT, screenshot, waitForChart, type Session } from './harness';
import { AE_FIXTURE, expectedPerformance, FOUR_HOUR_MEASURE } from '../charts/ae-extract';

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

  it('a pivot table: CCG and point of delivery by financial year, with subtotals and totals, shaded, exported to Excel and copied as TSV', async () => {
    const { page, context, server } = s;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await newChartOn(page, 'activity');
    await page.getByTestId('chart-type').selectOption('pivot');
    await page.getByRole('button', { name: 'Rows: use commissioner_code as the first row field' }).click();
    await page.getByRole('button', { name: 'Sub-rows: nest pod under the rows' }).click();
    await page.getByRole('button', { name: 'Columns: a column per value of month' }).click();
    await page.getByLabel('Colour time grain').selectOption('financial_year');
    await page.getByTestId('pivot-colour').check();
    await page.getByTestId('format-title').fill('Activity by CCG and point of delivery');
    const grid = page.getByTestId('pivot-grid');
    await grid.locator('thead th', { hasText: '2016/17' }).waitFor();
    await page.locator('[data-testid="chart-preview-box"][aria-busy="false"]').waitFor();
    const headers = await grid.locator('thead th').allTextContents();
    expect(headers.slice(0, 3)).toEqual(['Commissioner code', 'pod', '2014/15']);
    expect(headers.at(-1)).toBe('Total');
    const csvPath = path.join(ROOT, 'sample-data/activity.csv');
    const cell = await nativeOne(
      `SELECT SUM(activity) AS n FROM read_csv('${csvPath}') WHERE commissioner_code = '11X' AND pod = 'AE' AND financial_year = '2016/17'`,
    );
    const row = grid
      .locator('tbody tr')
      .filter({ has: page.locator('th', { hasText: /^11X$/ }) })
      .filter({ has: page.locator('th', { hasText: /^AE$/ }) });
    const cells = await row.locator('td').allTextContents();
    expect((await row.locator('th').allTextContents())[0]).toBe('11X');
    expect(cells[headers.indexOf('2016/17') - 2]!.replace(/,/g, '')).toBe(String(cell.n));
    // Shaded body cells; the 11X subtotal and the grand total in their own rows, totals computed from the rows.
    expect(await row.locator('td').first().getAttribute('style')).toMatch(/background/);
    const subtotal = grid.locator('tbody tr[data-kind="subtotal"]', { hasText: '11X total' });
    const somerset = await nativeOne(`SELECT SUM(activity) AS n FROM read_csv('${csvPath}') WHERE commissioner_code = '11X'`);
    expect((await subtotal.locator('td').last().textContent())!.replace(/,/g, '')).toBe(String(somerset.n));
    const all = await nativeOne(`SELECT SUM(activity) AS n FROM read_csv('${csvPath}')`);
    expect((await grid.locator('tbody tr[data-kind="total"] td').last().textContent())!.replace(/,/g, '')).toBe(String(all.n));
    await screenshot(page, 'chart-pivot');

    const book = XLSX.read(readFileSync(await downloaded(page, () => page.getByTestId('export-xlsx').click())));
    const sheet = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 });
    const head = sheet.find((r) => r[0] === 'Commissioner code')!;
    expect(head.at(-1)).toBe('Total');
    const totalRow = sheet.find((r) => r[0] === 'Total')!;
    // Real numbers, not text.
    expect(totalRow.at(-1)).toBe(Number(all.n));
    await page.getByTestId('copy-tsv').click();
    await page.getByText('Data copied: paste into Excel').waitFor();
    const tsv = await page.evaluate(() => navigator.clipboard.readText());
    expect(tsv.split(/\r?\n/)[0]).toBe(head.join('\t'));
  });

  it('renames a field, a series and a category: the legend, the data table and the export use the names; a calculated column charts like any field', async () => {
    const { page } = s;
    await newChartOn(page, 'activity');
    await page.getByTestId('x-grain').selectOption('financial_year');
    await page.getByRole('button', { name: 'Colour by pod', exact: true }).click();
    await page.getByTestId('field-search').fill('pod');
    expect(await page.getByTestId('field-list').locator('li').count()).toBe(2);
    await page.getByTestId('field-settings-pod').click();
    await page.getByTestId('field-display-name').fill('Point of delivery');
    await page.getByTestId('field-display-name').press('Enter');
    await page.getByTestId('value-label-AE').fill('A&E attendances');
    await page.getByTestId('value-label-AE').press('Enter');
    await page.getByTestId('measure-label').fill('Activity');
    await waitForChart(page);
    const table = page.getByTestId('chart-data');
    await table.locator('thead th', { hasText: 'A&E attendances' }).waitFor();
    const svg = readFileSync(await downloaded(page, () => page.getByTestId('export-svg').click()), 'utf8');
    expect(svg).toContain('A&amp;E attendances');
    const lines = readFileSync(await downloaded(page, () => page.getByTestId('export-csv').click()), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe('Financial year,Point of delivery,Activity');
    // The data keeps its codes.
    expect(lines.some((l) => l.includes(',AE,'))).toBe(true);

    // A calculated column: cost per unit of each row, then its average by year.
    await page.getByTestId('field-search').fill('');
    await page.getByTestId('add-calculated-column').click();
    await page.getByTestId('calc-column-name').fill('Unit cost');
    // Field names complete as they are typed; a typo is caught with a suggestion.
    const expr = page.getByTestId('calc-column-expr');
    await expr.click();
    await expr.pressSequentially('[cost');
    await page
      .locator('.cm-tooltip-autocomplete')
      .getByRole('option', { name: /^\[cost_gbp\]/ })
      .click();
    await expr.pressSequentially(' / [activty');
    expect(await expr.textContent()).toBe('[cost_gbp] / [activty]');
    expect(await page.getByTestId('calc-column-check').textContent()).toContain('did you mean [activity]?');
    await expr.fill('[cost_gbp] / [activity]');
    await page.getByTestId('calc-column-save').click();
    await page.getByRole('button', { name: 'Add Unit cost as a value' }).waitFor();
    await page.getByRole('button', { name: 'Add Unit cost as a value' }).click();
    await waitForChart(page);
    await table.locator('thead th', { hasText: 'Unit cost' }).first().waitFor();
    await screenshot(page, 'chart-field-settings');
  });

  it('four-hour A&E performance by financial year from an extract in NHS England’s layout: a calculated measure, a trust renamed, legend and export checked', async () => {
    const { page } = s;
    await pickFiles(page, () => page.getByTestId('header-open').click(), [AE_FIXTURE]);
    await page.getByTestId('import-dialog').getByTestId('confirm-import').click();
    await page.getByTestId('dataset-title').filter({ hasText: 'ae_monthly' }).waitFor();
    await page.getByTestId('new-chart').click();
    await waitForChart(page);
    await page.getByTestId('chart-type').selectOption('line');
    await page.getByTestId('x-grain').selectOption('financial_year');
    await page.getByRole('button', { name: 'Colour by Org Code', exact: true }).click();
    await page.getByTestId('add-calculated-measure').click();
    await page.getByTestId('calc-name').fill('Four-hour performance (%)');
    await page.getByTestId('calc-expr').fill(FOUR_HOUR_MEASURE);
    await page.getByTestId('calc-check').filter({ hasText: 'Fits the table' }).waitFor();
    await page.getByTestId('calc-save').click();
    // Only the calculated measure: the default sum goes.
    await page
      .getByTestId('shelf-y')
      .getByRole('button', { name: /^Remove / })
      .first()
      .click();
    // A trust named for the board, and the split field renamed.
    await page.getByTestId('field-settings-Org Code').click();
    await page.getByTestId('field-display-name').fill('Trust');
    await page.getByTestId('field-display-name').press('Enter');
    await page.getByTestId('value-label-RBA').fill('Taunton and Somerset');
    await page.getByTestId('value-label-RBA').press('Enter');
    await page.getByTestId('format-title').fill('Four-hour performance by financial year');
    await waitForChart(page);
    const table = page.getByTestId('chart-data');
    await table.locator('thead th', { hasText: 'Taunton and Somerset' }).waitFor();
    const headers = await table.locator('thead th').allTextContents();
    const col = headers.findIndex((h) => h.startsWith('Taunton and Somerset'));
    const row = table.locator('tbody tr', { hasText: '2019/20' });
    const shown = Number((await row.locator('td').nth(col).textContent())!.replace(/[,%]/g, ''));
    expect(shown).toBeCloseTo(expectedPerformance('RBA')['2019/20']!, 1);
    const svg = readFileSync(await downloaded(page, () => page.getByTestId('export-svg').click()), 'utf8');
    expect(svg).toContain('Taunton and Somerset');
    const lines = readFileSync(await downloaded(page, () => page.getByTestId('export-csv').click()), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe('Financial year,Trust,Four-hour performance (%)');
    const exported = lines.find((l) => l.startsWith('2020/21,RA9,'))!;
    expect(Number(exported.split(',')[2])).toBeCloseTo(expectedPerformance('RA9')['2020/21']!, 9);
    await screenshot(page, 'chart-four-hour-performance');
  });
});
