import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src-main/cli/args';
import { RENDER_VALUE_OPTIONS, runRenderWith, type RenderRun } from '../../src-main/cli/commands/render';
import type { DatabaseScope } from '../../src-main/cli/database';
import type { Engine } from '../../src-shared/engine/engine';
import { createImportService } from '../../src-shared/import/import-service';
import { openTestEngine } from '../engine-under-test';
import { SAMPLE_WORKBOOK, tempDir } from './helpers';
import { pdfPageTexts } from '../export/read-pdf';
import type { ChartOption } from '../../src-shared/charts/option-json';
import { renderChartSvg } from '../../src-shared/charts/render-svg';
import { staticChartOption } from '../../src-shared/charts/static-option';
import { preparePack } from '../../src-shared/export/board-pack/export-pack';
import { VIEW_CHART_SIZE } from '../../src-shared/workbook/report-run';

/*
 * Board packs from the sample workbook through `cli render --format`: the
 * PowerPoint opened as the zip it is (slides, native chart parts with the
 * series and values the run computed, titles and source notes as text), the
 * PDF read back with pdf.js (pages, text on each), the HTML checked for
 * self-containment, and disclosure control carried into each.
 */

const execFileAsync = promisify(execFile);
const SOFFICE = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice'].find((p) => existsSync(p));

let engine: Engine;
const shared: DatabaseScope = (fn) => fn({ engine, importer: createImportService(engine) });

beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => {
  await engine?.close();
});

async function render(...argv: string[]): Promise<{ run: RenderRun; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const args = parseArgs(['render', SAMPLE_WORKBOOK, ...argv], new Set(RENDER_VALUE_OPTIONS));
  const run = await runRenderWith(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, shared);
  return { run, out, err };
}

interface ChartSeries {
  name: string;
  categories: string[];
  values: (number | null)[];
}

