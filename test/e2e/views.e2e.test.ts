import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runCli } from '../../src-main/cli/run-cli';
import { formatNumber } from '../../src-shared/format/number-format';
import { download, newChartOn, openApp, openSampleData, ROOT, screenshot, waitForChart, type Session } from './harness';

async function newView(page: Page, template: string): Promise<void> {
  await page.getByTestId('new-view').click();
  await page.getByTestId(`template-${template}`).check();
  await page.getByTestId('create-view').click();
  await page.getByTestId('view-editor').waitFor();
}

async function waitForCharts(page: Page, count: number): Promise<void> {
  await page
    .locator('[data-testid^="result-chart-"]')
    .nth(count - 1)
    .waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => [...document.querySelectorAll('.result-chart .echart')].every((e) => e.getAttribute('data-rendered') !== null));
}

describe('benchmark views on the sample data', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    await openSampleData(s.page);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('peers: picking the home CCG shows the same headline opportunity as the CLI', async () => {
    const { page } = s;
    await newView(page, 'peers');
    // The view asks for the home organisation before it can run.
    await page.getByTestId('view-error').waitFor();
    await page.getByTestId('param-home').selectOption('11X');
    const headline = page.getByTestId('headline-opportunity');
    await headline.waitFor({ timeout: 60_000 });
    const out: string[] = [];
    const code = await runCli(
      [
        'view',
        'peers',
        '--data',
        path.join(ROOT, 'sample-data/peer_indicators.csv'),
        path.join(ROOT, 'sample-data/ccg_demographics.csv'),
        '--param',
        'home=11X',
        '--json',
      ],
      { out: (t) => out.push(t), err: () => undefined },
    );
    expect(code).toBe(0);
    const cli = JSON.parse(out.join('')) as { total: { opportunityValue: number } };
    // Board style (£7.56m) with the exact figure beside it.
    expect(await headline.locator('strong').textContent()).toBe(formatNumber(cli.total.opportunityValue, 'gbp_m', { decimals: 2 }));
    expect(await headline.textContent()).toContain(`(${formatNumber(cli.total.opportunityValue, 'gbp', { decimals: 2 })})`);
    await waitForCharts(page, 2);
    expect(await page.getByTestId('result-table-opportunity').locator('tbody tr').count()).toBeGreaterThan(5);
    await screenshot(page, 'view-peers');
  });

  it('DTOC bed days with a −50% target', async () => {
    const { page } = s;
    await newView(page, 'dtoc');
    await waitForCharts(page, 2);
    await page.getByTestId('param-target').fill('-0.5');
    await page.getByTestId('param-baseline').fill('2016-06');
    await page.getByTestId('param-baseline').press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="view-editor"] .view-results')?.getAttribute('aria-busy') === 'false');
    await waitForCharts(page, 2);
    expect(await page.locator('[data-testid="view-error"]').count()).toBe(0);
    await screenshot(page, 'view-dtoc');
  });

  it('activity growth with a forecast for the home CCG', async () => {
    const { page } = s;
    await newView(page, 'growth');
    await waitForCharts(page, 1);
    await page.getByTestId('param-area').selectOption('11X');
    await page.getByTestId('param-forecastTo').fill('2023/24');
    await page.getByTestId('param-forecastTo').press('Enter');
    await page.getByTestId('param-demographic').fill('0.017');
    await page.getByTestId('param-demographic').press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="view-editor"] .view-results')?.getAttribute('aria-busy') === 'false');
    await waitForCharts(page, 1);
    expect(await page.locator('[data-testid="view-error"]').count()).toBe(0);
    await screenshot(page, 'view-growth');
  });

  it('SPC summary of the performance measures: icons per measure, each row opening its chart', async () => {
    const { page } = s;
    await page.getByTestId('new-view').click();
    await page.getByTestId('template-spc').check();
    // The performance extract is the best fit (period, value, measure, target and direction all map); tick only it.
    const dialog = page.getByTestId('new-view-dialog');
    for (const box of await dialog.getByRole('checkbox').all()) {
      const name = (await box.evaluate((e) => e.parentElement?.textContent ?? '')).trim();
      if (name.startsWith('performance') !== (await box.isChecked())) await box.click();
    }
    await page.getByTestId('create-view').click();
    await page.getByTestId('view-editor').waitFor();
    expect(await page.getByTestId('role-direction').inputValue()).toBe('Improvement');
    const summary = page.getByTestId('result-table-spc-summary');
    await summary.locator('tbody tr').nth(5).waitFor({ timeout: 60_000 });
    expect(await summary.locator('tbody tr').count()).toBe(6);
    // The same verdicts as the CLI.
    const out: string[] = [];
    const data = path.join(ROOT, 'sample-data/performance_measures.csv');
    const maps = ['period=Month', 'value=Value', 'facet=Measure', 'target=Target', 'direction=Improvement'].flatMap((m) => ['--map', m]);
    expect(await runCli(['view', 'spc', '--data', data, ...maps, '--json'], { out: (t) => out.push(t), err: () => undefined })).toBe(0);
    const cli = JSON.parse(out.join('')) as { summary: { facet: string; variation: string; assurance: string | null }[] };
    expect(cli.summary.find((m) => m.facet === 'A&E 4-hour performance: Taunton (%)')).toMatchObject({
      variation: 'special_cause_concern',
      assurance: 'consistent_fail',
    });
    const taunton = summary.locator('tbody tr', { hasText: 'A&E 4-hour performance: Taunton (%)' });
    expect(await taunton.textContent()).toContain('Concern (low)');
    expect(await taunton.textContent()).toContain('Consistently fails the target');
    expect(await summary.locator('.mdc-icon svg').count()).toBe(11);
    // A row opens its chart (and so does the keyboard: the first cell is a button).
    await summary.getByRole('button', { name: 'Delayed transfers of care (bed days)' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('view-chart-picker').inputValue()).toBe('spc-delayed_transfers_of_care_bed_days');
    expect(await summary.locator('tr[aria-current="true"]').textContent()).toContain('Delayed transfers of care');
    await waitForCharts(page, 1);
    expect(await page.locator('[data-testid^="result-chart-"]').count()).toBe(1);
    await screenshot(page, 'view-spc-summary');
  });

  it('an SPC chart in the chart builder: Taunton A&E against the 95% standard, exported as SVG with both icons', async () => {
    const { page } = s;
    await newChartOn(page, 'performance');
    await page.getByTestId('chart-type').selectOption('spc');
    await page.getByTestId('spc-target').fill('95');
    await page.getByRole('button', { name: 'Filter by Measure', exact: true }).click();
    await page
      .getByRole('group', { name: 'Values of Measure' })
      .getByLabel(/^A&E 4-hour performance: Taunton/)
      .check();
    await waitForChart(page);
    const svg = readFileSync((await download(page, () => page.getByTestId('export-svg').click())).file, 'utf8');
    expect(svg).toContain('Concern (low)');
    expect(svg).toContain('Consistently fails');
    // Orange (concern) and blue (improvement) points, as the CLI's view of the same series classifies them.
    expect(svg).toContain('#E46C0A');
    expect(svg).toContain('#00B0F0');
    await screenshot(page, 'chart-spc-builder');
    expect(s.outsideRequests).toEqual([]);
  });

  it('the SQL editor: completion of table names, Ctrl+Enter, saved as a table; refused statements and mistakes explained with their place', async () => {
    const { page } = s;
    await page.getByTestId('open-sql').click();
    const text = page.getByTestId('sql-text');
    await text.click();
    await text.pressSequentially('SELECT Measure, count(*) AS months, round(avg(Value), 1) AS mean FROM perfor');
    const option = page.locator('.cm-tooltip-autocomplete').getByRole('option', { name: /^performance/ });
    await option.waitFor();
    await option.click();
    await text.pressSequentially(' GROUP BY Measure ORDER BY Measure');
    expect(await text.textContent()).toBe(
      'SELECT Measure, count(*) AS months, round(avg(Value), 1) AS mean FROM performance GROUP BY Measure ORDER BY Measure',
    );
    await text.press('Control+Enter');
    const result = page.getByTestId('sql-result');
    await result.waitFor();
    expect(await result.locator('tbody tr').count()).toBe(6);
    expect(await result.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe('48');
    expect(await page.getByTestId('sql-summary').textContent()).toMatch(/^6 rows in \d[\d,]* ms$/);
    await page.getByTestId('sql-table-name').fill('measure_means');
    await page.getByTestId('sql-save').click();
    await page.locator('.dataset-button', { hasText: /^measure_means/ }).waitFor();
    await page.getByTestId('open-sql').click();

    const refused = async (sql: string) => {
      await text.fill(sql);
      await page.getByTestId('sql-run').click();
      await page.getByTestId('sql-error').waitFor();
      return (await page.getByTestId('sql-error').textContent()) ?? '';
    };
    expect(await refused("SELECT * FROM read_text('/etc/passwd')")).toMatch(/not allowed|outside the loaded tables/);
    expect(await refused("COPY performance TO 'out.csv'")).toMatch(/^COPY is not allowed here: only one SELECT query/);
    expect(await refused('SELECT 1; SELECT 2')).toMatch(/more than one statement/);
    const mistake = await refused('SELECT Measure\nFROM performanse');
    expect(mistake).toMatch(/^Line 2, column 6: Catalog error: Table with name performanse does not exist! Did you mean "performance"\?$/);
    await page.getByTestId('sql-error-place').click();
    // The earlier query is one choice away.
    await page.getByTestId('sql-history').selectOption({ index: 1 });
    expect(await text.textContent()).toContain('FROM performance GROUP BY Measure');
    await screenshot(page, 'sql-editor');
  });

  it('workforce by staff group', async () => {
    const { page } = s;
    await newView(page, 'workforce');
    await waitForCharts(page, 2);
    expect(await page.locator('[data-testid="view-error"]').count()).toBe(0);
    await screenshot(page, 'view-workforce');
    expect(s.outsideRequests).toEqual([]);
  });
});
