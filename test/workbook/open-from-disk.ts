import path from 'node:path';
import {
  findMissingFiles,
  loadWorkbookSources,
  recordSourceState,
  type LoadSourcesOptions,
  type LoadSourcesResult,
  type SourceImporter,
  type SourceFiles,
} from '../../src-shared/workbook/load-sources';
import type { Workbook } from '../../src-shared/workbook/workbook-schema';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import { readWorkbookFile, type OpenedWorkbookFile } from '../../src-main/workbook/workbook-files';

/**
 * For the workbook tests: load a workbook's sources straight from disk
 * through src-shared/workbook/load-sources.ts, without a session, to test
 * that module on its own. (The app and the CLI open workbooks through the
 * session, which applies the read policy first.)
 */

/** Source files on the local disk; only ever opened for reading. */
export const nodeSourceFiles: SourceFiles = {
  async open(absolutePath) {
    try {
      return await nodeFileSource(absolutePath);
    } catch {
      return null;
    }
  },
};

/** Load (or refresh) the sources of a workbook stored at `workbookFile`. */
export function loadSourcesFromDisk(
  importer: SourceImporter,
  workbook: Workbook,
  workbookFile: string,
  opts: LoadSourcesOptions = {},
): Promise<LoadSourcesResult> {
  return loadWorkbookSources(importer, workbook, path.resolve(workbookFile), nodeSourceFiles, opts);
}

/** Source files of a workbook stored at `workbookFile` that do not exist (checked without an engine). */
export function missingSourceFiles(workbook: Workbook, workbookFile: string): Promise<{ table: string; stored: string; absolute: string }[]> {
  return findMissingFiles(workbook, path.resolve(workbookFile), nodeSourceFiles);
}

/** Fingerprints, columns and rows of the loaded sources recorded in the workbook (before saving). */
export function recordSourceStateFromDisk(workbook: Workbook, loaded: LoadSourcesResult, opts: { signal?: AbortSignal } = {}): Promise<Workbook> {
  return recordSourceState(workbook, loaded, nodeSourceFiles, opts);
}

export interface OpenedWorkbook extends OpenedWorkbookFile {
  loaded: LoadSourcesResult;
}

/** Read a workbook file and load its sources into `engine`. Source problems are reported in `loaded.problems`, not thrown. */
export async function openWorkbook(file: string, importer: SourceImporter, opts: LoadSourcesOptions = {}): Promise<OpenedWorkbook> {
  const opened = await readWorkbookFile(file);
  const loaded = await loadSourcesFromDisk(importer, opened.workbook, opened.file, opts);
  return { ...opened, loaded };
}
