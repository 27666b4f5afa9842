import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, pickFiles, ROOT, screenshot, type Session } from './harness';

describe('opening a CSV in browser mode', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('loads the file into DuckDB and shows its name, row count, columns and rows', async () => {
    const { page } = s;
    await pickFiles(page, () => page.getByTestId('open-file').click(), [path.join(ROOT, 'test/fixtures/import/nhs-quirks.csv')]);
    await page.getByTestId('preview-table').waitFor();
    await page.getByTestId('confirm-import').click();
    await page.getByTestId('dataset-title').filter({ hasText: 'nhs_quirks' }).waitFor();
    expect(await page.getByTestId('row-count').textContent()).toBe('3');
    const columns = await page.getByTestId('column-list').textContent();
    expect(columns).toContain('Spend');
    expect(columns).toContain('Financial year');
    // First data row, "Spend" column: £1,234.50 read as a number.
    const firstRow = page.locator('[data-row="0"]');
    await firstRow.getByText('1,234.5').waitFor();
    expect(await firstRow.textContent()).toContain('RBA');
    expect(await page.getByTestId('last-query').textContent()).toMatch(/Last query \d/);
    await screenshot(page, 'open-csv');
    expect(s.outsideRequests).toEqual([]);
  });
});
