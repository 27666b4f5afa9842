import type { SessionPlatform } from '../../src-shared/session';

/**
 * The session's platform in the CLI: nothing is asked of a person (there is
 * no one to ask), nothing is saved or kept for recovery. Workbooks arrive as
 * handles the command builds from disk (see workbook-reads.ts).
 */
export const cliPlatform: SessionPlatform = {
  openWorkbook: async () => null,
  allowWorkbookReads: async () => ({}),
  saveWorkbook: async () => {
    throw new Error('The command line does not save workbooks');
  },
  writeRecovery: async () => undefined,
  listRecoveries: async () => [],
  deleteRecovery: async () => undefined,
  sampleFile: async () => null,
};
