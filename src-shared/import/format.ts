import { formatFromFileName } from './file-formats';
import { ImportError, type Compression, type FileFormat } from './types';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PARQUET = [0x50, 0x41, 0x52, 0x31]; // PAR1
const GZIP = [0x1f, 0x8b];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

export function isGzip(head: Uint8Array): boolean {
  return startsWith(head, GZIP);
}

export interface DetectedFormat {
  format: FileFormat;
  compression: Compression;
}

/**
 * The file's format from its name, checked against its first bytes: a spreadsheet
 * renamed `.csv`, or a `.csv` that is really binary, is caught here rather than
 * producing garbage rows.
 */
export function detectFormat(name: string, head: Uint8Array, override?: FileFormat): DetectedFormat {
  const compression: Compression = isGzip(head) ? 'gzip' : 'none';
  if (override) return { format: override, compression };
  if (head.length === 0) {
    throw new ImportError('The file is empty', { file: name }, 'Check that the export finished writing, then open it again.');
  }
  if (startsWith(head, PARQUET)) return { format: 'parquet', compression: 'none' };
  if (startsWith(head, OLE2)) return { format: 'xls', compression: 'none' };
  const named = formatFromFileName(name);
  const byExtension = named?.format ?? null;
  if (startsWith(head, ZIP)) {
    if (byExtension === 'xlsx') return { format: 'xlsx', compression: 'none' };
    // A zip that is not named as a workbook may still be one (an .xlsx saved as .csv).
    return { format: 'xlsx', compression: 'none' };
  }
  if (named && compression === 'gzip' && !named.entry.gzip) {
    throw new ImportError(
      `The file is a gzip-compressed .${named.extension} file, which cannot be read while compressed`,
      { file: name },
      `Decompress it first (for example with 7-Zip) and open the .${named.extension} file inside.`,
    );
  }
  if (byExtension === 'xlsx' || byExtension === 'xls') {
    throw new ImportError(
      'The file is named as an Excel workbook but is not one',
      { file: name },
      'It may be a CSV or HTML file saved with an .xls/.xlsx name: rename it to .csv and try again, or re-save it from Excel.',
    );
  }
  if (byExtension === 'parquet') {
    throw new ImportError(
      'The file is named .parquet but does not start with the Parquet signature',
      { file: name },
      'It may be damaged or not a Parquet file.',
    );
  }
  if (byExtension) return { format: byExtension, compression };
  // Unknown extension: sniff JSON, else treat as delimited text.
  const first = firstNonSpaceChar(head);
  if (first === '[' || first === '{') return { format: first === '[' ? 'json' : 'ndjson', compression };
  return { format: 'csv', compression };
}

function firstNonSpaceChar(head: Uint8Array): string | null {
  for (const b of head) {
    if (b === 0xef || b === 0xbb || b === 0xbf) continue; // BOM
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return String.fromCharCode(b);
  }
  return null;
}
