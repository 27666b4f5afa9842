import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, pickFiles, ROOT, screenshot, type Session } from './harness';

/**
 * A hostile workbook opened in the app (browser mode, Chromium): its derived
 * SQL tries to reach the network, load an extension, change the engine's
 * settings and read a file. Each attempt is refused by the SQL gate with a
 * message naming the derived table (the rest of the workbook opens), and the page makes no request to any
 * other origin — nor does the Content Security Policy have to stop one.
 */

const OUT = path.join(ROOT, 'test-results', 'hostile');

function hostileWorkbook(name: string, sql: string): string {
  const sample = JSON.parse(readFileSync(path.join(ROOT, 'sample-data', 'somerset-board-pack.workbook.json'), 'utf8')) as {
    sources: { table: string }[];
    charts: { spec: { source: { table: string } } }[];
    views: unknown[];
    report: { items: { kind: string; chart?: string }[] };
  };
  const activityOnly = {
    ...sample,
    title: `Hostile: ${name}`,
    sources: sample.sources.filter((s) => s.table === 'activity'),
    derived: [{ table: 'stolen', sql }],
    charts: sample.charts.filter((c) => c.spec.source.table === 'activity'),
    views: [],
    report: { columns: 2, items: [] },
  };
  mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.workbook.json`);
  writeFileSync(file, JSON.stringify(activityOnly, null, 2));
  return file;
}

const CASES: { name: string; sql: string; message: RegExp }[] = [
  {
    name: 'url',
    sql: "SELECT * FROM read_csv('https://evil.example/data.csv')",
    message: /Derived table "stolen" failed: the SQL reaches outside the loaded tables/,
  },
  { name: 'load', sql: 'SET autoload_known_extensions = true; LOAD parquet', message: /Derived table "stolen" failed: SET is not allowed here/ },
  { name: 'parquet-url', sql: "SELECT * FROM read_parquet('https://evil.example/x.parquet')", message: /Derived table "stolen" failed: .*parquet/ },
  { name: 'file', sql: "SELECT content FROM read_text('/etc/passwd')", message: /Derived table "stolen" failed: the SQL reaches outside the loaded tables/ },
];

describe('a hostile workbook in the app', () => {
  let s: Session;
  const cspViolations: string[] = [];
  beforeAll(async () => {
    s = await openApp();
    s.page.on('console', (msg) => {
      if (/Content Security Policy|Refused to (connect|load)/i.test(msg.text())) cspViolations.push(msg.text());
    });
  });
  afterAll(async () => {
    await s?.close();
  });

  for (const c of CASES) {
    it(`refuses derived SQL that tries ${c.name}, with no request to any other origin`, async () => {
      const { page } = s;
      await pickFiles(page, () => page.getByTestId('open-workbook').click(), [hostileWorkbook(c.name, c.sql)]);
      // activity.csv is the app's own sample file, saved with the same content: found without asking.
      // The workbook opens without the refused table; the refusal is shown, naming it.
      const error = page.getByTestId('import-error');
      await error.waitFor({ timeout: 60_000 });
      expect(await error.innerText()).toMatch(c.message);
      await screenshot(page, `security-hostile-${c.name}`);
      await page.getByTestId('report-page').waitFor();
      await error.getByRole('button').first().click();
      // The engine still works afterwards.
      expect(await page.getByTestId('engine-status').innerText()).toMatch(/DuckDB/);
      expect(s.outsideRequests).toEqual([]);
      expect(cspViolations).toEqual([]);
    });
  }
});
