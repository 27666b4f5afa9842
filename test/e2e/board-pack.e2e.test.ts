import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, ROOT, screenshot, type Session } from './harness';

const DOWNLOADS = path.join(ROOT, 'test-results', 'downloads');

async function download(page: Page, trigger: () => Promise<void>): Promise<{ name: string; file: string }> {
  mkdirSync(DOWNLOADS, { recursive: true });
  const pending = page.waitForEvent('download', { timeout: 120_000 });
  await trigger();
  const d = await pending;
  const file = path.join(DOWNLOADS, `e2e-${d.suggestedFilename()}`);
  await d.saveAs(file);
  return { name: d.suggestedFilename(), file };
}

async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: bytes, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages;
}

describe('export the report as a board pack', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    await s.page.getByTestId('open-sample-data').click();
    await s.page.locator('[data-testid="dataset-list"] li').nth(8).waitFor({ timeout: 120_000 });
    await s.page.getByTestId('report-page').waitFor({ timeout: 60_000 });
    await s.page.locator('[data-testid^="report-chart-"]').first().waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('PowerPoint in one click: a title slide and a slide per item, charts native and editable', async () => {
    const { page } = s;
    await page.getByTestId('export-report').getByLabel('Marking').selectOption('OFFICIAL-SENSITIVE');
    await screenshot(page, 'report-export-bar');
    const { name, file } = await download(page, () => page.getByTestId('export-pptx').click());
    expect(name).toBe('somerset-board-pack.pptx');
    const zip = await JSZip.loadAsync(readFileSync(file));
    const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides.length).toBeGreaterThanOrEqual(10);
    const charts = Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(6);
    // Each chart carries its data as an embedded workbook, which is what makes it editable.
    expect(Object.keys(zip.files).filter((n) => /^ppt\/embeddings\/.*\.xlsx$/.test(n))).toHaveLength(6);
    const cover = await zip.file('ppt/slides/slide1.xml')!.async('string');
    expect(cover).toContain('NHS Somerset CCG: board pack (sample)');
    expect(cover).toContain('OFFICIAL-SENSITIVE');
    expect(s.outsideRequests).toEqual([]);
  });

  it('PDF with disclosure control: a page per item, the marking and the note on every page', async () => {
    const { page } = s;
    await page.getByTestId('export-report').getByLabel('Disclosure control').selectOption('nhs');
    const { name, file } = await download(page, () => page.getByTestId('export-pdf').click());
    expect(name).toBe('somerset-board-pack.pdf');
    const pages = await pdfPages(new Uint8Array(readFileSync(file)));
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expect(pages[0]).toContain('NHS Somerset CCG: board pack (sample)');
    pages.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(text).toContain('OFFICIAL-SENSITIVE');
    });
    expect(pages.slice(1).every((p) => p.includes('Disclosure control applied'))).toBe(true);
    expect(pages.some((p) => p.includes('Monthly activity by point of delivery'))).toBe(true);
    // The screen still shows the figures as computed.
    expect(await page.getByTestId('workbook-name').textContent()).toContain('•');
    expect(s.outsideRequests).toEqual([]);
  });
});
