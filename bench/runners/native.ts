/**
 * The native side of the benchmark, in its own process (started by
 * bench/run.ts): native DuckDB through @duckdb/node-api (a devDependency used
 * only here and in tests), reading the same file and replaying the SQL the
 * project's views ran.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { CapturedQuery, RunnerRequest, StepName, StepRecord } from '../lib/protocol';
import { repeatStep, skipped, type RepeatOptions, type StepWork } from '../lib/repeat';
import { runnerMain, type Send } from '../lib/runner-io';
import { ACTIVITY, DTOC, dropTableSql, INDICATORS, QUIRKY, readCsvSql } from '../lib/workload';
import { quoteLiteral } from '../../src-shared/sql/identifiers';

async function openNative(threads: number | null | undefined): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  return { instance, connection: await instance.connect() };
}

async function run(req: RunnerRequest, send: Send): Promise<void> {
  const opts: RepeatOptions = { runs: req.runs, budgetSeconds: req.stepBudgetSeconds, timeoutSeconds: req.stepTimeoutSeconds };
  const step = (record: StepRecord) => send({ type: 'step', record });

  let spare: { instance: DuckDBInstance; connection: DuckDBConnection } | null = null;
  step(
    skipped(['open'], req.skip)?.[0] ??
      (await repeatStep('open', opts, {
        timed: async () => {
          spare = await openNative(req.nativeThreads);
        },
        after: async () => {
          spare?.connection.closeSync();
          spare?.instance.closeSync();
          spare = null;
        },
      })),
  );

  const { instance, connection } = await openNative(req.nativeThreads);
  try {
    const settings = (await connection.runAndReadAll(`SELECT version() AS v, current_setting('threads') AS threads`)).getRowObjectsJson()[0] ?? {};
    /** A step on the working connection: a timed-out repetition is interrupted. */
    const timedStep = async (name: StepName, work: StepWork): Promise<StepRecord> =>
      skipped([name], req.skip)?.[0] ?? repeatStep(name, opts, { ...work, onTimeout: () => connection.interrupt() });
    send({ type: 'info', key: 'native_duckdb', value: `@duckdb/node-api (DuckDB ${String(settings.v)}), ${String(settings.threads)} threads` });

    const imported = await timedStep('import', {
      before: async () => void (await connection.run(dropTableSql(ACTIVITY))),
      timed: () => connection.run(readCsvSql(ACTIVITY, req.file)),
    });
    step(imported);
    if (imported.samples.length === 0) throw new Error(`the import failed, so nothing else can run: ${imported.error ?? 'no runs'}`);
    if (req.quirkyFile) {
      // DuckDB's own reader on the quirky file, told only what it cannot detect: the encoding and the title lines.
      const quirkySql = `CREATE TABLE ${QUIRKY} AS SELECT * FROM read_csv(${quoteLiteral(req.quirkyFile)}, encoding = 'latin-1', skip = 2, ignore_errors = true)`;
      step(
        await timedStep('import_quirky', {
          before: async () => void (await connection.run(dropTableSql(QUIRKY))),
          timed: () => connection.run(quirkySql),
          after: async () => void (await connection.run(dropTableSql(QUIRKY))),
        }),
      );
    }
    const described = (await connection.runAndReadAll(`DESCRIBE ${ACTIVITY}`)).getRowObjectsJson();
    send({ type: 'info', key: 'native_schema', value: described.map((r) => `${String(r.column_name)} ${String(r.column_type)}`).join(', ') });

    const w = req.workload;
    if (!w) return;
    /**
     * Replay the project's queries in order, reading every result in full, and
     * report row counts that differ (DESCRIBE is expected to: the project's
     * importer adds a derived column; SQL borrowed from a smaller size has no
     * count to compare).
     */
    const replay = async (name: StepName, queries: CapturedQuery[] | null): Promise<void> => {
      if (queries === null) return;
      const mismatches = new Set<string>();
      step(
        await timedStep(name, {
          timed: async (_run, signal) => {
            for (const q of queries) {
              if (signal.aborted) throw new Error('cancelled');
              const result = await connection.runAndReadAll(q.sql);
              if (q.rows !== null && result.currentRowCount !== q.rows && !q.sql.startsWith('DESCRIBE '))
                mismatches.add(`${q.sql.replace(/\s+/g, ' ').slice(0, 80)}… gave ${result.currentRowCount} rows natively, ${q.rows} in the project`);
            }
          },
        }),
      );
      for (const m of mismatches) send({ type: 'warning', text: `${name}: ${m}` });
    };

    step(await timedStep('dtoc_table', { before: async () => void (await connection.run(dropTableSql(DTOC))), timed: () => connection.run(w.dtocTable) }));
    await replay('dtoc_sql', w.dtoc);
    await connection.run(dropTableSql(DTOC));
    await replay('growth_sql', w.growth);
    step(
      await timedStep('peers_table', { before: async () => void (await connection.run(dropTableSql(INDICATORS))), timed: () => connection.run(w.peersTable) }),
    );
    await replay('peers_sql', w.peers);
    await connection.run(dropTableSql(INDICATORS));
    await replay('chart_sql', w.chart && [w.chart]);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

runnerMain(run);
