import type { FileSource } from '../engine/engine';
import { importFiles, previewImport, type ImportHost, type ImportPreview } from './importer';
import { warmUpImporter } from './warm-up';
import type { ImportReport, ImportRunOptions } from './types';

/**
 * Importing, as a service over an engine: the engine only runs SQL and
 * registers files; this reads the user's files into tables through it
 * (sniffing, NHS value rules, typing; see importer.ts). The app's session, the
 * CLI and workbooks all import through one of these.
 */
export interface ImportService {
  /** Import one file, or several files of one layout as one table (a column names each row's file). */
  importFiles(table: string, sources: FileSource[], opts?: ImportRunOptions): Promise<ImportReport>;
  /** The first rows of a file typed as an import would type them, keeping nothing. */
  preview(source: FileSource, opts?: ImportRunOptions): Promise<ImportPreview>;
  /** A small made-up preview and import, keeping nothing, so that the first real file does not pay for compiling the engine's code. */
  warmUp(): Promise<void>;
}

export function createImportService(engine: ImportHost): ImportService {
  return {
    importFiles: (table, sources, opts = {}) => importFiles(engine, table, sources, opts),
    preview: (source, opts = {}) => previewImport(engine, source, opts),
    warmUp: () => warmUpImporter(engine),
  };
}
