import { CURRENT_VERSION, WORKBOOK_FORMAT } from './workbook-schema';
import { issuePathText, WorkbookError, describeIssues } from './workbook-error';
import { workbookV1Schema, type WorkbookV1 } from './workbook-v1';

/**
 * Migrations between workbook versions. Each step takes the JSON of one
 * version (validated against that version's schema) to the next; opening a
 * workbook runs every step from its version to CURRENT_VERSION. The file on
 * disk is not rewritten until the user saves.
 */

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function looksLikeChartSpec(json: Json): boolean {
  return 'source' in json && 'type' in json && 'y' in json;
}

/** The version a workbook's JSON declares; throws a WorkbookError for anything that is not a workbook this app can read. */
export function workbookVersionOf(json: unknown, fileName: string): number {
  if (!isObject(json))
    throw new WorkbookError(
      'not-a-workbook',
      fileName,
      `it holds JSON ${Array.isArray(json) ? 'a list' : 'a single value'}, not a workbook (a workbook is an object with "format" and "version")`,
    );
  if (json.format !== WORKBOOK_FORMAT && json.version === 1 && looksLikeChartSpec(json)) {
    throw new WorkbookError(
      'not-a-workbook',
      fileName,
      'it is a chart spec (.chart.json), not a workbook; add the chart to a workbook in the app, or render it with the chart command',
    );
  }
  if (json.format !== undefined && json.format !== WORKBOOK_FORMAT) {
    throw new WorkbookError(
      'not-a-workbook',
      fileName,
      `it is not a Commissioning Workbench workbook ("format" is ${typeof json.format === 'string' ? JSON.stringify(json.format) : 'not text'}, expected "${WORKBOOK_FORMAT}")`,
    );
  }
  const version = json.version;
  if (version === undefined) {
    if (json.format === undefined) throw new WorkbookError('not-a-workbook', fileName, 'it is not a workbook: it has no "format" or "version"');
    throw new WorkbookError('unknown-version', fileName, 'it has no "version" number');
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new WorkbookError(
      'unknown-version',
      fileName,
      `its "version" is ${JSON.stringify(version)}, which is not a workbook version (1 to ${CURRENT_VERSION})`,
    );
  }
  if (version > CURRENT_VERSION) {
    throw new WorkbookError(
      'newer-version',
      fileName,
      `it was saved by a newer version of Commissioning Workbench (workbook version ${version}; this version reads 1 to ${CURRENT_VERSION}). Update the app to open it`,
      { version },
    );
  }
  return version;
}

function chartSource(spec: Json): Json {
  return isObject(spec.source) ? spec.source : {};
}

/** Version 1 → 2: datasets become sources, chart file paths become sources, the layout becomes a one-chart-per-row report. */
export function migrateV1toV2(v1: WorkbookV1): Json {
  const sources: Json[] = v1.datasets.map((d) => ({ table: d.table, files: [{ path: d.path }], importOptions: { ...d.options } }));
  const byTable = new Map(v1.datasets.map((d) => [d.table.toLowerCase(), d]));
  const byPath = new Map(v1.datasets.map((d) => [d.path, d]));
  const charts = v1.charts.map((c) => {
    const { path, sheet, ...source } = chartSource(c.spec);
    const table = typeof source.table === 'string' ? source.table : undefined;
    if (typeof path === 'string') {
      const dataset = byPath.get(path);
      if (dataset) source.table = dataset.table;
      else if (table !== undefined && !byTable.has(table.toLowerCase())) {
        // A chart that named its own file: that file becomes a source of the workbook.
        const added = { table, path, options: typeof sheet === 'string' ? { sheet } : {} };
        byTable.set(table.toLowerCase(), added);
        byPath.set(path, added);
        sources.push({ table, files: [{ path }], importOptions: added.options });
      }
    }
    return { id: c.id, spec: { ...c.spec, source } };
  });
  return {
    format: WORKBOOK_FORMAT,
    version: 2,
    title: v1.name,
    sources,
    derived: [],
    charts,
    views: [],
    report: { columns: 2, items: v1.layout.map((id) => ({ kind: 'chart', id, chart: id })) },
    notes: v1.notes,
  };
}

interface Step {
  from: number;
  migrate(json: unknown, fileName: string): Json;
}

const STEPS: Step[] = [
  {
    from: 1,
    migrate(json, fileName) {
      const parsed = workbookV1Schema.safeParse(json);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: issuePathText(i.path), message: i.message }));
        throw new WorkbookError('schema', fileName, `it is not a valid version 1 workbook: ${describeIssues(issues)}`, { issues, version: 1 });
      }
      return migrateV1toV2(parsed.data);
    },
  },
];

export interface MigrationResult {
  json: unknown;
  /** The version the file was written in. */
  fromVersion: number;
}

/** Bring a workbook's JSON up to CURRENT_VERSION (not yet validated against it). */
export function migrateWorkbookJson(json: unknown, fileName: string): MigrationResult {
  const fromVersion = workbookVersionOf(json, fileName);
  let current: unknown = json;
  for (let v = fromVersion; v < CURRENT_VERSION; v++) {
    const step = STEPS.find((s) => s.from === v);
    if (!step) throw new WorkbookError('unknown-version', fileName, `there is no migration from workbook version ${v}`);
    current = step.migrate(current, fileName);
  }
  return { json: current, fromVersion };
}
