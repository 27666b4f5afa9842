import { promises as fsp, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../src-main/cli/args';
import type { DatabaseScope } from '../../src-main/cli/database';
import { createImportService } from '../../src-shared/import/import-service';
import { RENDER_VALUE_OPTIONS, runRenderWith } from '../../src-main/cli/commands/render';
import { openTestEngine } from '../engine-under-test';
import { FileGrants } from '../../src-main/file-grants';
import { RecentFiles } from '../../src-main/recent-files';
import { workbookHandlers, WriteGrants } from '../../src-main/workbook-handlers';
import { saveWorkbookFile } from '../../src-main/workbook/workbook-files';
import type { Engine } from '../../src-shared/engine/engine';
import type { Workbook } from '../../src-shared/workbook/workbook-schema';
import { AE_CSV, smallWorkbook, tempDir, writeText } from '../workbook/helpers';

/**
 * A corpus of hostile workbooks — what a colleague's file could carry to act
 * on this machine — run through the CLI's `render` and through the app's open
 * path (main's workbook channels). Each must be refused with a clear message,
 * create no file anywhere, make no network request, look at no file outside
 * its folder before the person agrees, and finish within seconds.
 */

const QUICK_MS = 10_000;

let engine: Engine;
const shared: DatabaseScope = (fn) => fn({ engine, importer: createImportService(engine) });
let home: string;
let canary: string;
let base: Workbook;
let requests = 0;
let server: http.Server;
let port = 0;

beforeAll(async () => {
  engine = await openTestEngine();
  home = tempDir('hostile');
  canary = path.join(home, 'canary');
  mkdirSync(canary);
  const csv = writeText(path.join(home, 'pack', 'ae.csv'), AE_CSV);
  base = await smallWorkbook(engine, csv);
  server = http.createServer((_req, res) => {
    requests++;
    res.end('a,b\n1,2\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await engine?.close();
  await new Promise((r) => server?.close(r));
});

afterEach(() => {
  vi.restoreAllMocks();
  // Nothing the workbooks tried to write may exist.
  expect(readdirSync(canary)).toEqual([]);
  expect(existsSync('/tmp/pwned.csv')).toBe(false);
  expect(requests).toBe(0);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

let counter = 0;
/** Save `workbook` in its own folder beside a copy of ae.csv, as a colleague would send it. */
async function saved(workbook: Workbook): Promise<string> {
  const dir = path.join(home, `wb${++counter}`);
  writeText(path.join(dir, 'ae.csv'), AE_CSV);
  const file = path.join(dir, 'pack.workbook.json');
  const relocated = {
    ...workbook,
    sources: workbook.sources.map((s) => ({
      ...s,
      files: s.files.map((f) => (f.path.endsWith('ae.csv') && path.isAbsolute(f.path) ? { ...f, path: path.join(dir, 'ae.csv') } : f)),
    })),
  };
  await saveWorkbookFile(file, relocated);
  return file;
}

function rawWorkbook(text: string): string {
  const dir = path.join(home, `wb${++counter}`);
  return writeText(path.join(dir, 'pack.workbook.json'), text);
}

async function render(file: string, ...extra: string[]): Promise<{ error: string | null; out: string; ms: number }> {
  const out = path.join(path.dirname(file), 'out');
  const started = Date.now();
  const io = { out: () => undefined, err: () => undefined };
  const error = await runRenderWith(parseArgs(['render', file, '--out', out, ...extra], new Set(RENDER_VALUE_OPTIONS)), io, shared).then(
    () => null,
    (e: Error) => e.message,
  );
  return { error, out, ms: Date.now() - started };
}

/** Every path the code under test asked the file system about. */
function watchFileSystem(): string[] {
  const seen: string[] = [];
  for (const name of ['stat', 'lstat', 'realpath', 'open', 'readdir', 'access', 'readFile'] as const) {
    const original = fsp[name] as (...args: unknown[]) => unknown;
    vi.spyOn(fsp, name).mockImplementation(((...args: unknown[]) => {
      seen.push(String(args[0]));
      return original.apply(fsp, args);
    }) as never);
  }
  return seen;
}

const derivedCases: { name: string; sql: (canaryDir: string) => string; message: RegExp }[] = [
  {
    name: 'read_text of /etc/passwd',
    sql: () => "SELECT content AS org, 1 AS val FROM read_text('/etc/passwd')",
    message: /reaches outside the loaded tables/,
  },
  { name: 'glob of a private folder', sql: () => "SELECT file AS org FROM glob('/root/*')", message: /reaches outside the loaded tables/ },
  { name: 'read_blob through ..', sql: () => "SELECT content FROM read_blob('../../../../etc/hostname')", message: /reaches outside the loaded tables/ },
  { name: 'read_csv of a URL', sql: () => `SELECT * FROM read_csv('http://127.0.0.1:${port}/x.csv')`, message: /reaches outside the loaded tables/ },
  {
    name: 'read_csv of a file beside the workbook',
    sql: () => "SELECT * FROM read_csv('ae.csv')",
    message: /reaches outside the loaded tables|read_csv\(\) is not allowed/,
  },
  {
    name: 'dollar-quoted second statement',
    sql: (c) => `SELECT $$'$$ AS x; COPY (SELECT 'pwned') TO '${c}/pwned.csv'; SELECT $$'$$ AS y`,
    message: /more than one statement/,
  },
  {
    name: 'comment-hidden second statement',
    sql: (c) => `SELECT 1 AS x /* ; */ ; COPY (SELECT 'pwned') TO '${c}/pwned.csv' -- ;`,
    message: /more than one statement/,
  },
  { name: 'COPY', sql: (c) => `COPY ae TO '${c}/pwned.csv'`, message: /COPY is not allowed here/ },
  { name: 'COPY to /tmp', sql: () => "COPY (SELECT 'pwned') TO '/tmp/pwned.csv'", message: /COPY is not allowed here/ },
  { name: 'ATTACH', sql: (c) => `ATTACH '${c}/x.duckdb' AS x`, message: /ATTACH is not allowed here/ },
  { name: 'LOAD', sql: () => 'LOAD parquet', message: /LOAD is not allowed here/ },
  { name: 'INSTALL', sql: () => 'INSTALL httpfs', message: /INSTALL is not allowed here/ },
  { name: 'SET', sql: () => 'SET autoload_known_extensions = true', message: /SET is not allowed here/ },
  {
    name: 'a subquery reading a file',
    sql: () => "SELECT * FROM ae WHERE org IN (SELECT content FROM read_text('/etc/hostname'))",
    message: /reaches outside the loaded tables/,
  },
  {
    name: 'a settings-changing table function',
    sql: (c) => `SELECT * FROM enable_logging(storage = 'file', storage_path = '${c}')`,
    message: /enable_logging\(\) is not allowed here/,
  },
  { name: 'query() smuggling a COPY', sql: (c) => `SELECT * FROM query('COPY ae TO ''${c}/pwned.csv''')`, message: /more than one statement|not allowed/ },
];

describe('hostile derived tables, through cli render', () => {
  for (const c of derivedCases) {
    it(`refuses ${c.name}`, async () => {
      const file = await saved({ ...base, derived: [...base.derived, { table: 'hostile', sql: c.sql(canary) }] });
      const r = await render(file);
      expect(r.error).toMatch(/^Derived table "hostile" failed: /);
      expect(r.error).toMatch(c.message);
      expect(r.ms).toBeLessThan(QUICK_MS);
      // The rest of the workbook still renders; nothing from the machine reached the output.
      const written = readdirSync(r.out)
        .map((f) => readFileSync(path.join(r.out, f), 'utf8'))
        .join('\n');
      expect(written).not.toMatch(/root:|pwned/);
      expect(existsSync(path.join(r.out, 'index.html'))).toBe(true);
    });
  }

  it('refuses a table name that carries SQL, before any SQL runs', async () => {
    const hostile = { ...base, derived: [...base.derived, { table: `x" AS SELECT 1; COPY ae TO '${canary}/pwned.csv'; --`, sql: 'SELECT 1 AS n' }] };
    const r = await render(rawWorkbook(JSON.stringify(hostile)));
    expect(r.error).toMatch(/derived\[1\]\.table: .*must be a plain table name/);
    expect(r.ms).toBeLessThan(QUICK_MS);
  });
});

const pathCases: { name: string; edit: (wb: Workbook) => Workbook; refused: RegExp }[] = [
  {
    name: 'an absolute path elsewhere',
    edit: (wb) => withSourcePath(wb, '/etc/passwd'),
    refused: /Refused to read \/etc\/passwd for table "ae": it is an absolute path outside the workbook’s folder/,
  },
  {
    name: '.. out of the folder',
    edit: (wb) => withSourcePath(wb, '../../../../../../etc/passwd'),
    refused: /Refused to read \/etc\/passwd for table "ae": it leaves the workbook’s folder/,
  },
  {
    name: 'a network (UNC) path',
    edit: (wb) => withSourcePath(wb, '\\\\evil-host\\share\\ae.csv'),
    refused: /Refused to read \\\\evil-host\\share\\ae.csv for table "ae": it is a network \(UNC\) path/,
  },
  { name: 'a forward-slash UNC path', edit: (wb) => withSourcePath(wb, '//evil-host/share/ae.csv'), refused: /it is a network \(UNC\) path/ },
  { name: 'a Windows device name', edit: (wb) => withSourcePath(wb, 'CON'), refused: /it names a Windows device/ },
  { name: 'a device path', edit: (wb) => withSourcePath(wb, '\\\\.\\PhysicalDrive0'), refused: /it is a Windows device path/ },
  {
    name: 'a snapshot file outside the folder',
    edit: (wb) => ({
      ...withSourcePath(wb, 'ae.csv'),
      snapshot: {
        created: '2026-01-01T00:00:00.000Z',
        storage: 'files',
        tables: [{ table: 'ae', file: '../../outside.parquet', rows: 1, bytes: 10, sha256: '0'.repeat(64) }],
      },
    }),
    refused: /outside\.parquet for table "ae": it leaves the workbook’s folder/,
  },
];

function withSourcePath(wb: Workbook, stored: string): Workbook {
  return { ...wb, sources: wb.sources.map((s) => ({ ...s, files: s.files.map((f) => ({ ...f, path: stored })) })) };
}

describe('hostile import settings', () => {
  // Every setting a workbook gives the importer reaches its SQL (read_csv options, marker lists, type names, sheet):
  // each must arrive as a quoted value, so SQL in it is at worst a wrong setting, never a statement.
  const inject = (c: string) => `x'); COPY (SELECT 'pwned') TO '${c}/pwned.csv'; SELECT ('`;
  const cases: { name: string; options: (c: string) => Record<string, unknown> }[] = [
    { name: 'a delimiter', options: () => ({ delimiter: "';--" }) },
    { name: 'a quote character', options: () => ({ quote: "'" }) },
    { name: 'missing-value markers', options: (c) => ({ suppressionMarkers: ['*', inject(c)] }) },
    { name: 'a column type for a column named with SQL', options: (c) => ({ columnTypes: { [inject(c)]: 'integer', attendances: 'integer' } }) },
    { name: 'a sheet name on a CSV', options: (c) => ({ sheet: inject(c) }) },
    { name: 'a source column name', options: (c) => ({ sourceColumn: `x" VARCHAR); COPY ae TO '${c}/pwned.csv'; --` }) },
  ];
  for (const c of cases) {
    it(`treats SQL in ${c.name} as a value`, async () => {
      const hostile = { ...base, sources: base.sources.map((s) => ({ ...s, importOptions: { ...s.importOptions, ...c.options(canary) } })) };
      const r = await render(await saved(hostile));
      // Either the settings make no sense for the file (a clear message) or the file imports as data: nothing else happens.
      if (r.error !== null) expect(r.error).not.toMatch(/Parser Error|syntax error|disabled by configuration|pwned/i);
      expect(r.ms).toBeLessThan(QUICK_MS);
    });
  }
});

describe('hostile source paths', () => {
  for (const c of pathCases) {
    it(`cli render refuses ${c.name} before looking at it`, async () => {
      const file = rawWorkbook(JSON.stringify(c.edit(base)));
      const seen = watchFileSystem();
      const r = await render(file);
      expect(r.error).toMatch(c.refused);
      expect(r.error).toContain('--allow-path');
      expect(r.ms).toBeLessThan(QUICK_MS);
      const outsideLooks = seen.filter((p) => !p.startsWith(path.dirname(file)));
      expect(outsideLooks).toEqual([]);
      expect(existsSync(r.out)).toBe(false);
    });

    it(`the app's open lists ${c.name} for the person to decide, and grants nothing outside`, async () => {
      const file = rawWorkbook(JSON.stringify(c.edit(base)));
      const grants = new FileGrants();
      const handlers = workbookHandlers({
        grants,
        writeGrants: new WriteGrants(),
        recent: new RecentFiles(path.join(home, `recent${counter}.json`)),
        recoveryDir: path.join(home, 'recovery'),
        dialogs: { chooseWorkbookToOpen: async () => file, chooseWorkbookSavePath: async () => null },
      });
      const seen = watchFileSystem();
      const opened = (await handlers['workbook/open-dialog']({}))!;
      expect(opened.outside.length).toBeGreaterThan(0);
      expect(opened.outside.map((o) => `${o.absolute} for table "${o.table}": ${o.reason}`).join('\n')).toMatch(
        new RegExp(c.refused.source.replace('Refused to read ', '')),
      );
      for (const o of opened.outside) expect(opened.files[o.absolute]).toBeUndefined();
      expect(seen.filter((p) => !p.startsWith(path.dirname(file)) && !p.startsWith(home))).toEqual([]);
      // Only the files it listed can be allowed; anything else is refused.
      await expect(handlers['workbook/allow-reads']({ token: opened.token, paths: ['/etc/shadow'] })).rejects.toThrow(/did not ask to read \/etc\/shadow/);
    });
  }

  it('--allow-path lets the person allow a folder, and only that folder', async () => {
    const elsewhere = writeText(path.join(home, 'shared-extracts', 'ae.csv'), AE_CSV);
    const file = rawWorkbook(JSON.stringify(withSourcePath(base, elsewhere)));
    expect((await render(file)).error).toMatch(/Refused to read .*shared-extracts\/ae\.csv/);
    expect((await render(file, '--allow-path', path.join(home, 'elsewhere'))).error).toMatch(/Refused to read/);
    expect((await render(file, '--allow-path', path.dirname(elsewhere))).error).toBeNull();
  });

  it('refuses a file inside the folder that is a link leading out of it', async () => {
    const file = await saved(base);
    const link = path.join(path.dirname(file), 'ae.csv');
    await fsp.rm(link);
    await fsp.symlink('/etc/passwd', link);
    const r = await render(file);
    expect(r.error).toMatch(/Refused to read .*ae\.csv for table "ae": it is a link to \/etc\/passwd, outside the workbook’s folder/);
  });
});

describe('hostile workbook files', () => {
  it('refuses 5,000-deep JSON with a clear message, quickly', async () => {
    let deep = '1';
    for (let i = 0; i < 5000; i++) deep = `[${deep}]`;
    const text = JSON.stringify({ ...base, views: [{ ...base.views[0]!, spec: { ...base.views[0]!.spec, params: { deep: 0 } } }] }).replace(
      '"deep":0',
      `"deep":${deep}`,
    );
    const r = await render(rawWorkbook(text));
    expect(r.error).toMatch(/values are nested more than 64 levels deep \(at workbook\.views\[0\]\.spec\.params\.deep/);
    expect(r.ms).toBeLessThan(QUICK_MS);
  });

  it('refuses __proto__ keys where the schema has fixed keys, and never pollutes Object.prototype', async () => {
    const text = JSON.stringify(base).replace('"charts":[{', '"charts":[{"__proto__":{"polluted":true},');
    expect((await render(rawWorkbook(text))).error).toMatch(/Unrecognized key: "__proto__"/);
    const inParams = JSON.stringify({ ...base, views: [{ ...base.views[0]!, spec: { ...base.views[0]!.spec, params: { marker: 1 } } }] }).replace(
      '"marker":1',
      '"__proto__":{"polluted":true}',
    );
    const r = await render(await saved(JSON.parse(inParams) as Workbook));
    expect(r.error).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a file that is not a workbook, without a stack trace', async () => {
    const r = await render(rawWorkbook('{"format":"evil","version":1}'));
    expect(r.error).toMatch(/^Cannot open pack\.workbook\.json: /);
    writeFileSync(path.join(canary, '..', 'ignored.txt'), '');
  });
});