/** The series of an office chart part: name, category labels and values, as PowerPoint reads them. */
function chartSeries(xml: string): ChartSeries[] {
  const points = (block: string | undefined) => [...(block ?? '').matchAll(/<c:pt idx="\d+"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((m) => m[1]!);
  return [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map((m) => {
    const ser = m[1]!;
    return {
      name: points(/<c:tx>([\s\S]*?)<\/c:tx>/.exec(ser)?.[1])[0] ?? '',
      categories: points(/<c:cat>([\s\S]*?)<\/c:cat>/.exec(ser)?.[1]),
      values: points(/<c:val>([\s\S]*?)<\/c:val>/.exec(ser)?.[1]).map((v) => (v === '' ? null : Number(v))),
    };
  });
}

function slideText(xml: string): string {
  return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]!.replaceAll('&amp;', '&')).join('\n');
}

describe('render --format pptx,pdf,html: the sample board pack', () => {
  const dir = tempDir('pack');
  let result: Awaited<ReturnType<typeof render>>;
  let slides: string[];
  let zip: JSZip;

  beforeAll(async () => {
    result = await render('--out', dir, '--format', 'pptx,pdf,html');
    zip = await JSZip.loadAsync(readFileSync(path.join(dir, 'somerset-board-pack.pptx')));
    const names = Object.keys(zip.files)
      .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
      .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
    slides = await Promise.all(names.map((n) => zip.file(n)!.async('string')));
  });

  it('writes the three files and only them', () => {
    expect(result.run.written.files.sort()).toEqual(['somerset-board-pack.html', 'somerset-board-pack.pdf', 'somerset-board-pack.pptx']);
    expect(result.out.join('\n')).toMatch(/Wrote .*somerset-board-pack\.pptx \(11 items, \d+ kB\)/);
  });

  it('PowerPoint: a title slide, then one slide per report item in order, with titles, source notes and slide numbers', async () => {
    const opportunityRows = result.run.run.items.find((i) => i.id === 'peers-opportunity');
    expect(opportunityRows?.kind).toBe('view-table');
    const tableRows = opportunityRows?.kind === 'view-table' ? opportunityRows.table.rows.length : 0;
    const tableSlides = Math.max(1, Math.ceil(tableRows / 14));
    expect(slides).toHaveLength(1 + 10 + tableSlides);
    expect(slideText(slides[0]!)).toContain('NHS Somerset CCG: board pack (sample)');
    const texts = slides.map(slideText);
    expect(texts[1]).toContain('Summary');
    expect(texts[2]).toContain('Monthly activity by point of delivery');
    expect(texts[2]).toContain('Source: SUS/SLAM monthly contract-monitoring extract (synthetic sample data).');
    expect(texts[2]).toContain('Community and mental health contacts make up most');
    expect(texts[5]).toContain('Acute bed days lost to delayed transfers');
    expect(texts[6]).toContain('Opportunity against the peer average, 2016/17');
    // The SPC page: one row per measure, its icons in words, then the Taunton A&E chart.
    const spc = texts.findIndex((t) => t.includes('Integrated performance: variation and assurance'));
    expect(spc).toBeGreaterThan(6);
    expect(texts[spc]).toContain('A&E 4-hour performance: Taunton (%)');
    expect(texts[spc]).toContain('Consistently fails the target');
    expect(texts[spc + 1]).toContain('A&E 4-hour performance, Taunton and Somerset');
    expect(texts.at(-1)).toContain('About the data');
    // Every slide is on the pack's layout, whose furniture is the footer (title and date) and the slide number.
    const layout = await zip.file('ppt/slideLayouts/slideLayout2.xml')?.async('string');
    expect(slideText(layout ?? '')).toMatch(/NHS Somerset CCG: board pack \(sample\) · \d{1,2} \w+ 20\d\d/);
    expect(layout).toContain('type="sldNum"');
    const rels = await Promise.all(slides.map((_, i) => zip.file(`ppt/slides/_rels/slide${i + 1}.xml.rels`)!.async('string')));
    for (const r of rels) expect(r).toContain('slideLayout2.xml');
  });

  it('PowerPoint: charts are native chart parts holding the values the run computed', async () => {
    const chartNames = Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    // activity, A&E, cost, DTOC (bars and target), NEL ranked: five native charts; the quadrant (with its
    // peer-average lines and organisation labels) and the SPC chart (its coloured points and Making Data
    // Count icons), which office charts cannot draw, are SVG pictures.
    expect(chartNames).toHaveLength(5);
    expect(Object.keys(zip.files).filter((n) => /^ppt\/media\/.*\.svg$/.test(n))).toHaveLength(2);
    const parts = await Promise.all(chartNames.map((n) => zip.file(n)!.async('string')));
    const ae = result.run.run.charts.find((c) => c.id === 'ae-by-financial-year');
    if (ae?.status !== 'ok') throw new Error('A&E chart did not run');
    const expected = ae.rows.map((r) => [r['month_financial_year'], r['sum_activity']]);
    expect(expected.length).toBeGreaterThanOrEqual(5);
    const aePart = parts.map(chartSeries).find((s) => s.length === 1 && s[0]!.categories.includes('2016/17') && s[0]!.categories.length === expected.length);
    expect(aePart, 'the A&E chart part').toBeDefined();
    expect(aePart![0]!.categories.map((c, i) => [c, aePart![0]!.values[i]])).toEqual(expected);
    // The stacked activity chart: one series per point of delivery, 24 months each.
    const activity = parts.find((p) => chartSeries(p).length >= 9 && chartSeries(p)[0]!.categories[0] === 'Apr 2018')!;
    expect(activity).toContain('<c:grouping val="stacked"/>');
    expect(chartSeries(activity).every((s) => s.values.length === 24)).toBe(true);
    // The ranked bars keep their reading order and draw horizontally.
    const ranked = parts.find((p) => p.includes('<c:barDir val="bar"/>'));
    expect(ranked).toBeDefined();
    // No office scatter: the quadrant went in as a picture.
    expect(parts.some((p) => p.includes('<c:scatterChart>'))).toBe(false);
  });

  // Where LibreOffice is installed (not on CI), the slides are opened by a real office suite: converted to
  // PDF headless, the native charts are drawn from their embedded data (their axis labels come out as text).
  it.skipIf(!SOFFICE)(
    'PowerPoint: LibreOffice opens the deck and draws its native charts',
    async () => {
      const out = tempDir('pack-lo');
      await execFileAsync(SOFFICE!, ['--headless', '--convert-to', 'pdf', '--outdir', out, path.join(dir, 'somerset-board-pack.pptx')], {
        timeout: 180_000,
        env: { ...process.env, HOME: out },
      });
      const pages = await pdfPageTexts(new Uint8Array(readFileSync(path.join(out, 'somerset-board-pack.pdf'))));
      expect(pages).toHaveLength(slides.length);
      const ae = pages.find((p) => p.includes('A&E attendances by financial year'))!;
      for (const fy of ['2014/15', '2016/17', '2019/20']) expect(ae).toContain(fy);
      const dtoc = pages.find((p) => p.includes('Acute bed days lost'))!;
      expect(dtoc).toContain('Target');
      expect(dtoc).toContain('Bed days lost');
    },
    200_000,
  );

  it('PDF: a title page and a page per item, each with its text, page numbers and footer', async () => {
    const pages = await pdfPageTexts(new Uint8Array(readFileSync(path.join(dir, 'somerset-board-pack.pdf'))));
    expect(pages.length).toBeGreaterThanOrEqual(10);
    expect(pages[0]).toContain('NHS Somerset CCG: board pack (sample)');
    pages.forEach((text, i) => expect(text).toContain(`Page ${i + 1} of ${pages.length}`));
    expect(pages[1]).toContain('Summary');
    // Vector charts: the chart's own text (axis labels) is text in the PDF, not pixels.
    expect(pages[2]).toContain('Monthly activity by point of delivery');
    expect(pages[2]).toContain('Apr 2018');
    expect(pages[3]).toContain('2016/17');
    expect(pages.at(-1)).toContain('About the data');
  });

  it('every view chart exports with every legend entry and no legend pager', () => {
    const charts = result.run.run.views.flatMap((v) => (v.status === 'ok' ? v.result.charts : []));
    expect(charts.length).toBeGreaterThanOrEqual(5);
    let paged = 0;
    for (const chart of charts) {
      const option = chart.option as ChartOption;
      const legend = option.legend as { type?: string; data?: string[] } | undefined;
      if (legend?.type === 'scroll') paged++;
      const names = legend?.data ?? ((option.series as { name?: string }[]) ?? []).flatMap((s) => (s.name ? [s.name] : []));
      const svg = renderChartSvg(staticChartOption(option, VIEW_CHART_SIZE.width), VIEW_CHART_SIZE);
      for (const name of names) expect(svg, `${chart.id}: legend entry "${name}"`).toContain(`>${name.replaceAll('&', '&amp;')}</text>`);
      // ECharts draws a scrolling legend's pager as "1/3" beside two arrows.
      expect(svg, `${chart.id}: legend pager`).not.toMatch(/>\d+\/\d+<\/text>/);
    }
    // The views do page their legends on screen: this is what the export changes.
    expect(paged).toBeGreaterThan(0);
  });

  it("takes the marking, organisation and disclosure rule from the workbook's report settings", () => {
    const { workbook, run } = result.run;
    const settings = { ...workbook.report, marking: 'OFFICIAL', organisation: 'NHS Somerset ICB', disclosure: 'nhs' as const };
    const pack = preparePack({ ...workbook, report: settings }, run, { generated: new Date('2026-12-01T10:00:00Z') });
    expect(pack.marking).toBe('OFFICIAL');
    expect(pack.organisation).toBe('NHS Somerset ICB');
    expect(pack.footer).toBe('NHS Somerset CCG: board pack (sample) · 1 December 2026 · OFFICIAL');
    expect(pack.notes).toEqual([expect.stringContaining("Disclosure control applied (NHS Digital's rule)")]);
    const dtoc = pack.pages.find((p) => p.id === 'dtoc');
    if (dtoc?.kind !== 'chart' || !dtoc.chart.native) throw new Error('DTOC page has no native chart');
    const bars = dtoc.chart.native.series.filter((s) => s.kind === 'bar').flatMap((s) => s.values);
    expect(bars.length).toBeGreaterThan(100);
    for (const v of bars) expect(v === null || v % 5 === 0).toBe(true);
    // Without a setting, nothing is changed.
    const plain = preparePack(workbook, run, { generated: new Date('2026-12-01T10:00:00Z') });
    expect(plain.notes).toEqual([]);
    const rawDtoc = plain.pages.find((p) => p.id === 'dtoc');
    expect(rawDtoc?.kind === 'chart' && rawDtoc.chart.native?.series.some((s) => s.values.some((v) => v !== null && v % 5 !== 0))).toBe(true);
  });

  it('HTML: one self-contained file, no scripts and no external references', () => {
    const html = readFileSync(path.join(dir, 'somerset-board-pack.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|<iframe|url\(/i);
    expect(html).not.toMatch(/(src|href)="(?!data:)/i);
    expect(html.match(/<img src="data:image\/svg\+xml;base64,/g)?.length).toBe(7);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('Opportunity against the peer average, 2016/17');
  });
});

describe('render: disclosure control and markings in the pack', () => {
  it('--disclosure nhs rounds the DTOC counts everywhere they leave and says so on each output', async () => {
    const dir = tempDir('pack-disclosed');
    const r = await render('--out', dir, '--format', 'svg,pptx,pdf', '--disclosure', 'nhs');
    expect(r.err.join('\n')).toContain("note: Disclosure control applied (NHS Digital's rule)");
    const dtoc = r.run.run.views.find((v) => v.id === 'dtoc-acute');
    if (dtoc?.status !== 'ok') throw new Error('DTOC view did not run');
    // The run the app shows is unchanged: raw bed days, not all multiples of 5.
    const raw = dtoc.result.tables.flatMap((t) => t.rows.map((row) => row['bedDays'])).filter((v): v is number => typeof v === 'number');
    expect(raw.some((v) => v % 5 !== 0)).toBe(true);
    // The CSV beside the SVG: every bed-days figure is * or a multiple of 5, and the note is under the data.
    const csvName = r.run.written.files.find((f) => /^view-dtoc-acute-.*\.csv$/.test(f) && readFileSync(path.join(dir, f), 'utf8').includes('Bed days lost'))!;
    const csv = readFileSync(path.join(dir, csvName), 'utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const header = csv[0]!.split(',');
    const col = header.indexOf('Bed days lost');
    const cells = csv
      .slice(1)
      .filter((l) => /^\d{4}|^[A-Z]/.test(l) && !l.startsWith('Disclosure'))
      .map((l) => l.split(',')[col]);
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(c === '*' || Number(c) % 5 === 0).toBe(true);
    expect(csv.some((l) => l.includes('Disclosure control applied'))).toBe(true);
    // PowerPoint: the DTOC chart's bar values are all multiples of 5 (or gaps), and the slide says so.
    const zip = await JSZip.loadAsync(readFileSync(path.join(dir, 'somerset-board-pack.pptx')));
    const parts = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n))
        .map((n) => zip.file(n)!.async('string')),
    );
    const dtocPart = parts.find((p) => chartSeries(p).some((s) => s.name === 'Target'))!;
    const bars = chartSeries(dtocPart).filter((s) => s.name !== 'Target');
    expect(bars.length).toBeGreaterThan(0);
    for (const v of bars.flatMap((s) => s.values)) expect(v === null || v % 5 === 0).toBe(true);
    const pages = await pdfPageTexts(new Uint8Array(readFileSync(path.join(dir, 'somerset-board-pack.pdf'))));
    expect(pages.slice(1).every((p) => p.includes('Disclosure control applied'))).toBe(true);
  });

  it('refuses an unknown format or png with what it does accept', async () => {
    await expect(render('--out', tempDir('bad'), '--format', 'docx')).rejects.toThrow('--format takes a comma list of svg, pptx, pdf, html; got "docx"');
    await expect(render('--out', tempDir('bad'), '--format', 'png')).rejects.toThrow(/png is not available headless/);
  });
});
