import type { FileSource } from '../../engine/engine';
import { SAMPLE_FILES } from '../../sample-data';
import { checkFingerprint } from '../../workbook/fingerprint';
import { createTableFromUserSql } from '../../engine/sql-gate';
import { quoteIdent } from '../../sql/identifiers';
import { tableReport } from '../../import/importer';
import { findMissingFiles, loadWorkbookSources, type SnapshotUse, type SourceFiles, type SourceProblem, type SourceStatus } from '../../workbook/load-sources';
import { parseWorkbookFile } from '../../workbook/parse-workbook';
import type { OutsideRead } from '../../workbook/read-policy';
import { remapChartSpec, remapSql, remapViewSpec, remapWorkbook } from '../../workbook/remap';
import { mentionsIdentifier, sqlTokens } from '../../workbook/sql-tokens';
import { diffColumns, renamesOf, type ColumnDiff } from '../../workbook/schema-diff';
import { savedColumns } from '../../workbook/source-record';
import { basenameOf } from '../../workbook/source-paths';
import type { Workbook } from '../../workbook/workbook-schema';
import { validateChartSpec } from '../../charts/chart-spec';
import type { SessionContext } from '../context';
import type { WorkbookHandle } from '../platform';
import type { Dataset } from './datasets';
import { recoveryKeyFor } from './workbook';

/**
 * Opening a workbook, the one implementation the app and the CLI share:
 *
 * 1. read and validate it (an error names the file and the problem);
 * 2. files it names outside its own folder are not read until the person
 *    agrees (`allowOutsideReads` / `declineOutsideReads`);
 * 3. source files that are missing are located by the person (matched by
 *    name), or a data snapshot stands in where the workbook has one;
 * 4. the sources are imported with their saved settings; extracts whose
 *    columns changed are shown, and the renames applied if the person agrees;
 * 5. derived tables are created through the SQL gate, and the charts, views
 *    and report replace what was open.
 *
 * Whenever the person is needed, `pendingWorkbook` says why and the flow
 * waits; the CLI, which cannot ask, turns that into its error message.
 */

export interface PendingWorkbook {
  workbook: Workbook;
  handle: WorkbookHandle;
  /** Files the workbook names outside its own folder, not read until the person allows them. */
  outside: OutsideRead[];
  /** Files the person chose for missing sources, by file name. */
  located: Record<string, FileSource>;
  missing: { table: string; name: string; absolute: string }[];
  shapes: { table: string; diff: ColumnDiff }[];
  statuses: SourceStatus[];
  /** Why the sources could not be loaded as saved, each with its message. */
  problems: SourceProblem[];
  snapshot: SnapshotUse;
  /** It holds unsaved work (a recovery copy): it opens marked as changed. */
  unsaved: boolean;
  message: string | null;
  /** Missing files found in the app's sample data (the same content as when the workbook was saved). */
  fromSample?: string[];
}

export interface OpenWorkbookOptions {
  /** Files already chosen for the workbook's sources, by file name (sample data, the browser). */
  located?: Record<string, FileSource>;
  /** When to use the workbook's data snapshot instead of its files (default: for missing files). */
  snapshot?: SnapshotUse;
  /** It holds unsaved work (a recovery copy): it opens marked as changed. */
  unsaved?: boolean;
}

