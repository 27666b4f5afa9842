import type { FileSource } from '../../engine/engine';
import { formatFromFileName } from '../../import/file-formats';
import type { ImportPreview } from '../../import/importer';
import { listSheets, type SheetSummary } from '../../import/readers/spreadsheet';
import type { ImportOptions } from '../../import/types';
import { isSafeIdentifier, tableNameFromFileName } from '../../sql/identifiers';
import type { SessionContext } from '../context';

/** The person's choices in the import preview; anything unset is detected. */
export interface ImportChoices extends ImportOptions {
  table: string;
  /** Import several files as one table with a column naming each row's file. */
  combine: boolean;
}

export interface PendingImport {
  files: FileSource[];
  choices: ImportChoices;
  preview: ImportPreview | null;
  previewing: boolean;
  previewError: string | null;
  /**
   * The sheets of the first file when it is an Excel workbook, listed as soon
   * as it is chosen and apart from the preview (so a sheet can be picked even
   * when the default sheet's preview fails); null until listed, and for other
   * formats or an unreadable workbook (whose preview says why).
   */
  sheets: SheetSummary[] | null;
}

export interface ImportPreviewSlice {
  pendingImport: PendingImport | null;
  /** Open the import preview for files the person chose (and, for a workbook, list its sheets apart from the preview). */
  beginImport(files: FileSource[]): void;
  updateImportChoices(patch: Partial<ImportChoices>): void;
  confirmImport(): Promise<void>;
  closeImportPreview(): void;
}

/** A table name the person may type: a plain identifier (letters, digits, underscores). */
export function tableNameProblem(name: string): string | null {
  if (name.trim() === '') return 'Give the table a name.';
  if (!isSafeIdentifier(name)) return 'Use lower-case letters, digits and underscores, starting with a letter (not an SQL keyword).';
  return null;
}

function importOptions(choices: ImportChoices): ImportOptions {
  const { table: _table, combine: _combine, ...opts } = choices;
  return opts;
}

const PREVIEW_CLIENT = 'import-preview';
const SHEETS_CLIENT = 'import-sheets';

function isWorkbook(file: FileSource): boolean {
  const format = formatFromFileName(file.name)?.format;
  return format === 'xlsx' || format === 'xls';
}

export function importPreviewSlice({ set, get, importer, coordinator }: SessionContext): ImportPreviewSlice {
  /** Preview the first file with the current choices; a newer preview supersedes a running one. */
  function refreshPreview(): Promise<void> {
    const pending = get().pendingImport;
    if (!pending) return Promise.resolve();
    const choices = pending.choices;
    return coordinator.run(
      PREVIEW_CLIENT,
      async ({ signal }) => (await importer()).preview(pending.files[0]!, { ...importOptions(choices), signal }),
      (state) =>
        set((s) => {
          if (!s.pendingImport) return {};
          if (state.status === 'pending') return { pendingImport: { ...s.pendingImport, previewing: true, previewError: null } };
          if (state.status === 'ready') return { pendingImport: { ...s.pendingImport, preview: state.value, previewing: false } };
          return { pendingImport: { ...s.pendingImport, preview: null, previewing: false, previewError: state.message } };
        }),
    );
  }

  /** List the sheets of the first file when it is a workbook, for the sheet picker (as the coordinator's work, so `settled()` waits for it). */
  function listWorkbookSheets(files: FileSource[]): Promise<void> {
    const first = files[0]!;
    if (!isWorkbook(first)) return Promise.resolve();
    return coordinator.run(
      SHEETS_CLIENT,
      async () => listSheets(await first.read(0, first.size), first.name),
      (state) => {
        // An unreadable workbook lists nothing: its preview says why.
        if (state.status !== 'ready') return;
        set((s) => (s.pendingImport?.files === files ? { pendingImport: { ...s.pendingImport, sheets: state.value } } : {}));
      },
    );
  }

  return {
    pendingImport: null,

    beginImport(files) {
      if (files.length === 0) return;
      const extension = (f: FileSource) => f.name.split('.').pop()?.toLowerCase();
      const sameKind = files.every((f) => extension(f) === extension(files[0]!));
      set({
        pendingImport: {
          files,
          choices: { table: tableNameFromFileName(files[0]!.name), combine: files.length > 1 && sameKind },
          preview: null,
          previewing: true,
          previewError: null,
          sheets: null,
        },
      });
      void listWorkbookSheets(files);
      void refreshPreview();
    },

    updateImportChoices(patch) {
      const pending = get().pendingImport;
      if (!pending) return;
      const choices = { ...pending.choices, ...patch };
      // A different layout (sheet, header row, delimiter…) makes earlier column type choices meaningless.
      if (patch.sheet !== undefined || patch.headerRow !== undefined || patch.delimiter !== undefined || patch.encoding !== undefined)
        delete choices.columnTypes;
      set({ pendingImport: { ...pending, choices } });
      const cosmetic = Object.keys(patch).every((k) => k === 'table' || k === 'combine');
      if (!cosmetic) void refreshPreview();
    },

    async confirmImport() {
      const pending = get().pendingImport;
      if (!pending || tableNameProblem(pending.choices.table)) return;
      coordinator.cancel(PREVIEW_CLIENT);
      coordinator.cancel(SHEETS_CLIENT);
      set({ pendingImport: null });
      const { files, choices } = pending;
      if (files.length > 1 && !choices.combine) await get().importFiles(files, importOptions(choices));
      else await get().importFiles(files, { ...importOptions(choices), table: choices.table, combine: files.length > 1 });
    },

    closeImportPreview() {
      coordinator.cancel(PREVIEW_CLIENT);
      coordinator.cancel(SHEETS_CLIENT);
      set({ pendingImport: null });
    },
  };
}
