import type { Engine } from '../../engine/engine';
import { calculatedColumnNameProblem, calculatedColumnsSql, checkCalculatedColumn, settingsOfTable, type FieldSetting } from '../../fields/field-settings';
import { tableReport } from '../../import/importer';
import type { ImportedColumn } from '../../import/types';
import type { SessionContext } from '../context';

/**
 * Field settings of the loaded tables (src-shared/fields): display names,
 * value labels, hidden fields and calculated columns. Names and labels apply
 * to every chart of the table when it runs; a calculated column is made in the
 * table itself (so charts, pivots, the grid, SQL and views all see it) and is
 * made again whenever the table is loaded, re-imported or reopened.
 */

export interface FieldsSlice {
  fieldSettings: FieldSetting[];
  /** The settings of one table's fields. */
  fieldSettingsOf(table: string): FieldSetting[];
  /** A field's display name (null or blank: back to its own name). */
  setFieldLabel(table: string, column: string, label: string | null): void;
  /** A coded value's label (null or blank: removed). */
  setValueLabel(table: string, column: string, value: string, label: string | null): void;
  setFieldHidden(table: string, column: string, hidden: boolean): void;
  /** Add a calculated column, or change one (`previous`: its current name). Resolves to null, or to why not. */
  saveCalculatedColumn(table: string, column: string, expr: string, previous?: string): Promise<string | null>;
  removeCalculatedColumn(table: string, column: string): Promise<void>;
  /** Replace every setting (a workbook opened); calculated columns are made by `applyCalculatedColumns`. */
  setFieldSettings(settings: FieldSetting[]): void;
  /** Make a loaded table's calculated columns (after an import, a refresh or a workbook opens). Resolves to the problems, one per column that failed. */
  applyCalculatedColumns(table: string): Promise<string[]>;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function fieldsSlice({ set, get, engine, coordinator }: SessionContext): FieldsSlice {
  /** Change one field's setting (created when missing, dropped when it no longer says anything). */
  function edit(table: string, column: string, change: (s: FieldSetting) => FieldSetting): void {
    set((state) => {
      const current = state.fieldSettings.find((s) => s.table === table && s.column === column) ?? { table, column };
      const next = change(current);
      const meaningful = next.label !== undefined || next.hidden === true || next.expr !== undefined || (next.values && Object.keys(next.values).length > 0);
      const others = state.fieldSettings.filter((s) => s !== current);
      const at = state.fieldSettings.indexOf(current);
      const fieldSettings = meaningful ? (at >= 0 ? state.fieldSettings.map((s) => (s === current ? next : s)) : [...others, next]) : others;
      return { fieldSettings };
    });
    get().markDirty();
  }

  function rerunCharts(table: string): void {
    for (const c of get().charts) if (c.spec.source.table === table) void get().runChart(c.id);
  }

  /** Remake the table's calculated columns and refresh its column list; failures come back one per column. */
  async function remake(db: Engine, table: string, existing: string[]): Promise<string[]> {
    const calculated = settingsOfTable(get().fieldSettings, table).filter((s): s is FieldSetting & { expr: string } => s.expr !== undefined);
    const dataset = get().datasets.find((d) => d.table === table);
    if (!dataset) return [];
    const base = dataset.report.columns.filter((c) => !existing.some((e) => same(e, c.name)));
    const kinds = get().columnsOf(table);
    const fields = base.map((c) => ({ name: c.name, kind: kinds.find((k) => k.name === c.name)?.kind ?? 'unknown' }));
    for (const sql of calculatedColumnsSql(table, existing, [], fields)) await db.exec(sql);
    const problems: string[] = [];
    const made: { column: string; expr: string }[] = [];
    for (const c of calculated) {
      try {
        const known = [...fields, ...made.map((m) => ({ name: m.column, kind: 'unknown' }))];
        for (const sql of calculatedColumnsSql(table, [], [c], known)) await db.exec(sql);
        made.push(c);
      } catch (error) {
        problems.push(`Calculated column "${c.column}" of ${table}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    coordinator.invalidate();
    const columns: ImportedColumn[] = (await tableReport(db, table)).columns;
    // The import report keeps its own columns (with their import notes); calculated ones follow.
    const added = columns.filter((n) => made.some((m) => same(m.column, n.name)));
    set((s) => ({
      datasets: s.datasets.map((d) => (d.table === table ? { ...d, report: { ...d.report, columns: [...base, ...added] } } : d)),
      profiles: Object.fromEntries(Object.entries(s.profiles).filter(([t]) => t !== table)),
    }));
    return problems;
  }

  /** The calculated columns the table has now (they follow its imported columns). */
  function calculatedNow(table: string): string[] {
    const dataset = get().datasets.find((d) => d.table === table);
    const calculated = settingsOfTable(get().fieldSettings, table).filter((s) => s.expr !== undefined);
    return dataset ? dataset.report.columns.filter((c) => calculated.some((s) => same(s.column, c.name))).map((c) => c.name) : [];
  }

  return {
    fieldSettings: [],

    fieldSettingsOf(table) {
      return settingsOfTable(get().fieldSettings, table);
    },

    setFieldLabel(table, column, label) {
      const text = label?.trim() || undefined;
      edit(table, column, ({ label: _old, ...rest }) => (text === undefined || text === column ? rest : { ...rest, label: text }));
      rerunCharts(table);
    },

    setValueLabel(table, column, value, label) {
      const text = label?.trim() || undefined;
      edit(table, column, (s) => {
        const { [value]: _old, ...values } = s.values ?? {};
        const next = text === undefined ? values : { ...values, [value]: text };
        const { values: _v, ...rest } = s;
        return Object.keys(next).length > 0 ? { ...rest, values: next } : rest;
      });
      rerunCharts(table);
    },

    setFieldHidden(table, column, hidden) {
      edit(table, column, ({ hidden: _old, ...rest }) => (hidden ? { ...rest, hidden: true } : rest));
    },

    async saveCalculatedColumn(table, column, expr, previous) {
      const name = column.trim();
      const taken = get()
        .columnsOf(table)
        .map((c) => c.name)
        .filter((n) => previous === undefined || !same(n, previous));
      const problem = calculatedColumnNameProblem(name, taken);
      if (problem) return problem;
      const existing = calculatedNow(table);
      const fields = get()
        .columnsOf(table)
        .filter((c) => !same(c.name, previous ?? name));
      const check = checkCalculatedColumn(expr, fields);
      if (!check.ok) return `${check.message} (at character ${check.start + 1})`;
      const before = get().fieldSettings;
      set((s) => {
        const at = s.fieldSettings.findIndex((f) => f.table === table && same(f.column, previous ?? name));
        const setting: FieldSetting = { ...(at >= 0 ? s.fieldSettings[at]! : {}), table, column: name, expr: expr.trim() };
        return { fieldSettings: at >= 0 ? s.fieldSettings.map((f, i) => (i === at ? setting : f)) : [...s.fieldSettings, setting] };
      });
      const problems = await remake(await engine(), table, existing);
      if (problems.length > 0) {
        set({ fieldSettings: before });
        await remake(await engine(), table, calculatedNow(table));
        return problems.join(' ');
      }
      get().markDirty();
      rerunCharts(table);
      return null;
    },

    async removeCalculatedColumn(table, column) {
      const existing = calculatedNow(table);
      set((s) => ({ fieldSettings: s.fieldSettings.filter((f) => !(f.table === table && same(f.column, column))) }));
      await remake(await engine(), table, existing);
      get().markDirty();
      rerunCharts(table);
    },

    setFieldSettings(settings) {
      set({ fieldSettings: settings });
    },

    async applyCalculatedColumns(table) {
      if (!settingsOfTable(get().fieldSettings, table).some((s) => s.expr !== undefined)) return [];
      return remake(await engine(), table, []);
    },
  };
}
