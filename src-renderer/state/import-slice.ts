import type { StateCreator } from 'zustand';
import { isAbortError } from '../../src-shared/engine/engine';
import type { ImportPreview } from '../../src-shared/import/importer';
import type { ImportOptions } from '../../src-shared/import/types';
import { isSafeIdentifier, tableNameFromFileName } from '../../src-shared/sql/identifiers';
import { getEngine } from '../engine/engine-service';
import { createImportService } from '../../src-shared/import/import-service';
import type { PickedFile } from '../platform/types';
import type { WorkbenchState } from './store';

/** The user's choices in the import preview; anything unset is detected. */
export interface ImportChoices extends ImportOptions {
  table: string;
  /** Import several files as one table with a column naming each row's file. */
  combine: boolean;
}

export interface PendingImport {
  files: PickedFile[];
  choices: ImportChoices;
  preview: ImportPreview | null;
  previewing: boolean;
  previewError: string | null;
}

export interface ImportSlice {
  pendingImport: PendingImport | null;
  /** Open the import preview for files the user chose. */
  beginImport(files: PickedFile[]): void;
  updateImportChoices(patch: Partial<ImportChoices>): void;
  confirmImport(): Promise<void>;
  closeImportPreview(): void;
}

let previewController: AbortController | null = null;

/** A table name the user may type: a plain identifier (letters, digits, underscores). */
export function tableNameProblem(name: string): string | null {
  if (name.trim() === '') return 'Give the table a name.';
  if (!isSafeIdentifier(name)) return 'Use lower-case letters, digits and underscores, starting with a letter (not an SQL keyword).';
  return null;
}

function importOptions(choices: ImportChoices): ImportOptions {
  const { table: _table, combine: _combine, ...opts } = choices;
  return opts;
}

export const createImportSlice: StateCreator<WorkbenchState, [], [], ImportSlice> = (set, get) => {
  async function refreshPreview(): Promise<void> {
    const pending = get().pendingImport;
    if (!pending) return;
    previewController?.abort();
    const controller = new AbortController();
    previewController = controller;
    set({ pendingImport: { ...pending, previewing: true, previewError: null } });
    try {
      const engine = await getEngine();
      const preview = await createImportService(engine).preview(pending.files[0]!, { ...importOptions(pending.choices), signal: controller.signal });
      if (previewController !== controller) return;
      set((s) => (s.pendingImport ? { pendingImport: { ...s.pendingImport, preview, previewing: false } } : {}));
    } catch (error) {
      if (previewController !== controller || isAbortError(error)) return;
      set((s) => (s.pendingImport ? { pendingImport: { ...s.pendingImport, preview: null, previewing: false, previewError: (error as Error).message } } : {}));
    }
  }

  return {
    pendingImport: null,

    beginImport(files) {
      if (files.length === 0) return;
      const sameKind = files.every((f) => f.name.split('.').pop()?.toLowerCase() === files[0]!.name.split('.').pop()?.toLowerCase());
      set({
        pendingImport: {
          files,
          choices: { table: tableNameFromFileName(files[0]!.name), combine: files.length > 1 && sameKind },
          preview: null,
          previewing: true,
          previewError: null,
        },
      });
      void refreshPreview();
    },

    updateImportChoices(patch) {
      const pending = get().pendingImport;
      if (!pending) return;
      const choices = { ...pending.choices, ...patch };
      // A different layout (sheet, header row, delimiter…) makes old column type choices meaningless.
      if (patch.sheet !== undefined || patch.headerRow !== undefined || patch.delimiter !== undefined || patch.encoding !== undefined) delete choices.columnTypes;
      set({ pendingImport: { ...pending, choices } });
      const cosmetic = Object.keys(patch).every((k) => k === 'table' || k === 'combine');
      if (!cosmetic) void refreshPreview();
    },

    async confirmImport() {
      const pending = get().pendingImport;
      if (!pending || tableNameProblem(pending.choices.table)) return;
      previewController?.abort();
      set({ pendingImport: null });
      const { files, choices } = pending;
      if (files.length > 1 && !choices.combine) {
        await get().importFiles(files, { ...importOptions(choices) });
      } else {
        await get().importFiles(files, { ...importOptions(choices), table: choices.table, combine: files.length > 1 });
      }
    },

    closeImportPreview() {
      previewController?.abort();
      set({ pendingImport: null });
    },
  };
};
