import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe';
import { newChartOn, openApp, openSampleData, pickFiles, ROOT, type Session } from './harness';

/*
 * Every screen checked with axe-core (WCAG 2.1 A and AA rules): zero serious or critical
 * violations on the start screen, the import preview, a table and its profile, the chart
 * editor, each view, the report and the dialogs.
 */

describe('accessibility, screen by screen', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('start screen', async () => {
    expect(await seriousViolations(s.page, 'start-screen')).toEqual([]);
  });

  it('import preview', async () => {
    const { page } = s;
    await pickFiles(page, () => page.getByTestId('open-file').click(), [path.join(ROOT, 'sample-data/finance_plan_vs_outturn.csv')]);
    await page.getByTestId('import-dialog').getByTestId('preview-table').waitFor();
    expect(await seriousViolations(page, 'import-preview')).toEqual([]);
    await page.getByTestId('import-dialog').getByRole('button', { name: 'Cancel' }).click();
  });

  it('report, table, profile', async () => {
    const { page } = s;
    await openSampleData(page);
    await page.waitForTimeout(1000);
    expect(await seriousViolations(page, 'report')).toEqual([]);
    // Sidebar names wrap between words (and after a table name's underscores), never inside one; the full name is the tooltip.
    const names = await page.locator('.dataset-list .dataset-name').evaluateAll((els) =>
      els.map((e) => ({
        title: e.getAttribute('title'),
        text: e.textContent,
        wordBreak: getComputedStyle(e).wordBreak,
        wrap: getComputedStyle(e).overflowWrap,
      })),
    );
    expect(names.length).toBeGreaterThan(10);
    for (const n of names) expect([n.title === n.text, n.wordBreak, n.wrap]).toEqual([true, 'normal', 'normal']);
    const long = page.locator('.dataset-name', { hasText: 'somerset_activity_by_year' });
    expect(await long.locator('wbr').count()).toBe(3);
    await page
      .locator('.dataset-button', { hasText: /^activity/ })
      .first()
      .click();
    await page.getByTestId('data-grid').waitFor();
    expect(await seriousViolations(page, 'table')).toEqual([]);
    await page.getByTestId('tab-profile').click();
    await page.locator('[data-testid="profile"]').waitFor();
    expect(await seriousViolations(page, 'profile')).toEqual([]);
  });

  it('chart editor', async () => {
    await newChartOn(s.page, 'activity');
    expect(await seriousViolations(s.page, 'chart-editor')).toEqual([]);
  });

  it('the new-view dialog, then each view', async () => {
    const { page } = s;
    for (const template of ['peers', 'dtoc', 'growth', 'workforce', 'spc', 'funnel']) {
      await page.getByTestId('new-view').click();
      await page.getByTestId(`template-${template}`).check();
      if (template === 'peers') expect(await seriousViolations(page, 'new-view-dialog')).toEqual([]);
      await page.getByTestId('create-view').click();
      await page.getByTestId('view-editor').waitFor();
      if (template === 'peers') await page.getByTestId('param-home').selectOption('11X');
      await page.locator('[data-testid^="result-chart-"], [data-testid="view-error"]').first().waitFor({ timeout: 60_000 });
      await page.waitForTimeout(300);
      expect(await seriousViolations(page, `view-${template}`), template).toEqual([]);
    }
  });

  it('the SQL editor and the save dialog', async () => {
    const { page } = s;
    await page.getByTestId('open-sql').click();
    await page.getByTestId('sql-text').fill('SELECT pod, count(*) AS n FROM activity GROUP BY pod');
    await page.getByTestId('sql-run').click();
    await page.getByTestId('sql-result').waitFor();
    expect(await seriousViolations(page, 'sql-editor')).toEqual([]);
    await page.getByTestId('save-workbook-as').click();
    await page.getByTestId('save-dialog').waitFor();
    expect(await seriousViolations(page, 'save-dialog')).toEqual([]);
    await page.getByTestId('save-dialog').getByRole('button', { name: 'Cancel' }).click();
  });
});

describe('keyboard only', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
  });
  afterAll(async () => {
    await s?.close();
  });

  /** Tab (or Shift+Tab) until the focused element matches; fails after `limit` presses. */
  async function tabTo(
    page: Session['page'],
    matches: (el: { testId: string | null; text: string; label: string | null }) => boolean,
    what: string,
    limit = 300,
  ) {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const el = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement | null;
        return { testId: a?.getAttribute('data-testid') ?? null, text: (a?.textContent ?? '').trim(), label: a?.getAttribute('aria-label') ?? null };
      });
      if (matches(el)) return;
    }
    throw new Error(`never reached ${what} by Tab`);
  }

  it('opens data, builds a chart and exports it without the mouse, every focused control visibly outlined', async () => {
    const { page } = s;
    await tabTo(page, (e) => e.testId === 'open-sample-data', 'Open sample data');
    // Focus is visible: a real outline, not the browser's default removed.
    const outline = await page.evaluate(() => {
      const st = getComputedStyle(document.activeElement!);
      return { width: parseFloat(st.outlineWidth), style: st.outlineStyle, shadow: st.boxShadow };
    });
    expect(outline.width >= 2 || outline.shadow !== 'none').toBe(true);
    expect(outline.style === 'none' && outline.shadow === 'none').toBe(false);
    await page.keyboard.press('Enter');
    await page.getByTestId('report-page').waitFor({ timeout: 120_000 });
    await tabTo(page, (e) => e.text.startsWith('activity') && e.text.includes('rows'), 'the activity table');
    await page.keyboard.press('Enter');
    await page.getByTestId('data-grid').waitFor();
    await tabTo(page, (e) => e.testId === 'new-chart', 'New chart');
    await page.keyboard.press('Enter');
    await page.getByTestId('chart-editor').waitFor();
    await tabTo(page, (e) => e.testId === 'chart-type', 'the chart type');
    await page.keyboard.press('End');
    await tabTo(page, (e) => e.testId === 'export-csv' || e.testId === 'export-svg', 'an export button');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    const downloaded = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await downloaded).suggestedFilename()).toMatch(focused === 'export-csv' ? /\.csv$/ : /\.svg$/);
  });
});
