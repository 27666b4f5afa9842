import path from 'node:path';
import { toCsv, utf8Bytes } from '../../src-shared/export/delimited';
import type { ExportTable } from '../../src-shared/export/data-table';
import { reportHtml, type ItemFiles } from '../../src-shared/workbook/report-html';
import { resultTableExport, VIEW_CHART_SIZE, type WorkbookRun } from '../../src-shared/workbook/report-run';
import type { Workbook } from '../../src-shared/workbook/workbook-schema';
import { atomicWriteFile } from '../atomic-write';
import { renderChartSvg } from '../../src-shared/charts/render-svg';
import { staticChartOption } from '../../src-shared/charts/static-option';
import type { ChartOption } from '../../src-shared/charts/option-json';

/**
 * Write a computed workbook as files: every chart and every view chart as SVG
 * (ECharts' server-side renderer; PNG needs a canvas, which node lacks), the
 * data behind each as CSV (UTF-8 with BOM, formula-safe), and `index.html`
 * showing the report in order with titles and commentary, referring to the
 * SVG and CSV files beside it by relative path.
 *
 * File names: `chart-<id>.svg|csv` for workbook charts,
 * `view-<view id>-<chart id>.svg` and `view-<view id>-<table id>.csv` for
 * views' charts and tables.
 */

export interface WrittenReport {
  /** Every file written, relative to the output folder, `index.html` last. */
  files: string[];
  svgs: number;
  csvs: number;
}

function slug(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]+/g, '_');
}

export async function writeWorkbookReport(
  outDir: string,
  workbook: Workbook,
  run: WorkbookRun,
  opts: { sourceName?: string; generated?: Date } = {},
): Promise<WrittenReport> {
  const written: string[] = [];
  let svgs = 0;
  let csvs = 0;
  const write = async (name: string, data: string | Uint8Array) => {
    await atomicWriteFile(path.join(outDir, name), data);
    written.push(name);
  };
  const svg = async (name: string, option: Record<string, unknown>, size: { width: number; height: number }) => {
    await write(name, renderChartSvg(staticChartOption(option as ChartOption, size.width), size));
    svgs++;
  };
  const csv = async (name: string, table: ExportTable) => {
    await write(name, utf8Bytes(toCsv(table)));
    csvs++;
  };

  const chartFiles = new Map<string, ItemFiles>();
  for (const c of run.charts) {
    if (c.status !== 'ok') continue;
    const files = { svg: `chart-${slug(c.id)}.svg`, csv: `chart-${slug(c.id)}.csv` };
    await svg(files.svg, c.option, c.size);
    await csv(files.csv, c.data);
    chartFiles.set(c.id, files);
  }
  const viewChartFiles = new Map<string, string>();
  const viewTableFiles = new Map<string, string>();
  for (const v of run.views) {
    if (v.status !== 'ok') continue;
    for (const t of v.result.tables) {
      const name = `view-${slug(v.id)}-${slug(t.id)}.csv`;
      await csv(name, resultTableExport(t));
      viewTableFiles.set(`${v.id}\u0000${t.id}`, name);
    }
    for (const c of v.result.charts) {
      const name = `view-${slug(v.id)}-${slug(c.id)}.svg`;
      await svg(name, c.option, VIEW_CHART_SIZE);
      viewChartFiles.set(`${v.id}\u0000${c.id}`, name);
    }
  }

  const itemFiles = new Map<string, ItemFiles>();
  for (const item of run.items) {
    if (item.kind === 'chart') itemFiles.set(item.id, chartFiles.get(item.chartId) ?? {});
    else if (item.kind === 'view-chart') {
      const files: ItemFiles = {};
      const svgFile = viewChartFiles.get(`${item.viewId}\u0000${item.chartId}`);
      const csvFile = item.tableId === null ? undefined : viewTableFiles.get(`${item.viewId}\u0000${item.tableId}`);
      if (svgFile) files.svg = svgFile;
      if (csvFile) files.csv = csvFile;
      itemFiles.set(item.id, files);
    } else if (item.kind === 'view-table') {
      const csvFile = viewTableFiles.get(`${item.viewId}\u0000${item.tableId}`);
      itemFiles.set(item.id, csvFile ? { csv: csvFile } : {});
    }
  }
  await write('index.html', reportHtml(workbook, run, { files: itemFiles, ...opts }));
  return { files: written, svgs, csvs };
}
