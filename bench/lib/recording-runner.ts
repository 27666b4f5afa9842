import type * as arrow from 'apache-arrow';
import type { SqlRunner } from '../../src-shared/analysis/view-types';
import type { QueryOptions } from '../../src-shared/engine/engine';
import type { CapturedQuery } from './protocol';

/**
 * A SqlRunner that passes every query to the engine and records it: its SQL,
 * the rows it returned and how long the engine took. Templates run through it
 * unchanged, so the SQL recorded is exactly the SQL the view ran.
 */
export class RecordingRunner implements SqlRunner {
  readonly queries: CapturedQuery[] = [];
  /** Time spent inside the engine's query(), ms. */
  sqlMs = 0;

  constructor(private readonly engine: SqlRunner) {}

  async query(sql: string, opts?: QueryOptions): Promise<arrow.Table> {
    const started = performance.now();
    const result = await this.engine.query(sql, opts);
    this.sqlMs += performance.now() - started;
    this.queries.push({ sql, rows: result.numRows });
    return result;
  }
}
