import type PDFKit from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { tableChunks, type BoardPack, type PackPage } from './board-pack';
import { PACK_COLOURS } from './pack-style';
import type { RenderSvg } from './pptx';

/**
 * A board pack as a print-ready PDF (pdfkit, charts drawn as vectors from
 * their SVG by svg-to-pdfkit): A4 landscape by default, a title page, then
 * one page per report item in the same order and with the same furniture as
 * the slides — heading, chart, source note, commentary — long tables over as
 * many pages as they need; on every page the marking at the top and a footer
 * with the title, date, marking and "Page n of N".
 *
 * pdfkit is passed in: node's build reads its standard fonts from disk, the
 * browser's standalone build carries them, and the document is the same.
 */

export type PdfDocumentClass = new (options?: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument;

export interface PdfOptions {
  orientation?: 'landscape' | 'portrait';
}

const { blue: NHS_BLUE, darkBlue: DARK_BLUE, text: TEXT, grey: GREY, midGrey: MID_GREY, paleGrey: PALE_GREY, red: RED } = PACK_COLOURS;
const MARGIN = 36;
const FOOTER_H = 26;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

interface Frame {
  doc: PDFKit.PDFDocument;
  width: number;
  height: number;
  /** Usable width between the margins. */
  inner: number;
}

function newPage(f: Frame): number {
  f.doc.addPage();
  f.doc.rect(0, 0, f.width, 5).fill(NHS_BLUE);
  return MARGIN + 14;
}

function heading(f: Frame, y: number, title: string, subtitle: string | null): number {
  const { doc } = f;
  if (title) {
    doc.font(BOLD).fontSize(18).fillColor(DARK_BLUE).text(title, MARGIN, y, { width: f.inner });
    y = doc.y + 4;
  }
  if (subtitle) {
    doc.font(REGULAR).fontSize(11).fillColor(GREY).text(subtitle, MARGIN, y, { width: f.inner });
    y = doc.y + 4;
  }
  return y + 4;
}

function paragraph(f: Frame, y: number, text: string, size: number, colour: string = TEXT, maxHeight?: number): number {
  f.doc
    .font(REGULAR)
    .fontSize(size)
    .fillColor(colour)
    .text(text, MARGIN, y, { width: f.inner, ...(maxHeight !== undefined ? { height: maxHeight, ellipsis: true } : {}) });
  return f.doc.y + 6;
}

/** Source note and footnote, unless the chart draws them itself (the chart builder's charts do). */
function footLines(page: PackPage): string[] {
  const lines: string[] = [];
  if (page.kind === 'chart' && page.chart.ownTitle !== null) return lines;
  if (page.kind === 'chart' && page.sourceNote) lines.push(page.sourceNote);
  if (page.kind === 'chart' && page.footnote) lines.push(page.footnote);
  return lines;
}

function chartPage(f: Frame, page: Extract<PackPage, { kind: 'chart' }>, pack: BoardPack, render: RenderSvg): void {
  let y = newPage(f);
  // A chart that draws its own title gets no second one above it.
  const repeat = page.chart.ownTitle !== null && page.chart.ownTitle.trim() === page.title.trim();
  y = heading(f, y, repeat ? '' : page.title, repeat ? null : page.subtitle);
  const notes = footLines(page);
  const reserve = (page.commentary ? 70 : 0) + (notes.length ? notes.length * 11 + 8 : 0);
  const bottom = f.height - MARGIN - FOOTER_H - reserve;
  const ratio = page.chart.size.width / page.chart.size.height;
  let w = f.inner;
  let h = w / ratio;
  if (h > bottom - y) {
    h = Math.max(120, bottom - y);
    w = h * ratio;
  }
  const svg = render(page.chart.option, page.chart.size);
  SVGtoPDF(f.doc, svg, MARGIN + (f.inner - w) / 2, y, { width: w, height: h, preserveAspectRatio: 'xMidYMid meet', assumePt: false });
  y += h + 6;
  if (notes.length) y = paragraph(f, y, notes.join('\n'), 8, GREY);
  if (page.commentary) paragraph(f, y, page.commentary, 11, TEXT, f.height - MARGIN - FOOTER_H - y);
}

function tablePages(f: Frame, page: Extract<PackPage, { kind: 'table' }>): void {
  const { doc } = f;
  const fontSize = page.columns.length > 8 ? 7 : 9;
  const rowH = fontSize + 7;
  const usable = f.height - 2 * MARGIN - FOOTER_H - 60;
  const perPage = Math.max(5, Math.floor(usable / rowH) - 1);
  const chunks = tableChunks(page.rows, perPage);
  // Column widths from the longest text in each column, scaled to fit.
  const lengths = page.columns.map((c, i) => Math.max(c.label.length, ...page.rows.map((r) => (r[i] ?? '').length), 3));
  const total = lengths.reduce((a, b) => a + b, 0);
  const widths = lengths.map((l) => (l / total) * f.inner);
  chunks.forEach((rows, i) => {
    let y = newPage(f);
    y = heading(f, y, chunks.length > 1 ? `${page.title} (${i + 1} of ${chunks.length})` : page.title, null);
    const drawRow = (cells: string[], bold: boolean) => {
      if (bold) doc.rect(MARGIN, y - 2, f.inner, rowH).fill(PALE_GREY);
      let x = MARGIN;
      cells.forEach((cell, ci) => {
        const numeric = page.columns[ci]?.numeric ?? false;
        doc
          .font(bold ? BOLD : REGULAR)
          .fontSize(fontSize)
          .fillColor(TEXT)
          .text(cell, x + 3, y + 1, { width: widths[ci]! - 6, height: rowH, align: numeric ? 'right' : 'left', lineBreak: false, ellipsis: true });
        x += widths[ci]!;
      });
      doc
        .moveTo(MARGIN, y + rowH - 2)
        .lineTo(MARGIN + f.inner, y + rowH - 2)
        .lineWidth(0.5)
        .strokeColor(PALE_GREY)
        .stroke();
      y += rowH;
    };
    drawRow(
      page.columns.map((c) => c.label),
      true,
    );
    for (const r of rows) drawRow(r, false);
    y += 6;
    if (i === chunks.length - 1 && page.commentary) paragraph(f, y, page.commentary, 9, GREY, f.height - MARGIN - FOOTER_H - y);
  });
}

function titlePage(f: Frame, pack: BoardPack): void {
  newPage(f);
  const { doc } = f;
  const bandY = f.height * 0.28;
  doc.rect(0, bandY, f.width, 150).fill(NHS_BLUE);
  doc
    .font(BOLD)
    .fontSize(28)
    .fillColor('#FFFFFF')
    .text(pack.title, MARGIN + 14, bandY + 28, { width: f.inner - 28 });
  doc
    .font(REGULAR)
    .fontSize(15)
    .fillColor('#FFFFFF')
    .text([pack.organisation, pack.dateText].filter(Boolean).join('\n'), MARGIN + 14, doc.y + 8, { width: f.inner - 28 });
  let y = bandY + 170;
  if (pack.description) y = paragraph(f, y, pack.description, 12, GREY);
  if (pack.marking)
    doc
      .font(BOLD)
      .fontSize(14)
      .fillColor(TEXT)
      .text(pack.marking, MARGIN, y + 10, { width: f.inner });
}

/** Marking at the top and the footer on every page, once all pages exist (for "of N"). */
function furniture(f: Frame, pack: BoardPack): void {
  const { doc } = f;
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, top: 0, bottom: 0 };
    if (pack.marking) doc.font(BOLD).fontSize(9).fillColor(TEXT).text(pack.marking, MARGIN, 12, { width: f.inner, align: 'center', lineBreak: false });
    const y = f.height - MARGIN / 2 - 10;
    if (pack.notes.length)
      doc
        .font(REGULAR)
        .fontSize(7)
        .fillColor(GREY)
        .text(pack.notes.join(' '), MARGIN, y - 11, { width: f.inner, lineBreak: false, ellipsis: true });
    doc
      .font(REGULAR)
      .fontSize(8)
      .fillColor(MID_GREY)
      .text(pack.footer, MARGIN, y, { width: f.inner - 90, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i + 1} of ${range.count}`, f.width - MARGIN - 90, y, { width: 90, align: 'right', lineBreak: false });
    doc.page.margins = margins;
  }
}

export function boardPackPdf(PDFDocument: PdfDocumentClass, pack: BoardPack, render: RenderSvg, opts: PdfOptions = {}): Promise<Uint8Array> {
  const layout = opts.orientation ?? 'landscape';
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margin: MARGIN,
    autoFirstPage: false,
    bufferPages: true,
    info: { Title: pack.title, Author: pack.organisation ?? '', Creator: 'Commissioning Workbench', Producer: 'Commissioning Workbench' },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
    doc.on('end', () => {
      const size = chunks.reduce((n, c) => n + c.length, 0);
      const out = new Uint8Array(size);
      let at = 0;
      for (const c of chunks) {
        out.set(c, at);
        at += c.length;
      }
      resolve(out);
    });
    doc.on('error', reject);
  });
  // A4 in points.
  const [width, height] = layout === 'landscape' ? [841.89, 595.28] : [595.28, 841.89];
  const f: Frame = { doc, width, height, inner: width - 2 * MARGIN };
  titlePage(f, pack);
  for (const page of pack.pages) {
    if (page.kind === 'chart') chartPage(f, page, pack, render);
    else if (page.kind === 'table') tablePages(f, page);
    else if (page.kind === 'text') {
      const y = heading(f, newPage(f), page.title, null);
      paragraph(f, y, page.text, 12, TEXT, f.height - MARGIN - FOOTER_H - y);
    } else {
      const y = heading(f, newPage(f), page.title, null);
      paragraph(f, y, page.message, 12, RED);
    }
  }
  furniture(f, pack);
  doc.end();
  return done;
}