export interface WorkbookOpenSlice {
  pendingWorkbook: PendingWorkbook | null;
  /** Derived tables of the workbook last opened that could not be created, each with why. */
  derivedFailures: { table: string; reason: string; message: string }[];
  /** How each source of the workbook last opened loaded: from files or a snapshot, changed or not, its warnings. */
  openedSources: SourceStatus[];
  /** Open a workbook (asks the platform for one when none is given). Resolves when it is open, or waits for the person. */
  openWorkbook(handle?: WorkbookHandle, opts?: OpenWorkbookOptions): Promise<void>;
  /** The person agreed to the files outside the workbook's folder: read them, then carry on. */
  allowOutsideReads(): Promise<void>;
  /** The person did not: carry on as if those files were missing (locate them, or use the snapshot). */
  declineOutsideReads(): Promise<void>;
  locateSourceFiles(files: FileSource[]): Promise<void>;
  /** Use the app's own copies of sample files for the missing sources that are sample extracts. */
  locateFromSampleData(): Promise<void>;
  /** Apply the detected renames for changed sources, then finish opening. */
  acceptShapeChanges(): Promise<void>;
  cancelPendingWorkbook(): void;
  /** Re-import a table from a newer file; renamed columns are followed by its charts and views. */
  refreshTable(table: string, file: FileSource): Promise<ColumnDiff | null>;
  /**
   * Save a person's SELECT as a derived table of the workbook (made through the SQL gate, saved
   * as its SQL, made again when its sources refresh). Resolves to null, or to why not.
   */
  addDerivedTable(table: string, sql: string): Promise<string | null>;
}

