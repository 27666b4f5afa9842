/** The board-pack formats and their media types: no writer code, so the app can name them without loading the writers. */
export const PACK_FORMATS = ['pptx', 'pdf', 'html'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];

export const PACK_MIME: Record<PackFormat, string> = {
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  pdf: 'application/pdf',
  html: 'text/html',
};

/** `Somerset board pack.workbook.json` → `Somerset board pack`. */
export function workbookStem(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.workbook\.json$/i, '').replace(/\.json$/i, '') || 'report';
}
