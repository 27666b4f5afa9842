import PptxGenJS from 'pptxgenjs';
import { tableChunks, type BoardPack, type PackChart, type PackPage } from './board-pack';
import type { NativeChart, NativeSeries } from './native-chart';
import { base64Utf8, bareHex, PACK_COLOURS, PACK_SERIES_COLOURS } from './pack-style';

/**
 * A board pack as PowerPoint (16:9, pptxgenjs): a title slide, then one slide
 * per report item in order. Charts that have an office equivalent go in as
 * native PowerPoint charts with their data embedded (editable in PowerPoint
 * and LibreOffice: Edit Data); others as an SVG picture. Tables are native
 * tables, split across slides when long. Every slide carries the footer
 * (title, date, marking), the marking at the top and a slide number.
 *
 * `renderSvg` draws a chart option as SVG (ECharts' server-side renderer in
 * node and in the app alike).
 */

export type RenderSvg = (option: Record<string, unknown>, size: { width: number; height: number }) => string;

const FONT = 'Arial';
const NHS_BLUE = bareHex(PACK_COLOURS.blue);
const DARK_BLUE = bareHex(PACK_COLOURS.darkBlue);
const TEXT = bareHex(PACK_COLOURS.text);
const GREY = bareHex(PACK_COLOURS.grey);
const MID_GREY = bareHex(PACK_COLOURS.midGrey);
const PALE_GREY = bareHex(PACK_COLOURS.paleGrey);
const RED = bareHex(PACK_COLOURS.red);
const SERIES = PACK_SERIES_COLOURS.map(bareHex);
/** 16:9 slide, inches. */
const W = 10;
const H = 5.625;
const MARGIN = 0.4;
/** Table rows per slide. */
const TABLE_ROWS = 14;

function chartType(pptx: PptxGenJS, kind: NativeSeries['kind']): PptxGenJS.CHART_NAME {
  switch (kind) {
    case 'bar':
      return pptx.ChartType.bar;
    case 'line':
      return pptx.ChartType.line;
    case 'area':
      return pptx.ChartType.area;
    case 'pie':
      return pptx.ChartType.pie;
    case 'doughnut':
      return pptx.ChartType.doughnut;
    case 'scatter':
      return pptx.ChartType.scatter;
  }
}

function seriesData(s: NativeSeries): PptxGenJS.OptsChartData {
  return { name: s.name, labels: s.labels, values: s.values as number[] };
}

const colourOf = (s: NativeSeries, i: number) => s.colour ?? SERIES[i % SERIES.length]!;

function axisOptions(chart: NativeChart): PptxGenJS.IChartOpts {
  const opts: PptxGenJS.IChartOpts = {
    catAxisLabelFontFace: FONT,
    catAxisLabelFontSize: 9,
    valAxisLabelFontFace: FONT,
    valAxisLabelFontSize: 9,
    valGridLine: { color: PALE_GREY, size: 0.75 },
    catGridLine: { style: 'none' },
    showLegend: chart.showLegend,
    legendPos: 'b',
    legendFontFace: FONT,
    legendFontSize: 9,
    showValue: chart.dataLabels,
    dataLabelFontSize: 8,
    dataLabelFontFace: FONT,
  };
  if (chart.categoryAxisTitle) Object.assign(opts, { showCatAxisTitle: true, catAxisTitle: chart.categoryAxisTitle, catAxisTitleFontSize: 10 });
  if (chart.valueAxisTitle) Object.assign(opts, { showValAxisTitle: true, valAxisTitle: chart.valueAxisTitle, valAxisTitleFontSize: 10 });
  if (chart.percentAxis) Object.assign(opts, { valAxisLabelFormatCode: '0%', valAxisMaxVal: 1, valAxisMinVal: 0 });
  // Data labels as the values are: shares as percentages, whole numbers grouped, others to two decimals.
  const whole = chart.series.every((s) => s.values.every((v) => v === null || Number.isInteger(v)));
  opts.dataLabelFormatCode = chart.percentAxis ? '0%' : whole ? '#,##0' : '#,##0.0#';
  // Horizontal bars read top to bottom, as on screen (the types allow only 'minMax'; PowerPoint reads both).
  if (chart.reverseCategories) Object.assign(opts, { catAxisOrientation: 'maxMin' });
  return opts;
}

