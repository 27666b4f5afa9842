/**
 * Deterministic XLSX output with SheetJS. SheetJS stores no zip entry
 * timestamps unless asked, and the document properties carry a fixed date
 * here, so the same workbook always produces the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as XLSX from '@e965/xlsx';

export type Cell = string | number | null;

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  /** Column widths in characters. */
  widths?: number[];
  /** Cell ranges to merge, e.g. 'A1:L1'. */
  merges?: string[];
}

/** Fixed document date (no clock reads). */
const FIXED_DATE = new Date(Date.UTC(2017, 5, 30, 12, 0, 0));

export function writeXlsx(path: string, sheets: readonly SheetSpec[], title: string): void {
  const wb = XLSX.utils.book_new();
  wb.Props = {
    Title: title,
    Author: 'Commissioning Workbench sample-data generator',
    Company: 'Synthetic sample data',
    CreatedDate: FIXED_DATE,
    ModifiedDate: FIXED_DATE,
  };
  for (const spec of sheets) {
    const ws = XLSX.utils.aoa_to_sheet(spec.rows);
    if (spec.widths) ws['!cols'] = spec.widths.map((wch) => ({ wch }));
    if (spec.merges) ws['!merges'] = spec.merges.map((r) => XLSX.utils.decode_range(r));
    XLSX.utils.book_append_sheet(wb, ws, spec.name);
  }
  const data = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}
