import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../src-shared/workbook/json-syntax';
import { migrateV1toV2 } from '../../src-shared/workbook/migrate';
import { parseWorkbook, parseWorkbookFile, validateWorkbook } from '../../src-shared/workbook/parse-workbook';
import { serializeWorkbook, stableJson } from '../../src-shared/workbook/serialize-workbook';
import { WorkbookError } from '../../src-shared/workbook/workbook-error';
import { CURRENT_VERSION, emptyWorkbook, WORKBOOK_FORMAT, type Workbook } from '../../src-shared/workbook/workbook-schema';
import { workbookV1Schema } from '../../src-shared/workbook/workbook-v1';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SAMPLE_WORKBOOK = path.join(ROOT, 'sample-data/somerset-board-pack.workbook.json');
const V1_FIXTURE = path.join(ROOT, 'test/fixtures/workbook/somerset-activity.v1.workbook.json');

function error(text: string, name = 'pack.workbook.json'): WorkbookError {
  try {
    parseWorkbook(text, name);
  } catch (e) {
    if (e instanceof WorkbookError) return e;
    throw e;
  }
  throw new Error('expected a WorkbookError');
}

const minimal = (extra: Record<string, unknown> = {}) => JSON.stringify({ format: WORKBOOK_FORMAT, version: 2, ...extra });

