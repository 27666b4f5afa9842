import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * `npm start` offline: the first step (scripts/ensure-electron.mjs) fetches Electron's runtime
 * when it is missing. Without a network it must print one message saying what to do, not the
 * downloader's stack trace. The download is pointed at a closed local port, so it fails at once
 * on any machine, networked or not.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const electronDir = path.join(ROOT, 'node_modules/electron');
const pathFile = path.join(electronDir, 'path.txt');
const runtimeInstalled = existsSync(pathFile) && existsSync(path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));

describe('npm start without a network', () => {
  it.skipIf(runtimeInstalled)('says it is offline and what to use instead, with no stack trace', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts/ensure-electron.mjs')], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: path.join(ROOT, 'test-results/electron-cache') },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const output = `${run.stdout}${run.stderr}`;
    expect(run.stderr).toContain('Could not download the Electron runtime: this machine seems to be offline.');
    expect(run.stderr).toContain('npm run web');
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toMatch(/TypeError|RequestError|ENOTFOUND|ECONNREFUSED/);
  });
});
