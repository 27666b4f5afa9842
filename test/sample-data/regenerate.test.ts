import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATOR_MAIN, REPO_ROOT, SAMPLE_DIR, TSX_CLI, generatedFiles, parseRows } from './helpers';

function runGenerator(args: string[]): string {
  return execFileSync(process.execPath, [TSX_CLI, GENERATOR_MAIN, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
}

describe('sample-data generator', () => {
  let tmp = '';
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'cw-sample-'));
  });
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('regenerates every committed file byte for byte', () => {
    const out = join(tmp, 'full');
    runGenerator(['--out', out]);
    const committed = generatedFiles(SAMPLE_DIR);
    const regenerated = generatedFiles(out);
    expect(committed.length).toBeGreaterThan(80);
    expect(regenerated).toEqual(committed);
    const different = committed.filter((f) => !readFileSync(join(SAMPLE_DIR, f)).equals(readFileSync(join(out, f))));
    expect(different).toEqual([]);
  });

  it('streams exactly N activity rows, and nothing else, in --rows mode', () => {
    const out = join(tmp, 'large');
    const rows = 70000; // more than the committed file, so synthetic commissioners are added
    runGenerator(['--rows', String(rows), '--out', out]);
    expect(readdirSync(out)).toEqual([`activity_${rows}.csv`]);
    const large = readFileSync(join(out, `activity_${rows}.csv`), 'utf8').split('\n');
    expect(large.pop()).toBe(''); // final newline
    expect(large.length).toBe(rows + 1);
    const committed = readFileSync(join(SAMPLE_DIR, 'activity.csv'), 'utf8').split('\n');
    expect(large[0]).toBe(committed[0]);
    // The committed commissioners come first each month with the same random streams,
    // so the first month's block is identical to the committed file's.
    const firstMonthRows = committed.filter((l) => l.includes(',2014-04-01,')).length;
    expect(firstMonthRows).toBeGreaterThan(500);
    expect(large.slice(0, firstMonthRows + 1)).toEqual(committed.slice(0, firstMonthRows + 1));
    // Same columns throughout; synthetic commissioners appear.
    const parsed = parseRows(large.slice(0, 20000).join('\n'));
    expect(parsed.every((r) => r.length === 10)).toBe(true);
    expect(large.some((l) => l.includes('NHS Synthetic Area'))).toBe(true);
  });

  it('a smaller --rows file is a prefix of the committed activity file', () => {
    const out = join(tmp, 'small');
    runGenerator(['--rows', '1234', '--out', out]);
    const small = readFileSync(join(out, 'activity_1234.csv'), 'utf8');
    const committed = readFileSync(join(SAMPLE_DIR, 'activity.csv'), 'utf8');
    expect(small.split('\n').length).toBe(1236);
    expect(committed.startsWith(small)).toBe(true);
  });

  it('rejects bad arguments', () => {
    const result = spawnSync(process.execPath, [TSX_CLI, GENERATOR_MAIN, '--rows', 'lots'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--rows must be a positive whole number/);
  });
});
