import { distinctValuesSql, gridCountSql, pageSql, type GridFilter, type GridQuery } from '../../charts/field-queries';
import { tableToRows, type PlainRow } from '../../engine/arrow-values';
import { tableToJsonRows, type JsonValue } from '../../format/plain-json';
import type { RequestState } from '../coordinator';
import type { SessionContext } from '../context';

export type JsonRow = Record<string, JsonValue>;

export interface TableQueriesSlice {
  /** The most common values of a column (for filters and parameter choices), cached until the data changes. */
  distinctValues(table: string, field: string): Promise<{ value: JsonValue; count: number }[]>;
  /**
   * Rows [offset, offset + limit) of a table for the data grid (plain values,
   * dates as Date), cached until the data changes; null when cancelled.
   * `client` names the page, so the grid can cancel pages scrolled past.
   * `query` sorts (by one or more columns) and filters the rows.
   */
  tablePage(client: string, table: string, offset: number, limit: number, query?: GridQuery): Promise<PlainRow[] | null>;
  /** How many rows of the table the grid's filters leave; null when superseded. */
  tableCount(client: string, table: string, filters: readonly GridFilter[]): Promise<number | null>;
  cancelTablePage(client: string): void;
}

/** Resolve with the value, null when superseded, or reject with the error. */
function settle<T>(run: (listener: (state: RequestState<T>) => void) => Promise<void>): Promise<T | null> {
  return new Promise((resolve, reject) => {
    let outcome: { value: T } | { error: string } | null = null;
    void run((state) => {
      if (state.status === 'ready') outcome = { value: state.value };
      else if (state.status === 'error') outcome = { error: state.message };
    }).then(() => {
      if (outcome === null) resolve(null);
      else if ('value' in outcome) resolve(outcome.value);
      else reject(new Error(outcome.error));
    });
  });
}

export function tableQueriesSlice({ coordinator }: SessionContext): TableQueriesSlice {
  let lists = 0;
  return {
    async distinctValues(table, field) {
      // Each list is its own client: several filters can load their values at once.
      const rows = await settle<JsonRow[]>((listener) =>
        coordinator.run(
          `values:${table}:${field}:${++lists}`,
          async (ctx) => tableToJsonRows(await coordinator.cachedQuery(distinctValuesSql(table, field), ctx.signal)),
          listener,
        ),
      );
      return (rows ?? []).map((r) => ({ value: r.value ?? null, count: Number(r.n) }));
    },

    tablePage(client, table, offset, limit, query) {
      return settle<PlainRow[]>((listener) =>
        coordinator.run(
          `grid:${client}`,
          async (ctx) => tableToRows(await coordinator.cachedQuery(pageSql(table, offset, limit, query), ctx.signal)),
          listener,
        ),
      );
    },

    tableCount(client, table, filters) {
      return settle<number>((listener) =>
        coordinator.run(
          `grid-count:${client}`,
          async (ctx) => Number(tableToRows(await coordinator.cachedQuery(gridCountSql(table, filters), ctx.signal))[0]?.n ?? 0),
          listener,
        ),
      );
    },

    cancelTablePage(client) {
      coordinator.cancel(`grid:${client}`);
    },
  };
}