function addNativeChart(pptx: PptxGenJS, slide: PptxGenJS.Slide, chart: NativeChart, box: PptxGenJS.PositionProps): void {
  const common = { ...box, ...axisOptions(chart) };
  if (chart.kind === 'pie' || chart.kind === 'doughnut') {
    const s = chart.series[0]!;
    slide.addChart(chartType(pptx, chart.kind), [seriesData(s)], {
      ...common,
      showPercent: true,
      showValue: false,
      showLegend: true,
      legendPos: 'r',
      chartColors: SERIES,
    });
    return;
  }
  if (chart.kind === 'scatter') {
    // pptxgenjs' scatter shares one x list among its series: every series' points go in it, each
    // series holding its y at its own points and a gap at the others'.
    const xs = chart.series.flatMap((s) => s.xValues ?? []);
    let offset = 0;
    const ys = chart.series.map((s) => {
      const values: (number | null)[] = xs.map(() => null);
      s.values.forEach((v, i) => (values[offset + i] = v));
      offset += s.values.length;
      return { name: s.name, values: values as number[] };
    });
    slide.addChart(pptx.ChartType.scatter, [{ name: 'X', values: xs }, ...ys], {
      ...common,
      lineSize: 0,
      lineDataSymbolSize: 8,
      chartColors: chart.series.map(colourOf),
    });
    return;
  }
  const kinds = new Set(chart.series.map((s) => s.kind));
  const secondary = chart.series.some((s) => s.secondary);
  if (kinds.size === 1 && !secondary) {
    slide.addChart(chartType(pptx, chart.kind), chart.series.map(seriesData), {
      ...common,
      barDir: chart.direction,
      barGrouping: chart.grouping,
      barGapWidthPct: 60,
      chartColors: chart.series.map(colourOf),
      // Dense monthly lines read better without a marker on every point.
      lineDataSymbol: (chart.series[0]?.labels.length ?? 0) > 24 ? 'none' : 'circle',
      lineDataSymbolSize: 5,
      lineSize: 2,
      // Every category labelled (ranked bars name every organisation).
      catAxisLabelFrequency: '1',
    });
    return;
  }
  // Combo: one chart part per kind and axis (columns first, lines over them).
  const groups = new Map<string, NativeSeries[]>();
  for (const s of chart.series) {
    const key = `${s.kind === 'area' ? 'area' : s.kind}|${s.secondary ? 2 : 1}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const order = [...groups.keys()].sort((a, b) => (a.startsWith('bar') ? -1 : b.startsWith('bar') ? 1 : 0));
  const types = order.map((key) => {
    const series = groups.get(key)!;
    const onSecondary = key.endsWith('|2');
    return {
      type: chartType(pptx, series[0]!.kind),
      data: series.map(seriesData),
      options: {
        barDir: chart.direction,
        barGrouping: chart.grouping,
        chartColors: series.map((s) => colourOf(s, chart.series.indexOf(s))),
        lineDataSymbol: (series[0]?.labels.length ?? 0) > 24 ? ('none' as const) : ('circle' as const),
        lineSize: 2,
        ...(onSecondary ? { secondaryValAxis: true, secondaryCatAxis: true } : {}),
      },
    };
  });
  const valAxes = [{ showValAxisTitle: !!chart.valueAxisTitle, valAxisTitle: chart.valueAxisTitle ?? '' }];
  if (secondary) valAxes.push({ showValAxisTitle: !!chart.secondaryAxisTitle, valAxisTitle: chart.secondaryAxisTitle ?? '' });
  const catAxes = secondary ? [{ catAxisTitle: chart.categoryAxisTitle ?? '' }, { catAxisHidden: true }] : undefined;
  // A multi-type chart takes its types with their data, and no data argument (pptxgenjs reads the options from the third).
  slide.addChart(types, undefined as unknown as [], { ...common, valAxes, ...(catAxes ? { catAxes } : {}) });
}

function addPicture(slide: PptxGenJS.Slide, chart: PackChart, render: RenderSvg, box: { x: number; y: number; w: number; h: number }): void {
  const ratio = chart.size.width / chart.size.height;
  let w = box.w;
  let h = w / ratio;
  if (h > box.h) {
    h = box.h;
    w = h * ratio;
  }
  const svg = render(chart.option, chart.size);
  slide.addImage({ data: `data:image/svg+xml;base64,${base64Utf8(svg)}`, x: box.x + (box.w - w) / 2, y: box.y, w, h, altText: chart.ownTitle ?? 'Chart' });
}

function text(slide: PptxGenJS.Slide, value: string, opts: PptxGenJS.TextPropsOptions): void {
  slide.addText(value, { fontFace: FONT, color: TEXT, margin: 0, valign: 'top', ...opts });
}

function heading(slide: PptxGenJS.Slide, title: string, subtitle: string | null): number {
  text(slide, title, { x: MARGIN, y: 0.35, w: W - 2 * MARGIN, h: 0.45, fontSize: 20, bold: true, color: DARK_BLUE, fit: 'shrink' });
  if (!subtitle) return 0.85;
  text(slide, subtitle, { x: MARGIN, y: 0.8, w: W - 2 * MARGIN, h: 0.3, fontSize: 12, color: GREY });
  return 1.12;
}

/** Source note and footnote under a chart. */
function notesBlock(page: PackPage): string[] {
  const lines: string[] = [];
  if (page.kind === 'chart') {
    if (page.sourceNote) lines.push(page.sourceNote);
    if (page.footnote) lines.push(page.footnote);
  }
  return lines;
}

function chartSlide(pptx: PptxGenJS, slide: PptxGenJS.Slide, page: Extract<PackPage, { kind: 'chart' }>, render: RenderSvg): void {
  const top = heading(slide, page.title, page.subtitle);
  const notes = notesBlock(page);
  const commentaryH = page.commentary ? 0.75 : 0;
  const notesH = notes.length ? 0.18 * notes.length + 0.1 : 0;
  const bottom = H - 0.55 - commentaryH - notesH;
  const box = { x: MARGIN, y: top, w: W - 2 * MARGIN, h: Math.max(1.5, bottom - top) };
  if (page.chart.native) addNativeChart(pptx, slide, page.chart.native, box);
  else addPicture(slide, page.chart, render, box);
  let y = box.y + box.h + 0.05;
  if (notes.length) {
    text(slide, notes.join('\n'), { x: MARGIN, y, w: W - 2 * MARGIN, h: notesH, fontSize: 8, color: GREY });
    y += notesH;
  }
  if (page.commentary) text(slide, page.commentary, { x: MARGIN, y, w: W - 2 * MARGIN, h: commentaryH, fontSize: 11, fit: 'shrink' });
}

function tableSlides(pptx: PptxGenJS, page: Extract<PackPage, { kind: 'table' }>): void {
  const chunks = tableChunks(page.rows, TABLE_ROWS);
  chunks.forEach((rows, i) => {
    const slide = pptx.addSlide({ masterName: 'PACK' });
    heading(slide, chunks.length > 1 ? `${page.title} (${i + 1} of ${chunks.length})` : page.title, null);
    const header = page.columns.map((c) => ({
      text: c.label,
      options: { bold: true, fill: { color: PALE_GREY }, align: c.numeric ? ('right' as const) : ('left' as const) },
    }));
    const body = rows.map((r) => r.map((cell, ci) => ({ text: cell, options: { align: page.columns[ci]?.numeric ? ('right' as const) : ('left' as const) } })));
    slide.addTable([header, ...body], {
      x: MARGIN,
      y: 0.9,
      w: W - 2 * MARGIN,
      fontFace: FONT,
      fontSize: page.columns.length > 8 ? 7 : 9,
      color: TEXT,
      border: { type: 'solid', pt: 0.5, color: PALE_GREY },
      margin: 0.03,
    });
    if (i === chunks.length - 1 && page.commentary)
      text(slide, page.commentary, { x: MARGIN, y: H - 0.95, w: W - 2 * MARGIN, h: 0.5, fontSize: 9, color: GREY });
  });
}

export async function boardPackPptx(pack: BoardPack, render: RenderSvg): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = pack.title;
  pptx.company = pack.organisation ?? '';
  pptx.author = 'Commissioning Workbench';
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  const furniture: PptxGenJS.SlideMasterProps['objects'] = [
    { rect: { x: 0, y: 0, w: W, h: 0.12, fill: { color: NHS_BLUE } } },
    {
      text: {
        text: pack.footer,
        options: { x: MARGIN, y: H - 0.35, w: W - 2 * MARGIN - 0.8, h: 0.25, fontFace: FONT, fontSize: 8, color: MID_GREY, margin: 0 },
      },
    },
  ];
  // Disclosure control, when applied, is said on every slide, just above the footer.
  if (pack.notes.length)
    furniture.push({
      text: {
        text: pack.notes.join(' '),
        options: { x: MARGIN, y: H - 0.52, w: W - 2 * MARGIN, h: 0.18, fontFace: FONT, fontSize: 7, color: GREY, margin: 0 },
      },
    });
  if (pack.marking)
    furniture.push({
      text: {
        text: pack.marking,
        options: { x: W / 2 - 2, y: 0.14, w: 4, h: 0.22, fontFace: FONT, fontSize: 9, bold: true, align: 'center', color: TEXT, margin: 0 },
      },
    });
  pptx.defineSlideMaster({
    title: 'PACK',
    background: { color: 'FFFFFF' },
    objects: furniture,
    slideNumber: { x: W - MARGIN - 0.6, y: H - 0.35, w: 0.6, h: 0.25, fontFace: FONT, fontSize: 8, color: MID_GREY, align: 'right' },
  });

  const cover = pptx.addSlide({ masterName: 'PACK' });
  cover.addShape(pptx.ShapeType.rect, { x: 0, y: 1.4, w: W, h: 1.9, fill: { color: NHS_BLUE } });
  text(cover, pack.title, { x: MARGIN + 0.2, y: 1.6, w: W - 2 * MARGIN - 0.4, h: 0.9, fontSize: 30, bold: true, color: 'FFFFFF', fit: 'shrink' });
  text(cover, [pack.organisation, pack.dateText].filter(Boolean).join('\n'), {
    x: MARGIN + 0.2,
    y: 2.5,
    w: W - 2 * MARGIN - 0.4,
    h: 0.7,
    fontSize: 16,
    color: 'FFFFFF',
  });
  if (pack.description) text(cover, pack.description, { x: MARGIN + 0.2, y: 3.5, w: W - 2 * MARGIN - 0.4, h: 1.1, fontSize: 12, color: GREY, fit: 'shrink' });
  if (pack.marking) text(cover, pack.marking, { x: MARGIN + 0.2, y: 4.6, w: W - 2 * MARGIN - 0.4, h: 0.35, fontSize: 14, bold: true });

  for (const page of pack.pages) {
    if (page.kind === 'table') {
      tableSlides(pptx, page);
      continue;
    }
    const slide = pptx.addSlide({ masterName: 'PACK' });
    if (page.kind === 'chart') chartSlide(pptx, slide, page, render);
    else if (page.kind === 'text') {
      const top = page.title ? heading(slide, page.title, null) : 0.5;
      text(slide, page.text, { x: MARGIN, y: top, w: W - 2 * MARGIN, h: H - top - 0.6, fontSize: 14, fit: 'shrink' });
    } else {
      const top = heading(slide, page.title, null);
      text(slide, page.message, { x: MARGIN, y: top, w: W - 2 * MARGIN, h: 1, fontSize: 12, bold: true, color: RED });
    }
  }
  const out = await pptx.write({ outputType: 'uint8array' });
  return out as Uint8Array;
}
