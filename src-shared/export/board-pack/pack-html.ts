import { exportValue } from '../data-table';
import { escapeHtml, REPORT_STYLE, textToHtml } from '../../workbook/report-html';
import type { ExportTable } from '../data-table';
import { cellText, type BoardPack, type PackPage } from './board-pack';
import { base64Utf8 } from './pack-style';
import type { RenderSvg } from './pptx';

/**
 * A board pack as one self-contained HTML file: every chart an SVG held in
 * the page itself (as a data: image, so the ids ECharts repeats in each SVG
 * cannot clash), every chart's data as a table under it, the same pages,
 * order and furniture as the slides and the PDF. No scripts, no external
 * references of any kind; all text escaped. Prints one item per page.
 */

function dataTable(table: ExportTable): string {
  const head = table.columns.map((c) => `<th>${escapeHtml(c.label)}</th>`).join('');
  const rows = table.rows
    .map((r) => {
      const cells = table.columns.map((c) => {
        const v = exportValue(r[c.key]);
        const numeric = typeof v === 'number';
        const text = v instanceof Date ? v.toISOString().slice(0, 10) : numeric ? cellText(v, 'number') : String(v ?? '');
        return `<td${numeric ? ' class="num"' : ''}>${escapeHtml(text)}</td>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const notes = (table.notes ?? []).map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  return `<details><summary>Data (${table.rows.length} row${table.rows.length === 1 ? '' : 's'})</summary><div class="table"><table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>${notes}</details>`;
}

function pageBody(page: PackPage, render: RenderSvg): string {
  switch (page.kind) {
    case 'chart': {
      const { chart } = page;
      const svg = render(chart.option, chart.size);
      const img = `<img src="data:image/svg+xml;base64,${base64Utf8(svg)}" alt="${escapeHtml(chart.ownTitle ?? page.title)}" width="${chart.size.width}" height="${chart.size.height}">`;
      const sub = page.subtitle && chart.ownTitle === null ? `<p class="subtitle">${escapeHtml(page.subtitle)}</p>` : '';
      return `${sub}${img}${page.data ? dataTable(page.data) : ''}`;
    }
    case 'table': {
      const head = page.columns.map((c) => `<th${c.numeric ? ' class="num"' : ''}>${escapeHtml(c.label)}</th>`).join('');
      const rows = page.rows
        .map((r) => `<tr>${r.map((cell, i) => `<td${page.columns[i]?.numeric ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('')}</tr>`)
        .join('\n');
      return `<div class="table"><table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`;
    }
    case 'text':
      return textToHtml(page.text);
    case 'error':
      return `<p class="error">${escapeHtml(page.message)}</p>`;
  }
}

const PACK_STYLE = `
.report { grid-template-columns: minmax(0, 1fr); }
.marking { text-align: center; font-weight: bold; letter-spacing: 0.04em; margin: 0 0 8px; }
.subtitle { color: #425563; margin: 0 0 8px; }
details { margin-top: 8px; }
summary { cursor: pointer; color: #005eb8; }
@media print { .item { break-after: page; } details { display: none; } }
`.trim();

export function boardPackHtml(pack: BoardPack, render: RenderSvg): string {
  const marking = pack.marking ? `<p class="marking">${escapeHtml(pack.marking)}</p>` : '';
  const notes = pack.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join('');
  const pages = pack.pages.map((page) => {
    const repeat = page.kind === 'chart' && page.chart.ownTitle !== null && page.chart.ownTitle.trim() === page.title.trim();
    const title = page.title && !repeat ? `<h2>${escapeHtml(page.title)}</h2>` : '';
    const commentary = page.commentary ? `<div class="commentary">${textToHtml(page.commentary)}</div>` : '';
    // The chart builder's charts draw their own source note and footnote.
    const drawn = page.kind === 'chart' && page.chart.ownTitle !== null;
    const foot = [page.kind === 'chart' && !drawn ? page.sourceNote : null, page.kind === 'chart' && !drawn ? page.footnote : null]
      .filter((t): t is string => !!t)
      .map((t) => `<p class="note">${escapeHtml(t)}</p>`)
      .join('');
    return `<section class="item ${page.kind}" id="${escapeHtml(page.id)}">\n${title}\n${pageBody(page, render)}\n${foot}\n${commentary}\n</section>`;
  });
  const subtitle = [pack.organisation, pack.dateText]
    .filter(Boolean)
    .map((t) => escapeHtml(t!))
    .join(' · ');
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${escapeHtml(pack.title)}</title>
<style>
${REPORT_STYLE}
${PACK_STYLE}
</style>
</head>
<body>
<header>
${marking}
<h1>${escapeHtml(pack.title)}</h1>
<p class="subtitle">${subtitle}</p>
${pack.description ? textToHtml(pack.description) : ''}
${notes}
</header>
<main class="report">
${pages.join('\n')}
</main>
<footer>${escapeHtml(pack.footer)} · made by Commissioning Workbench.${marking ? `<br>${escapeHtml(pack.marking ?? '')}` : ''}</footer>
</body>
</html>
`;
}
