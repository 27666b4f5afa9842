import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPageTexts } from '../export/read-pdf';
import { download, openApp, openSampleData, screenshot, type Session } from './harness';

describe('export the report as a board pack', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openApp();
    await openSampleData(s.page);
    await s.page.locator('[data-testid^="report-chart-"]').first().waitFor();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('PowerPoint in one click: a title slide and a slide per item, charts native and editable', async () => {
    const { page } = s;
    await page.getByTestId('export-report').getByLabel('Marking').selectOption('OFFICIAL-SENSITIVE');
    await screenshot(page, 'report-export-bar');
    const { name, file } = await download(page, () => page.getByTestId('export-pptx').click(), { prefix: 'e2e-', timeout: 120_000 });
    expect(name).toBe('somerset-board-pack.pptx');
    const zip = await JSZip.loadAsync(readFileSync(file));
    const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides.length).toBeGreaterThanOrEqual(10);
    const charts = Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(5);
    // Each chart carries its data as an embedded workbook, which is what makes it editable.
    expect(Object.keys(zip.files).filter((n) => /^ppt\/embeddings\/.*\.xlsx$/.test(n))).toHaveLength(5);
    const cover = await zip.file('ppt/slides/slide1.xml')!.async('string');
    expect(cover).toContain('NHS Somerset CCG: board pack (sample)');
    expect(cover).toContain('OFFICIAL-SENSITIVE');
    expect(s.outsideRequests).toEqual([]);
  });

  it('PDF with disclosure control: a page per item, the marking and the note on every page', async () => {
    const { page } = s;
    await page.getByTestId('export-report').getByLabel('Disclosure control').selectOption('nhs');
    const { name, file } = await download(page, () => page.getByTestId('export-pdf').click(), { prefix: 'e2e-', timeout: 120_000 });
    expect(name).toBe('somerset-board-pack.pdf');
    const pages = await pdfPageTexts(new Uint8Array(readFileSync(file)));
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