describe('parseWorkbook', () => {
  it('reads the sample workbook with every default filled in', () => {
    const wb = parseWorkbook(readFileSync(SAMPLE_WORKBOOK, 'utf8'), 'somerset-board-pack.workbook.json');
    expect(wb.version).toBe(CURRENT_VERSION);
    expect(wb.sources.map((s) => s.table)).toEqual(['activity', 'dtoc', 'peer_indicators', 'ccg_demographics', 'performance']);
    expect(wb.sources[0]!.files[0]!.path).toBe('activity.csv');
    expect(wb.charts.length + wb.views.length).toBeGreaterThanOrEqual(4);
    expect(wb.report.items.filter((i) => i.kind === 'text').length).toBeGreaterThanOrEqual(2);
  });

  it('fills defaults for a minimal workbook', () => {
    const wb = parseWorkbook(minimal(), 'x.workbook.json');
    expect(wb).toEqual({ ...emptyWorkbook(), title: 'Untitled workbook' });
    expect(wb.report).toEqual({ columns: 2, items: [] });
  });

  it('says an empty file is empty', () => {
    const e = error('  \n');
    expect(e.kind).toBe('empty');
    expect(e.message).toBe('Cannot open pack.workbook.json: the file is empty. It may not have finished saving; open its recovery copy or a backup');
  });

  it('says a truncated file is incomplete, with where it stops', () => {
    const full = readFileSync(SAMPLE_WORKBOOK, 'utf8');
    const cut = full.slice(0, 2000);
    const e = error(cut);
    expect(e.kind).toBe('truncated');
    const lines = cut.split('\n');
    expect(e.details.line).toBe(lines.length);
    expect(e.details.column).toBe(lines[lines.length - 1]!.length + 1);
    expect(e.message).toMatch(/^Cannot open pack\.workbook\.json: the file is incomplete: it stops at line \d+, column \d+ before the workbook ends \(/);
    expect(error('{"format": "commissioning-workbench/workbook", "version": 2, "title": "Half').kind).toBe('truncated');
    expect(error('{"format": "commissioning-workbench/workbook", "version": 2,').kind).toBe('truncated');
    expect(error('{"format": "commissioning-workbench/workbook", "version": 2, "notes": tr').kind).toBe('truncated');
  });

  it('gives the line and column of invalid JSON', () => {
    const e = error('{\n  "format": "commissioning-workbench/workbook",\n  "version": 2\n  "title": "x"\n}');
    expect(e.kind).toBe('invalid-json');
    expect([e.details.line, e.details.column]).toEqual([4, 3]);
    expect(e.message).toBe(
      'Cannot open pack.workbook.json: it is not valid JSON: expected "," or "}" after a property value but found """ at line 4, column 3',
    );
    expect(error('{"version": 2,}').message).toContain('a trailing comma before "}" at line 1, column 15');
    expect(error("{'version': 2}").message).toContain('text must be in double quotes, not single quotes at line 1, column 2');
    expect(error('{"a": 1} x').message).toContain('unexpected "x" after the end of the JSON at line 1, column 10');
  });

  it('refuses a workbook from a newer version, and versions it does not know', () => {
    const newer = error(minimal({ version: 3 }));
    expect(newer.kind).toBe('newer-version');
    expect(newer.message).toBe(
      'Cannot open pack.workbook.json: it was saved by a newer version of Commissioning Workbench (workbook version 3; this version reads 1 to 2). Update the app to open it',
    );
    expect(error(minimal({ version: 'two' })).kind).toBe('unknown-version');
    expect(error(minimal({ version: 0 })).message).toContain('its "version" is 0, which is not a workbook version (1 to 2)');
    expect(error(JSON.stringify({ format: WORKBOOK_FORMAT })).message).toContain('it has no "version" number');
  });

  it('recognises files that are not workbooks', () => {
    expect(error('[1, 2]').message).toBe(
      'Cannot open pack.workbook.json: it holds JSON a list, not a workbook (a workbook is an object with "format" and "version")',
    );
    expect(error(JSON.stringify({ format: 'something-else', version: 1 })).message).toContain('"format" is "something-else"');
    const chart = readFileSync(path.join(ROOT, 'sample-data/examples/somerset-ae-by-financial-year.chart.json'), 'utf8');
    expect(error(chart).message).toContain('it is a chart spec (.chart.json), not a workbook');
  });

  it('names the path of every schema problem', () => {
    const e = error(
      minimal({
        sources: [
          { table: 'ae', files: [{ path: 'ae.csv' }] },
          { table: 'AE', files: [] },
        ],
        charts: [{ id: 'c1', spec: { version: 1, source: { table: 'nope', path: 'x.csv' }, type: 'column', x: { field: 'a' }, y: [{ aggregate: 'sum' }] } }],
        views: [{ id: 'v1', spec: { template: 'peers', tables: ['missing'] } }],
        report: {
          columns: 2,
          items: [
            { kind: 'chart', id: 'i1', chart: 'c9', width: 3 },
            { kind: 'text', id: 'i1', text: 'hi' },
          ],
        },
      }),
    );
    expect(e.kind).toBe('schema');
    expect(e.issues).toEqual([
      { path: 'sources[1].files', message: 'needs at least one file' },
      { path: 'charts[0].spec.y[0].field', message: 'needs a column to aggregate' },
      { path: 'sources[1].table', message: 'table "AE" is defined twice (table names ignore case)' },
      { path: 'report.items[1].id', message: 'report item id "i1" is used twice' },
      { path: 'charts[0].spec.source.table', message: '"nope" is not a table of this workbook (tables: "ae")' },
      {
        path: 'charts[0].spec.source.path',
        message: "a workbook chart reads a workbook table: remove source.path (the workbook's sources say which files to load)",
      },
      { path: 'views[0].spec.tables[0]', message: '"missing" is not a table of this workbook (tables: "ae")' },
      { path: 'report.items[0].width', message: "is 3, wider than the report's 2 columns" },
      { path: 'report.items[0].chart', message: 'no chart "c9" in the workbook' },
    ]);
    expect(e.message).toMatch(
      /^Cannot open pack\.workbook\.json: it is not a valid workbook: sources\[1\]\.files: needs at least one file; charts\[0\]\.spec\.y\[0\]\.field: needs a column to aggregate; .*; and 3 more problems$/,
    );
    expect(error(minimal({ sources: 'x' })).message).toBe(
      'Cannot open pack.workbook.json: it is not a valid workbook: sources: Invalid input: expected array, received string',
    );
  });

  it('validates a workbook the UI built, with a save-time message', () => {
    expect(() => validateWorkbook({ ...emptyWorkbook(), report: { columns: 9, items: [] } }, 'pack.workbook.json')).toThrow(
      /^Cannot save pack\.workbook\.json: it is not a valid workbook: report\.columns: /,
    );
  });
});

describe('findJsonSyntaxError', () => {
  it('returns null for valid JSON and a position for invalid', () => {
    expect(findJsonSyntaxError('{"a": [1, 2.5e3, -0, "x\\u00e9", true, null]}')).toBeNull();
    expect(findJsonSyntaxError('{"a": 01}')).toMatchObject({ line: 1, column: 8, truncated: false });
    expect(findJsonSyntaxError('{"a": "line\nbreak"}')).toMatchObject({
      message: 'a line break inside a text value (is a closing " missing?)',
      line: 1,
      column: 12,
    });
    expect(findJsonSyntaxError('[1, 2')).toMatchObject({ truncated: true, message: 'the file ends inside a list (a "]" is missing)' });
  });
});

describe('serializeWorkbook', () => {
  const wb = parseWorkbook(readFileSync(SAMPLE_WORKBOOK, 'utf8'), 'pack.workbook.json');

  it('round-trips: parsing the text gives the same workbook, and serializing again the same bytes', () => {
    const text = serializeWorkbook(wb);
    const again = parseWorkbook(text, 'pack.workbook.json');
    expect(again).toEqual(wb);
    expect(serializeWorkbook(again)).toBe(text);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('has written the sample workbook exactly as the app would save it', () => {
    const text = readFileSync(SAMPLE_WORKBOOK, 'utf8');
    expect(serializeWorkbook(parseWorkbook(text, 'x'))).toBe(text);
  });

  it('does not depend on the order keys were built in', () => {
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed);
      if (value && typeof value === 'object')
        return Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reversed(v)]),
        );
      return value;
    };
    expect(serializeWorkbook(reversed(wb) as Workbook)).toBe(serializeWorkbook(wb));
  });

  it('orders keys for reading and keeps short values on one line', () => {
    expect(stableJson({ version: 2, format: 'f', title: 't' })).toBe('{ "format": "f", "version": 2, "title": "t" }');
    expect(stableJson({ zeta: 1, alpha: [1, 2], nested: { b: undefined, a: 'x' } })).toBe('{\n  "alpha": [1, 2],\n  "nested": { "a": "x" },\n  "zeta": 1\n}');
    const text = serializeWorkbook(wb);
    expect(text.startsWith('{\n  "format": "commissioning-workbench/workbook",\n  "version": 2,\n  "title": ')).toBe(true);
    expect(text).toContain('{ "name": "commissioner_code", "type": "text" }');
  });
});

