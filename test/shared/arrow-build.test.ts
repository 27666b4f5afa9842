import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { buildVector } from '../../src-shared/engine/arrow-build';

describe('Arrow vectors without code generation', () => {
  it('builds every type the project uses, with nulls, readable by apache-arrow and through IPC', () => {
    const table = new arrow.Table({
      s: buildVector(['£1,234', null, 'Café – ‘x’', ''], new arrow.Utf8()),
      f: buildVector([1.5, null, -2, 0], new arrow.Float64()),
      i: buildVector([1, 2, null, -7], new arrow.Int32()),
      l: buildVector([9007199254740993n, null, 3n, 0], new arrow.Int64()),
      b: buildVector([true, false, null, true], new arrow.Bool()),
      d: buildVector([Date.UTC(2016, 3, 1), new Date(Date.UTC(2017, 0, 31)), null, Date.UTC(1970, 0, 1)], new arrow.DateDay()),
      t: buildVector([Date.UTC(2016, 3, 1, 10, 30), null, 0, Date.UTC(2020, 1, 29, 23, 59, 59)], new arrow.TimestampMillisecond()),
    });
    const round = arrow.tableFromIPC(arrow.tableToIPC(table, 'stream'));
    const col = (name: string) => Array.from({ length: 4 }, (_, r) => round.getChild(name)!.get(r));
    expect(col('s')).toEqual(['£1,234', null, 'Café – ‘x’', '']);
    expect(col('f')).toEqual([1.5, null, -2, 0]);
    expect(col('i')).toEqual([1, 2, null, -7]);
    expect(col('l')).toEqual([9007199254740993n, null, 3n, 0n]);
    expect(col('b')).toEqual([true, false, null, true]);
    expect(col('d')).toEqual([Date.UTC(2016, 3, 1), Date.UTC(2017, 0, 31), null, 0]);
    expect(col('t')).toEqual([Date.UTC(2016, 3, 1, 10, 30), null, 0, Date.UTC(2020, 1, 29, 23, 59, 59)]);
  });

  it("is the only way source code makes vectors (the CSP forbids the builders' new Function)", () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((n) => (statSync(path.join(dir, n)).isDirectory() ? walk(path.join(dir, n)) : /\.tsx?$/.test(n) ? [path.join(dir, n)] : []));
    const offenders = ['src-shared', 'src-renderer']
      .flatMap((d) => walk(path.join(root, d)))
      .filter((f) => /\b(vectorFromArray|makeBuilder|tableFromArrays|tableFromJSON|builderThroughIterable)\s*\(/.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
