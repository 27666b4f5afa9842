import type { ImportService } from '../../src-shared/import/import-service';
import type { ImportOptions, ImportReport } from '../../src-shared/import/types';
import { tableNameFromFileName, uniqueName } from '../../src-shared/sql/identifiers';
import { nodeFileSource } from '../engine/node-file-source';

/**
 * Import each file as a table named after its file stem (`ae.csv` → `ae`),
 * through the same importer the app uses.
 */
export async function registerFiles(importer: ImportService, files: string[], opts: ImportOptions = {}): Promise<ImportReport[]> {
  const reports: ImportReport[] = [];
  const taken: string[] = [];
  for (const file of files) {
    const source = await nodeFileSource(file);
    const table = uniqueName(tableNameFromFileName(source.name), taken);
    taken.push(table);
    reports.push(await importer.importFiles(table, [source], opts));
  }
  return reports;
}

/** Each import warning on stderr, named by its file (`warning: ae.csv: …`). */
export function printImportWarnings(reports: readonly ImportReport[], err: (text: string) => void): void {
  for (const r of reports) for (const w of r.warnings) err(`warning: ${r.files[0]?.name}: ${w}`);
}
