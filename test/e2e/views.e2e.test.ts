import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { runCli } from '../../src-main/cli/run-cli';
import { formatNumber } from '../../src-shared/format/number-format';
import { openApp, openSampleData, ROOT, screenshot, type Session } from './harness';

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
    expect(await headline.textContent()).toContain(formatNumber(cli.total.opportunityValue, 'gbp', { decimals: 2 }));
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

  it('workforce by staff group', async () => {
    const { page } = s;
    await newView(page, 'workforce');
    await waitForCharts(page, 2);
    expect(await page.locator('[data-testid="view-error"]').count()).toBe(0);
    await screenshot(page, 'view-workforce');
    expect(s.outsideRequests).toEqual([]);
  });
});
