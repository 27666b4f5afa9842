import type { ResultTable } from '../analysis/view-types';
import { formatNumber, NUMBER_FORMATS, type NumberFormat } from '../format/number-format';
import type { ItemRun, WorkbookRun } from './report-run';
import type { Workbook } from './workbook-schema';

/**
 * A workbook's report as one static HTML page: items in report order on the
 * report's grid, each with its title, its chart (an `<img>` of an SVG file
 * beside the page — separate files, because SVGs from ECharts reuse element
 * ids that would clash if inlined together), its table, text or error, its
 * commentary and a link to its data as CSV. No scripts, no remote URLs; all
 * text is escaped. Styles are inline.
 */

export interface ItemFiles {
  /** Relative path of the item's SVG. */
  svg?: string;
  /** Relative path of the item's data as CSV. */
  csv?: string;
}

export interface ReportHtmlOptions {
  /** Files written for each report item, by item id. */
  files: ReadonlyMap<string, ItemFiles>;
  /** Shown in the footer. */
  sourceName?: string;
  generated?: Date;
  /** Rows of a view table shown in the page (all rows are in the CSV). */
  maxTableRows?: number;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A relative file path as a safe attribute value (each segment percent-encoded). */
function href(path: string): string {
  return escapeHtml(path.split('/').map(encodeURIComponent).join('/'));
}

/** Plain text as paragraphs: blank lines separate paragraphs, single line breaks are kept. */
export function textToHtml(text: string): string {
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${escapeHtml(p).replace(/\r?\n/g, '<br>')}</p>`)
    .join('\n');
}

function cellText(value: unknown, format: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && format !== undefined && (NUMBER_FORMATS as readonly string[]).includes(format))
    return formatNumber(value, format as NumberFormat);
  if (typeof value === 'number') return formatNumber(value, 'number');
  return String(value);
}

function tableHtml(table: ResultTable, maxRows: number): string {
  const numeric = (f: string | undefined) => f !== undefined && (NUMBER_FORMATS as readonly string[]).includes(f);
  const head = table.columns.map((c) => `<th${numeric(c.format) ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`).join('');
  const rows = table.rows
    .slice(0, maxRows)
    .map(
      (r) => `<tr>${table.columns.map((c) => `<td${numeric(c.format) ? ' class="num"' : ''}>${escapeHtml(cellText(r[c.key], c.format))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const more = table.rows.length > maxRows ? `<p class="note">The first ${maxRows} of ${table.rows.length} rows; every row is in the CSV.</p>` : '';
  return `<div class="table"><table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>${more}`;
}

function itemBody(item: ItemRun, files: ItemFiles, maxRows: number): string {
  switch (item.kind) {
    case 'text':
      return textToHtml(item.text);
    case 'error':
      return `<p class="error">${escapeHtml(item.message)}</p>`;
    case 'view-table':
      return tableHtml(item.table, maxRows);
    case 'chart':
    case 'view-chart': {
      const size = item.kind === 'chart' ? item.chart.size : item.size;
      return files.svg ? `<img src="${href(files.svg)}" alt="${escapeHtml(item.title)}" width="${size.width}" height="${size.height}">` : '';
    }
  }
}

export const REPORT_STYLE = `
body { font-family: Arial, Helvetica, sans-serif; color: #231f20; margin: 24px; background: #fff; }
header h1 { color: #005eb8; font-size: 26px; margin: 0 0 8px; }
.report { display: grid; gap: 24px; margin-top: 16px; }
.item { border-top: 4px solid #005eb8; padding-top: 8px; min-width: 0; }
.item.text { border-top-color: #768692; }
.item h2 { font-size: 18px; margin: 0 0 8px; color: #003087; }
.item img { max-width: 100%; height: auto; display: block; }
.item .commentary { color: #425563; }
.item a.data { font-size: 14px; color: #005eb8; }
.error { color: #da291c; font-weight: bold; }
.note { color: #425563; font-size: 13px; }
.table { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border-bottom: 1px solid #e8edee; padding: 3px 8px; text-align: left; }
th { background: #e8edee; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
footer { margin-top: 32px; color: #768692; font-size: 12px; }
@media print { .item { break-inside: avoid; } }
`.trim();

/** The report page (index.html) for a workbook run. */
export function reportHtml(workbook: Workbook, run: WorkbookRun, opts: ReportHtmlOptions): string {
  const columns = workbook.report.columns;
  const maxRows = opts.maxTableRows ?? 200;
  const items = run.items.map((item) => {
    const files = opts.files.get(item.id) ?? {};
    const title = item.title ? `<h2>${escapeHtml(item.title)}</h2>` : '';
    const commentary = item.commentary ? `<div class="commentary">${textToHtml(item.commentary)}</div>` : '';
    const data = files.csv ? `<p><a class="data" href="${href(files.csv)}">Data (CSV)</a></p>` : '';
    return `<section class="item ${item.kind}" id="${escapeHtml(item.id)}" style="grid-column: span ${item.width}">\n${title}\n${itemBody(item, files, maxRows)}\n${commentary}\n${data}\n</section>`;
  });
  const description = workbook.description ? textToHtml(workbook.description) : '';
  const notes = workbook.notes.trim() ? `<section class="notes"><h2>Notes</h2>\n${textToHtml(workbook.notes)}\n</section>` : '';
  const footer = [
    opts.sourceName ? `Made from ${escapeHtml(opts.sourceName)}` : 'Made',
    'by Commissioning Workbench',
    opts.generated ? `on ${escapeHtml(opts.generated.toISOString().slice(0, 16).replace('T', ' '))} UTC` : '',
  ]
    .filter((s) => s !== '')
    .join(' ');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(workbook.title)}</title>
<style>
${REPORT_STYLE}
</style>
</head>
<body>
<header>
<h1>${escapeHtml(workbook.title)}</h1>
${description}
</header>
<main class="report" style="grid-template-columns: repeat(${columns}, minmax(0, 1fr))">
${items.join('\n')}
</main>
${notes}
<footer>${footer}.</footer>
</body>
</html>
`;
}
