import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestEngine } from '../engine-under-test';
import type { Engine } from '../../src-shared/engine/engine';
import { tableToJsonRows } from '../../src-shared/format/plain-json';
import { importFiles } from '../../src-shared/import/importer';
import { warmUpImporter } from '../../src-shared/import/warm-up';
import { createImportService } from '../../src-shared/import/import-service';
import { createSession } from '../../src-shared/session';
import { fakePlatform } from '../session/fake-platform';

let engine: Engine;
beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(async () => {
  await engine.close();
});

describe('warming the engine for the first import', () => {
  it('runs a preview and an import through the importer and leaves no table behind', async () => {
    const seen: string[] = [];
    const recording = {
      query: (sql: string, o?: Parameters<Engine['query']>[1]) => (seen.push(sql), engine.query(sql, o)),
      exec: (sql: string, o?: Parameters<Engine['exec']>[1]) => (seen.push(sql), engine.exec(sql, o)),
      registerFile: engine.registerFile.bind(engine),
      registerBuffer: engine.registerBuffer.bind(engine),
      dropFile: engine.dropFile.bind(engine),
      loadArrow: engine.loadArrow.bind(engine),
    };
    await warmUpImporter(recording);
    // The paths the first real import takes: the CSV reader with native dates, conversion of £ and *, the checks.
    expect(seen.some((s) => s.includes('read_csv(') && s.includes("dateformat='%d/%m/%Y'"))).toBe(true);
    expect(seen.some((s) => s.startsWith('SELECT (SELECT count(*)') && s.includes(':suppressed'))).toBe(true);
    expect(tableToJsonRows(await engine.query("SELECT count(*) AS n FROM information_schema.tables WHERE table_name LIKE '\\_\\_%' ESCAPE '\\'"))).toEqual([
      { n: 0 },
    ]);
  });

  it('leaves the engine importing as before', async () => {
    const bytes = new TextEncoder().encode('a,b\n1,x\n2,y\n');
    const report = await importFiles(engine, 't', [{ name: 't.csv', size: bytes.length, read: async (s, e) => bytes.slice(s, e) }]);
    expect(report.rows).toBe(2);
    expect(tableToJsonRows(await engine.query('SELECT sum(a) AS s FROM t'))).toEqual([{ s: 3 }]);
  });

  it('is what the session does when the host reports the engine open: ready at once, warming behind, and ready even if the warm-up fails', async () => {
    const real = createImportService(engine);
    let warmed = 0;
    const session = createSession({ engine, platform: fakePlatform(), importer: { ...real, warmUp: () => real.warmUp().then(() => void warmed++) } });
    const opened = session.getState().engineOpened({ kind: 'wasm', bundle: 'eh', version: 'v1.4.3', threads: 1 });
    // The page can be used while the importer warms up (start-up: engine ready before the warm-up's 1–2 s).
    expect(session.getState().engine).toMatchObject({ status: 'ready', warming: true });
    await opened;
    expect([warmed, session.getState().engine.status, session.getState().engine.warming, session.getState().engine.bundle]).toEqual([1, 'ready', false, 'eh']);

    const failing = createSession({ engine, platform: fakePlatform(), importer: { ...real, warmUp: () => Promise.reject(new Error('no')) } });
    await failing.getState().engineOpened({ kind: 'wasm', bundle: 'eh', version: 'v1.4.3', threads: 1 });
    expect(failing.getState().engine).toMatchObject({ status: 'ready', error: null });
  });
});
