import { discloseRun } from '../../workbook/disclose-run';
import type { WorkbookRun } from '../../workbook/report-run';
import type { Workbook } from '../../workbook/workbook-schema';
import { disclosureNote, NHS_DISCLOSURE, NO_DISCLOSURE, type DisclosureRule } from '../disclosure';
import { buildBoardPack, type BoardPack } from './board-pack';
import { boardPackHtml } from './pack-html';
import { boardPackPdf, type PdfDocumentClass } from './pdf';
import type { PackFormat } from './pack-formats';
import { boardPackPptx, type RenderSvg } from './pptx';

/**
 * The export registry for board packs: one entry point the app's report page,
 * its menu and `cli render --format` all call. Disclosure control runs first
 * (the workbook's setting unless the caller overrides it), then the pack is
 * laid out once and written in each format asked for.
 */

export { PACK_FORMATS, PACK_MIME, workbookStem, type PackFormat } from './pack-formats';

/** What writing needs from the environment: the SVG renderer and pdfkit's document class. */
export interface PackRenderers {
  renderSvg: RenderSvg;
  PDFDocument: PdfDocumentClass;
}

export interface PackRequest {
  generated: Date;
  /** Replaces the workbook's own disclosure setting. */
  disclosure?: DisclosureRule;
  orientation?: 'landscape' | 'portrait';
  sourceName?: string;
}

/** The workbook's disclosure setting as a rule. */
export function workbookDisclosure(setting: Workbook['report']['disclosure']): DisclosureRule {
  if (setting === 'nhs') return NHS_DISCLOSURE;
  if (setting === undefined || setting === 'none') return NO_DISCLOSURE;
  return { kind: 'suppress', suppressUpTo: setting.suppressUpTo, roundTo: setting.roundTo };
}

/** The pack for a computed workbook, disclosure control applied. */
export function preparePack(workbook: Pick<Workbook, 'title' | 'description' | 'report'>, run: WorkbookRun, request: PackRequest): BoardPack {
  const rule = request.disclosure ?? workbookDisclosure(workbook.report.disclosure);
  const disclosed = discloseRun(workbook, run, rule);
  return buildBoardPack(workbook, disclosed, {
    generated: request.generated,
    disclosureNote: disclosureNote(rule),
    ...(request.sourceName !== undefined ? { sourceName: request.sourceName } : {}),
  });
}

export async function writePack(
  format: PackFormat,
  pack: BoardPack,
  renderers: PackRenderers,
  request: Pick<PackRequest, 'orientation'> = {},
): Promise<Uint8Array> {
  switch (format) {
    case 'pptx':
      return boardPackPptx(pack, renderers.renderSvg);
    case 'pdf':
      return boardPackPdf(renderers.PDFDocument, pack, renderers.renderSvg, request.orientation ? { orientation: request.orientation } : {});
    case 'html':
      return new TextEncoder().encode(boardPackHtml(pack, renderers.renderSvg));
  }
}

/** The pack for a computed workbook in one format: disclosure control, layout, writing. */
export function writeBoardPack(
  format: PackFormat,
  workbook: Pick<Workbook, 'title' | 'description' | 'report'>,
  run: WorkbookRun,
  request: PackRequest,
  renderers: PackRenderers,
): Promise<Uint8Array> {
  return writePack(format, preparePack(workbook, run, request), renderers, request);
}

/** What the app loads on first export (the writers and their renderers), handed to the session. */
export interface PackToolkit {
  write: typeof writeBoardPack;
  renderers: PackRenderers;
}
