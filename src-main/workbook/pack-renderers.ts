import PDFDocument from 'pdfkit';
import { renderChartSvg } from '../../src-shared/charts/render-svg';
import type { PackRenderers } from '../../src-shared/export/board-pack/export-pack';

/** Board packs in node (the CLI): ECharts' server-side SVG renderer and pdfkit's node build (standard fonts read from its package). */
export const NODE_PACK_RENDERERS: PackRenderers = { renderSvg: renderChartSvg, PDFDocument };
