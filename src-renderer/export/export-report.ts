import type { PackToolkit } from '../../src-shared/export/board-pack/export-pack';
import type { PackFormat } from '../../src-shared/export/board-pack/pack-formats';
import { platform } from '../platform';
import { session } from '../state/store';

/**
 * Export the report as a board pack from the window: the session writes the
 * pack (the same code as `cli render --format`), the platform saves it (a
 * save dialog in the desktop app, a download in the browser). pdfkit and
 * ECharts' SVG renderer load on first use, not at start.
 */

/**
 * The pack writers (pptxgenjs, pdfkit's browser build with the four Helvetica
 * faces the pages use) and ECharts' SVG renderer. The module system keeps what
 * it loaded, so a second export loads nothing again.
 */
async function loadToolkit(): Promise<PackToolkit> {
  const [writers, pdfkit, regular, bold, oblique, boldOblique, svg] = await Promise.all([
    import('../../src-shared/export/board-pack/export-pack'),
    import('pdfkit'),
    import('pdfkit/standard-fonts/Helvetica'),
    import('pdfkit/standard-fonts/HelveticaBold'),
    import('pdfkit/standard-fonts/HelveticaOblique'),
    import('pdfkit/standard-fonts/HelveticaBoldOblique'),
    import('../../src-shared/charts/render-svg'),
  ]);
  const register = (pdfkit as unknown as { registerStdFonts(...fonts: unknown[]): void }).registerStdFonts;
  register(regular.default, bold.default, oblique.default, boldOblique.default);
  return { write: writers.writeBoardPack, renderers: { PDFDocument: pdfkit.default, renderSvg: svg.renderChartSvg } };
}

const LABELS: Record<PackFormat, string> = { pptx: 'PowerPoint', pdf: 'PDF', html: 'web page' };

export async function exportReport(format: PackFormat): Promise<void> {
  let loaded: PackToolkit;
  try {
    loaded = await loadToolkit();
  } catch (error) {
    session.getState().notify(`Could not load the report exporter: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const file = await session.getState().exportReport(format, loaded);
  if (!file) return;
  const saved = await platform.saveFile({ suggestedName: file.name, data: file.data, mimeType: file.mimeType, extensions: [format] });
  if (saved) session.getState().notify(`Exported the report as a ${LABELS[format]}: ${file.name}`);
}
