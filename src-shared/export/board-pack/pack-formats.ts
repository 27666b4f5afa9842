import { fileStem } from '../file-names';

/** The board-pack formats and their media types: no writer code, so the app can name them without loading the writers. */
export const PACK_FORMATS = ['pptx', 'pdf', 'html'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];

export const PACK_MIME: Record<PackFormat, string> = {
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  pdf: 'application/pdf',
  html: 'text/html',
};

/**
 * The pack's file name stem: a workbook file's own name without `.workbook.json`
 * (`somerset-board-pack.workbook.json` → `somerset-board-pack`), else a title made
 * safe for any file system (`Q1/Q2 pack: "draft"` → `q1_q2_pack_draft`).
 */
export function workbookStem(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  if (/\.json$/i.test(base) && /^[\w.-]+$/.test(base)) return base.replace(/\.workbook\.json$/i, '').replace(/\.json$/i, '') || 'report';
  return fileStem(name.replace(/\.workbook\.json$/i, ''), 'report');
}