describe('migration from version 1', () => {
  const text = readFileSync(V1_FIXTURE, 'utf8');

  it('turns datasets into sources, chart file paths into sources, and the layout into a report', () => {
    const { workbook, fromVersion } = parseWorkbookFile(text, 'somerset-activity.v1.workbook.json');
    expect(fromVersion).toBe(1);
    expect(workbook.version).toBe(2);
    expect(workbook.title).toBe('Somerset activity (a version 1 workbook)');
    expect(workbook.sources).toEqual([
      { table: 'activity', files: [{ path: '../../../sample-data/activity.csv' }], importOptions: { dateOrder: 'DMY' } },
      { table: 'peer_indicators', files: [{ path: '../../../sample-data/peer_indicators.csv' }], importOptions: {} },
    ]);
    expect(workbook.charts.map((c) => [c.id, c.spec.source])).toEqual([
      ['ae-by-year', { table: 'activity' }],
      ['nel-ranked', { table: 'peer_indicators' }],
    ]);
    expect(workbook.charts[0]!.spec.format.title).toBe('A&E attendances by financial year');
    expect(workbook.report).toEqual({
      columns: 2,
      items: [
        { kind: 'chart', id: 'ae-by-year', chart: 'ae-by-year' },
        { kind: 'chart', id: 'nel-ranked', chart: 'nel-ranked' },
      ],
    });
    expect(workbook.notes).toBe('Made before workbooks had views.');
    expect(workbook.derived).toEqual([]);
    expect(workbook.views).toEqual([]);
  });

  it('is a pure function of the version 1 JSON', () => {
    const v1 = workbookV1Schema.parse(JSON.parse(text));
    expect(migrateV1toV2(v1)).toEqual(migrateV1toV2(workbookV1Schema.parse(JSON.parse(text))));
  });

  it('reports version 1 schema problems as such', () => {
    const e = error(JSON.stringify({ version: 1, datasets: [{ table: 'a' }] }), 'old.workbook.json');
    expect(e.kind).toBe('schema');
    expect(e.message).toBe(
      'Cannot open old.workbook.json: it is not a valid version 1 workbook: datasets[0].path: Invalid input: expected string, received undefined',
    );
  });
});
