import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { columnsOf, columnValues, normaliseTable, tableToRows } from '../../src-shared/engine/arrow-values';
import { tableToJsonRows } from '../../src-shared/format/plain-json';

describe('values at the engine boundary', () => {
  it('turns 64-bit integers into plain numbers', () => {
    const table = new arrow.Table({ n: arrow.vectorFromArray([1n, null, 9007199254740993n], new arrow.Int64()) });
    const plain = normaliseTable(table);
    expect(String(plain.schema.fields[0]!.type)).toBe('Float64');
    expect(columnValues(plain, 'n')).toEqual([1, null, 9007199254740992]);
  });

  it('leaves other columns alone and gives dates as Date objects, JSON as ISO dates', () => {
    const table = new arrow.Table({
      s: arrow.vectorFromArray(['a', null], new arrow.Utf8()),
      d: arrow.vectorFromArray([Date.UTC(2016, 3, 1), null], new arrow.DateDay()),
    });
    expect(normaliseTable(table)).toBe(table);
    expect(columnsOf(table).map((c) => c.kind)).toEqual(['string', 'date']);
    const rows = tableToRows(table);
    expect(rows[0]!.d).toBeInstanceOf(Date);
    expect(tableToJsonRows(table)).toEqual([
      { s: 'a', d: '2016-04-01' },
      { s: null, d: null },
    ]);
  });
});
