import path from 'node:path';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import type { Engine } from '../../src-shared/engine/engine';
import { quoteLiteral } from '../../src-shared/sql/identifiers';

/** test/fixtures/charts/activity-small.csv: 13 rows, three CCGs and a blank one, hand-countable. */
export const ACTIVITY_SMALL = path.resolve(import.meta.dirname, '../fixtures/charts/activity-small.csv');

/**
 * Load the fixture as table `activity_small`, typed explicitly with DuckDB's own CSV reader so the
 * table is exactly the fixture whatever the importer guesses. The engine is sandboxed: it reads a
 * file only once it is registered.
 */
export async function loadActivitySmall(engine: Engine): Promise<void> {
  const registered = await engine.registerFile('activity-small.csv', await nodeFileSource(ACTIVITY_SMALL));
  await engine.exec(
    `CREATE TABLE activity_small AS SELECT * FROM read_csv(${quoteLiteral(registered)}, header = true, columns = {'ccg': 'VARCHAR', 'ccg_name': 'VARCHAR', 'pod': 'VARCHAR', 'month': 'DATE', 'activity': 'BIGINT', 'cost_gbp': 'DOUBLE', 'los': 'BIGINT'})`,
  );
}
