import { previewUserSql } from '../../engine/sql-gate';
import { tableToJsonRows, type JsonValue } from '../../format/plain-json';
import type { SessionContext } from '../context';

/** The example the empty editor shows. */
export const SQL_EXAMPLE = 'SELECT pod, sum(activity) AS activity\nFROM activity\nGROUP BY pod\nORDER BY activity DESC';

/** Rows the editor shows of a result (the whole result is a derived table away). */
export const SQL_PREVIEW_ROWS = 1000;

export type SqlResult =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'ready'; columns: string[]; rows: Record<string, JsonValue>[]; more: boolean; ms: number }
  | { status: 'error'; message: string };

export interface SqlEditorSlice {
  sqlText: string;
  sqlResult: SqlResult;
  setSqlText(sql: string): void;
  /** Run the editor's SQL through the gate (one read-only SELECT over loaded tables); shows its first rows. */
  runSql(): Promise<void>;
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
    setSqlText(sql) {
      set({ sqlText: sql });
    },
    async runSql() {
      const sql = get().sqlText;
      const started = clock.now();
      await coordinator.run(
        'sql-editor',
        async (ctx) => previewUserSql({ query: (q) => ctx.query(q) }, sql, SQL_PREVIEW_ROWS, { signal: ctx.signal }),
        (state) => {
          if (state.status === 'pending') set({ sqlResult: { status: 'running' } });
          else if (state.status === 'ready')
            set({
              sqlResult: {
                status: 'ready',
                columns: state.value.table.schema.fields.map((f) => f.name),
                rows: tableToJsonRows(state.value.table),
                more: state.value.more,
                ms: clock.now() - started,
              },
            });
          else set({ sqlResult: { status: 'error', message: state.message } });
        },
      );
    },
  };
}
