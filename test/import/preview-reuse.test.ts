import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../engine-under-test';
import type { Engine } from '../../src-shared/engine/engine';
import type { FileSource } from '../../src-shared/engine/engine';
import { tableToJsonRows } from '../../src-shared/format/plain-json';
import { importFiles, previewImport, type ImportHost } from '../../src-shared/import/importer';

let engine: Engine;
beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => {
  await engine.close();
});

/** A file in memory that counts reads of its head. */
function countingSource(text: string, lastModified: number): FileSource & { headReads: number } {
  const bytes = new TextEncoder().encode(text);
  const source = {
    name: 'reuse.csv',
    size: bytes.length,
    lastModified,
    headReads: 0,
    read: async (start: number, end: number) => {
      if (start === 0 && end > 8) source.headReads++;
      return bytes.slice(start, end);
    },
  };
  return source;
}

function recordingHost(sql: string[]): ImportHost {
  return {
    query: (q, o) => (sql.push(q), engine.query(q, o)),
    exec: (q, o) => (sql.push(q), engine.exec(q, o)),
    registerFile: engine.registerFile.bind(engine),
    registerBuffer: engine.registerBuffer.bind(engine),
    dropFile: engine.dropFile.bind(engine),
    loadArrow: engine.loadArrow.bind(engine),
  };
}

const CSV =
  'Title\n\norg,month,cost\n' + Array.from({ length: 50 }, (_, i) => `R${i % 3},01/0${1 + (i % 9)}/2016,"£1,${100 + i}"`).join('\n') + '\nSource: test\n';
const isInference = (q: string) => q.startsWith('SELECT col, sum(n)');

describe('the import after a preview of the same file', () => {
  it('reuses the preview’s sniff, sample and inferred types, and imports the same table as a fresh import', async () => {
    const source = countingSource(CSV, 1);
    const sql: string[] = [];
    const preview = await previewImport(recordingHost(sql), source);
    const previewReads = source.headReads;
    expect(sql.filter(isInference).length).toBeGreaterThan(0);
    sql.length = 0;
    const report = await importFiles(recordingHost(sql), 'reused', [source]);
    expect(sql.filter(isInference)).toEqual([]);
    // A fresh import reads the head for the sniff and again to hand the file to the engine; this one only hands it over.
    const other = countingSource(CSV, 1);
    await importFiles(engine, 'fresh', [other]);
    expect(source.headReads - previewReads).toBe(other.headReads - 1);
    expect(report.columns.map((c) => [c.name, c.type])).toEqual(preview.report.columns.map((c) => [c.name, c.type]));
    expect(report.settings).toEqual(preview.report.settings);

    const fresh = await importFiles(engine, 'fresh', [countingSource(CSV, 1)]);
    expect(fresh.columns).toEqual(report.columns);
    expect(fresh.warnings).toEqual(report.warnings);
    expect(tableToJsonRows(await engine.query('SELECT count(*) AS n, sum(cost) AS cost, min(month) AS first FROM reused'))).toEqual(
      tableToJsonRows(await engine.query('SELECT count(*) AS n, sum(cost) AS cost, min(month) AS first FROM fresh')),
    );
    expect(tableToJsonRows(await engine.query('SELECT count(*) AS n, sum(cost) AS cost FROM reused'))).toEqual([{ n: 50, cost: 56225 }]);
  });

  it('sniffs again when the settings differ, or the file has changed since', async () => {
    const fresh = countingSource(CSV, 1);
    await importFiles(engine, 'fresh', [fresh]);
    const source = countingSource(CSV, 1);
    await previewImport(engine, source);
    const reads = source.headReads;
    await importFiles(engine, 'other', [source], { footerLines: 1 });
    expect(source.headReads - reads).toBe(fresh.headReads);
    // The same object, now describing a changed file (as a workbook's source re-read from disk would).
    Object.assign(source, { lastModified: 2 });
    const before = source.headReads;
    await importFiles(engine, 'changed', [source]);
    expect(source.headReads - before).toBe(fresh.headReads);
  });
});