export function workbookOpenSlice(ctx: SessionContext): WorkbookOpenSlice {
  const { set, get, platform, importer, engine, coordinator } = ctx;

  function sourceFiles(pending: Pick<PendingWorkbook, 'handle' | 'located'>): SourceFiles {
    return {
      async open(absolute) {
        return pending.handle.files[absolute] ?? pending.located[basenameOf(absolute)] ?? null;
      },
    };
  }

  /** Load the sources, then either wait for the person (missing files, changed columns) or finish. */
  /** The app's sample copies of missing files whose saved fingerprint they match. */
  async function sampleCopies(workbook: Workbook, missing: readonly { table: string; absolute: string }[]): Promise<FileSource[]> {
    const out: FileSource[] = [];
    for (const m of missing) {
      const name = basenameOf(m.absolute);
      if (!SAMPLE_FILES.some((f) => f.file === name) || out.some((f) => f.name === name)) continue;
      const saved = workbook.sources.find((src) => src.table === m.table)?.files.find((f) => basenameOf(f.path) === name)?.fingerprint;
      if (!saved) continue;
      const copy = await platform.sampleFile(name).catch(() => null);
      if (copy && (await checkFingerprint(saved, copy, { alwaysHash: true })).state === 'unchanged') out.push(copy);
    }
    return out;
  }

  async function proceed(start: PendingWorkbook): Promise<void> {
    let pending = start;
    let files = sourceFiles(pending);
    const missing = await findMissingFiles(pending.workbook, pending.handle.path, files);
    const snapshotTables = new Set(pending.snapshot === 'never' ? [] : (pending.workbook.snapshot?.tables.map((t) => t.table.toLowerCase()) ?? []));
    let unresolved = missing.filter((m) => !snapshotTables.has(m.table.toLowerCase()));
    // Files the app ships as sample data are found without asking, each on its own, when they are the very
    // files the workbook was saved with (same content); the person is asked only for the others.
    const found = await sampleCopies(pending.workbook, unresolved);
    if (found.length > 0) {
      const located = { ...pending.located };
      for (const f of found) located[f.name] = f;
      pending = { ...pending, located, fromSample: [...new Set([...(pending.fromSample ?? []), ...found.map((f) => f.name)])] };
      unresolved = unresolved.filter((m) => !found.some((f) => f.name === basenameOf(m.absolute)));
      files = sourceFiles(pending);
    }
    if (unresolved.length > 0) {
      const listed = unresolved.map((m) => ({ table: m.table, name: basenameOf(m.absolute), absolute: m.absolute }));
      set({ pendingWorkbook: { ...pending, missing: listed }, workbookBusy: null });
      return;
    }
    set({ workbookBusy: 'Loading the workbook’s data…' });
    const loaded = await loadWorkbookSources(await importer(), pending.workbook, pending.handle.path, files, {
      snapshot: pending.snapshot,
      onProgress: (m) => set({ workbookBusy: m }),
    });
    coordinator.invalidate();
    const failures = loaded.problems.filter((p) => p.kind !== 'shape');
    if (failures.length > 0) {
      set({
        pendingWorkbook: { ...pending, missing: [], statuses: loaded.sources, problems: loaded.problems, message: failures.map((f) => f.message).join(' ') },
        workbookBusy: null,
      });
      return;
    }
    const shapes = loaded.problems.flatMap((p) => (p.kind === 'shape' ? [{ table: p.table, diff: p.diff }] : []));
    if (shapes.length > 0) {
      set({ pendingWorkbook: { ...pending, missing: [], shapes, statuses: loaded.sources, problems: loaded.problems, message: null }, workbookBusy: null });
      return;
    }
    await finish(pending, pending.workbook, loaded.sources);
  }

  /**
   * Derived tables through the SQL gate, in order; a failure is kept to its
   * table, and the table is dropped so nothing reads stale rows from it.
   */
  async function createDerived(derived: Workbook['derived']): Promise<{ datasets: Dataset[]; failures: { table: string; reason: string; message: string }[] }> {
    const db = await engine();
    const datasets: Dataset[] = [];
    const failures: { table: string; reason: string; message: string }[] = [];
    for (const d of derived) {
      try {
        await createTableFromUserSql(db, d.table, d.sql);
        const report = await tableReport(db, d.table);
        datasets.push({
          table: d.table,
          rows: report.rows,
          report,
          files: [],
          importOptions: {},
          sql: d.sql,
          ...(d.title !== undefined ? { title: d.title } : {}),
        });
      } catch (error) {
        const reason = (error as Error).message.split('\n')[0]!;
        failures.push({ table: d.table, reason, message: `Derived table "${d.table}" failed: ${reason}` });
        await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(d.table)}`).catch(() => undefined);
      }
    }
    return { datasets, failures };
  }

  async function finish(pending: PendingWorkbook, wb: Workbook, statuses: SourceStatus[]): Promise<void> {
    const fromSample = pending.fromSample ?? [];
    if (fromSample.length > 0)
      get().notify(
        `Used the app’s sample data for ${fromSample.length === 1 ? fromSample[0] : `${fromSample.length} files`}: the same files the workbook was saved with.`,
      );
    const { handle, located } = pending;
    const datasets: Dataset[] = [];
    for (const status of statuses) {
      if (!status.report) continue;
      const source = wb.sources.find((s) => s.table === status.table)!;
      const files = status.files.flatMap((f) => {
        const file = handle.files[f.absolute] ?? located[basenameOf(f.absolute)];
        return file ? [file] : [];
      });
      datasets.push({
        table: status.table,
        rows: status.report.rows,
        report: status.report,
        files,
        importOptions: source.importOptions,
        ...(source.title !== undefined ? { title: source.title } : {}),
        ...(source.pattern !== undefined ? { pattern: source.pattern } : {}),
      });
    }
    // Calculated columns of the sources before derived tables (whose SQL may use them), then of the derived tables.
    get().setFieldSettings(wb.fields);
    get().setDatasets(datasets);
    const fieldProblems: string[] = [];
    for (const d of datasets) fieldProblems.push(...(await get().applyCalculatedColumns(d.table)));
    const derived = await createDerived(wb.derived);
    get().setDatasets(derived.datasets);
    for (const d of derived.datasets) fieldProblems.push(...(await get().applyCalculatedColumns(d.table)));
    coordinator.invalidate();
    // Before the charts run: a chart of a failed derived table says so.
    set({ derivedFailures: derived.failures });
    for (const c of get().charts) get().deleteChart(c.id);
    for (const v of get().views) get().deleteView(v.id);
    // The tables again, with their calculated columns, in the workbook's order.
    const loaded = new Map(get().datasets.map((d) => [d.table, d]));
    get().setDatasets([...datasets, ...derived.datasets].map((d) => loaded.get(d.table) ?? d));
    for (const c of wb.charts) get().addChart(c.spec, c.id, c.title);
    for (const v of wb.views) get().addView(v.spec, v.id, v.title);
    set({
      report: wb.report,
      workbook: {
        title: wb.title,
        notes: wb.notes,
        name: handle.name,
        path: handle.path,
        ...(handle.token ? { token: handle.token } : {}),
        dirty: pending.unsaved,
        recoveryKey: recoveryKeyFor(handle.path, ctx),
      },
      pendingWorkbook: null,
      workbookBusy: null,
      openedSources: statuses,
      focus: { kind: 'report' },
      ...(fieldProblems.length > 0 && derived.failures.length === 0
        ? { importError: { files: [handle.name], heading: `Opened ${handle.name} without some calculated columns.`, message: fieldProblems.join(' ') } }
        : {}),
      ...(derived.failures.length > 0
        ? {
            importError: {
              files: [handle.name],
              heading: `Opened ${handle.name} without ${derived.failures.length === 1 ? 'one derived table' : `${derived.failures.length} derived tables`}.`,
              message: derived.failures.map((f) => f.message).join(' '),
            },
          }
        : {}),
    });
  }

  /** Run a step of the flow, showing its failure in the dialog (or as an import error before there is one). */
  async function step(pending: PendingWorkbook, run: () => Promise<void>): Promise<void> {
    set({ workbookBusy: 'Opening the workbook…' });
    try {
      await run();
    } catch (error) {
      set({ workbookBusy: null, pendingWorkbook: { ...pending, outside: [], missing: [], shapes: [], message: (error as Error).message } });
    }
  }

  return {
    pendingWorkbook: null,
    derivedFailures: [],
    openedSources: [],

    async openWorkbook(handle, opts = {}) {
      const chosen = handle ?? (await platform.openWorkbook());
      if (!chosen) return;
      let workbook: Workbook;
      try {
        workbook = parseWorkbookFile(chosen.text, chosen.name).workbook;
      } catch (error) {
        set({ importError: { files: [chosen.name], message: (error as Error).message } });
        return;
      }
      const pending: PendingWorkbook = {
        workbook,
        handle: chosen,
        outside: chosen.outside,
        located: opts.located ?? {},
        missing: [],
        shapes: [],
        statuses: [],
        problems: [],
        snapshot: opts.snapshot ?? 'when-missing',
        unsaved: opts.unsaved ?? false,
        message: null,
      };
      // An error from another workbook is not this one's.
      set({ importError: null, derivedFailures: [] });
      if (pending.outside.length > 0) {
        // Ask first: nothing outside the workbook's folder is read until the person agrees.
        set({ pendingWorkbook: pending, workbookBusy: null });
        return;
      }
      await step(pending, () => proceed(pending));
    },

    async allowOutsideReads() {
      const pending = get().pendingWorkbook;
      if (!pending || pending.outside.length === 0) return;
      await step(pending, async () => {
        const granted = pending.handle.token
          ? await platform.allowWorkbookReads(
              pending.handle.token,
              pending.outside.map((r) => r.absolute),
            )
          : {};
        const handle = { ...pending.handle, files: { ...pending.handle.files, ...granted }, outside: [] };
        await proceed({ ...pending, handle, outside: [] });
      });
    },

    async declineOutsideReads() {
      const pending = get().pendingWorkbook;
      if (!pending) return;
      const next = { ...pending, handle: { ...pending.handle, outside: [] }, outside: [] };
      await step(next, () => proceed(next));
    },

    async locateSourceFiles(files) {
      const pending = get().pendingWorkbook;
      if (!pending) return;
      const located = { ...pending.located };
      for (const f of files) located[f.name] = f;
      const next = { ...pending, located, missing: [], message: null };
      await step(next, () => proceed(next));
    },

    async locateFromSampleData() {
      const pending = get().pendingWorkbook;
      if (!pending) return;
      const copies: FileSource[] = [];
      for (const name of new Set(pending.missing.map((m) => m.name))) {
        const copy = await platform.sampleFile(name);
        if (copy) copies.push(copy);
      }
      if (copies.length === 0) {
        set({ pendingWorkbook: { ...pending, message: 'The app has no copies of these files: choose them with Locate files…' } });
        return;
      }
      await get().locateSourceFiles(copies);
    },

    async acceptShapeChanges() {
      const pending = get().pendingWorkbook;
      if (!pending) return;
      let wb = pending.workbook;
      for (const s of pending.shapes) wb = remapWorkbook(wb, s.table, renamesOf(s.diff)).workbook;
      // Record the new columns so the workbook no longer reports the change once saved.
      wb = {
        ...wb,
        sources: wb.sources.map((src) => {
          const status = pending.statuses.find((st) => st.table === src.table);
          return status?.report ? { ...src, columns: savedColumns(status.report), rows: status.report.rows } : src;
        }),
      };
      await step(pending, () => finish(pending, wb, pending.statuses));
      get().markDirty();
    },

    cancelPendingWorkbook() {
      set({ pendingWorkbook: null, workbookBusy: null });
    },

    async addDerivedTable(table, sql) {
      const name = table.trim();
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return 'A table name is letters, digits and underscores, starting with a letter (e.g. ae_by_month).';
      const existing = get().datasets.find((d) => d.table.toLowerCase() === name.toLowerCase());
      if (existing && existing.sql === undefined) return `"${existing.table}" is an imported table: choose another name.`;
      const made = await createDerived([{ table: name, sql }]);
      if (made.failures.length > 0) return made.failures[0]!.reason;
      get().setDatasets(made.datasets);
      get().markDirty();
      get().setFocus({ kind: 'table', table: name });
      return null;
    },

    async refreshTable(table, file) {
      const dataset = get().datasets.find((d) => d.table === table);
      if (!dataset) return null;
      const calculated = new Set(
        get()
          .fieldSettingsOf(table)
          .flatMap((f) => (f.expr !== undefined ? [f.column.toLowerCase()] : [])),
      );
      const before = savedColumns(dataset.report).filter((c) => !calculated.has(c.name.toLowerCase()));
      const [after] = await get().importFiles([file], { ...dataset.importOptions, table });
      if (!after) return null;
      const diff = diffColumns(before, savedColumns(after.report));
      const renames = renamesOf(diff);
      // Derived tables are computed once: make them again from the new rows, following the renames.
      const derivedDocs = get().datasets.flatMap((d) =>
        d.sql === undefined
          ? []
          : [
              {
                table: d.table,
                sql: mentionsIdentifier(sqlTokens(d.sql), table) ? remapSql(d.sql, renames) : d.sql,
                ...(d.title !== undefined ? { title: d.title } : {}),
              },
            ],
      );
      if (derivedDocs.length > 0) {
        const derived = await createDerived(derivedDocs);
        const failed = new Set(derived.failures.map((f) => f.table));
        set((s) => ({ derivedFailures: derived.failures, datasets: s.datasets.filter((d) => !failed.has(d.table)) }));
        get().setDatasets(derived.datasets);
      }
      if (Object.keys(renames).length > 0) {
        set((s) => ({
          charts: s.charts.map((c) => {
            const v = validateChartSpec(c.spec);
            return v.ok && v.spec.source.table === table ? { ...c, spec: remapChartSpec(v.spec, renames) } : c;
          }),
          views: s.views.map((v) => (v.spec.tables.includes(table) ? { ...v, spec: remapViewSpec(v.spec, renames) } : v)),
        }));
      }
      for (const c of get().charts) void get().runChart(c.id);
      for (const v of get().views) void get().runView(v.id);
      get().markDirty();
      return diff;
    },
  };
}
