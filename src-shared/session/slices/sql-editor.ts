import { previewUserSql } from '../../engine/sql-gate';
import { tableToJsonRows, type JsonValue } from '../../format/plain-json';
import { lineAndColumn, sqlErrorLocation } from '../../sql/error-location';
import type { SessionContext } from '../context';

/** The example the empty editor shows. */
export const SQL_EXAMPLE = 'SELECT pod, sum(activity) AS activity\nFROM activity\nGROUP BY pod\nORDER BY activity DESC';

/** Rows the editor shows of a result (the whole result is a derived table away). */
export const SQL_PREVIEW_ROWS = 1000;

export type SqlResult =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'ready'; columns: string[]; rows: Record<string, JsonValue>[]; more: boolean; ms: number }
  /** `at`: where in the editor's text the error points (0-based offset, 1-based line and column), when DuckDB's message says. */
  | { status: 'error'; message: string; at?: { offset: number; line: number; column: number } };

/** A query run from the editor, newest first in the history. */
export interface SqlHistoryEntry {
  sql: string;
  rows: number;
  ms: number;
}

/** Queries the history keeps. */
export const SQL_HISTORY_LIMIT = 30;

export interface SqlEditorSlice {
  sqlText: string;
  sqlResult: SqlResult;
  /** Queries that ran, newest first (each once). */
  sqlHistory: SqlHistoryEntry[];
  setSqlText(sql: string): void;
  /**
   * Run the editor's SQL (or the part `range` selects) through the gate — one read-only
   * SELECT over loaded tables — and show its first rows, or the error and where it points.
   */
  runSql(range?: { from: number; to: number }): Promise<void>;
  /** Stop the running query. */
  cancelSql(): void;
}

/**
 * The SQL editor: a person's own SELECT over the loaded tables, checked by
 * the same gate as workbooks' derived tables (DuckDB's parser, one read-only
 * SELECT, no file readers), with the first rows shown. Saving it as a table
 * is the workbook's `addDerivedTable`.
 */
export function sqlEditorSlice({ set, get, coordinator, clock }: SessionContext): SqlEditorSlice {
  return {
    sqlText: '',
    sqlResult: { status: 'idle' },
    sqlHistory: [],
    setSqlText(sql) {
      set({ sqlText: sql });
    },
    cancelSql() {
      if (get().sqlResult.status !== 'running') return;
      coordinator.cancel('sql-editor');
      set({ sqlResult: { status: 'error', message: 'Cancelled: the query was stopped before it finished.' } });
    },
    async runSql(range) {
      const whole = get().sqlText;
      const from = range && range.to > range.from ? range.from : 0;
      const sql = range && range.to > range.from ? whole.slice(range.from, range.to) : whole;
      const started = clock.now();
      await coordinator.run(
        'sql-editor',
        async (ctx) => previewUserSql({ query: (q) => ctx.query(q) }, sql, SQL_PREVIEW_ROWS, { signal: ctx.signal }),
        (state) => {
          if (state.status === 'pending') set({ sqlResult: { status: 'running' } });
          else if (state.status === 'ready') {
            const rows = tableToJsonRows(state.value.table);
            const ms = clock.now() - started;
            const entry: SqlHistoryEntry = { sql: sql.trim(), rows: rows.length, ms };
            set((s) => ({
              sqlResult: { status: 'ready', columns: state.value.table.schema.fields.map((f) => f.name), rows, more: state.value.more, ms },
              sqlHistory: [entry, ...s.sqlHistory.filter((h) => h.sql !== entry.sql)].slice(0, SQL_HISTORY_LIMIT),
            }));
          } else {
            const found = sqlErrorLocation(state.message, sql);
            const at = found ? { offset: from + found.offset, ...lineAndColumn(whole, from + found.offset) } : undefined;
            set({ sqlResult: { status: 'error', message: state.message, ...(at ? { at } : {}) } });
          }
        },
      );
    },
  };
}
