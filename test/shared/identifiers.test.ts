import { describe, expect, it } from 'vitest';
import { isSafeIdentifier, quoteIdent, quoteLiteral, safeIdentifier, sqlValue, tableNameFromFileName, uniqueName } from '../../src-shared/sql/identifiers';

describe('SQL identifiers and literals', () => {
  it('quotes identifiers and literals, doubling embedded quotes', () => {
    expect(quoteIdent('Provider Org Code')).toBe('"Provider Org Code"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteLiteral("O'Neil")).toBe("'O''Neil'");
    expect(sqlValue(null)).toBe('NULL');
    expect(sqlValue(1.5)).toBe('1.5');
    expect(sqlValue(new Date(Date.UTC(2016, 3, 1)))).toBe("DATE '2016-04-01'");
    expect(() => sqlValue(Number.NaN)).toThrow();
  });

  it('derives table names from file names', () => {
    expect(tableNameFromFileName('ae.csv')).toBe('ae');
    expect(tableNameFromFileName('/data/A&E 2016-17.csv')).toBe('a_e_2016_17');
    expect(tableNameFromFileName('activity.csv.gz')).toBe('activity');
    expect(tableNameFromFileName('2016 spend.xlsx')).toBe('t_2016_spend');
    expect(tableNameFromFileName('budget.xlsm')).toBe('budget');
    expect(tableNameFromFileName('extract.JSONL')).toBe('extract');
    expect(tableNameFromFileName('C:\\data\\A&E 2016-17.csv.gz')).toBe('a_e_2016_17');
    // Only registered data extensions are dropped (src-shared/import/file-formats.ts).
    expect(tableNameFromFileName('notes.docx')).toBe('notes_docx');
    expect(tableNameFromFileName('select.csv')).toBe('select_');
    expect(tableNameFromFileName('.csv')).toBe('data');
    expect(safeIdentifier('Équipe   Santé')).toBe('equipe_sante');
    expect(isSafeIdentifier('a_e_2016_17')).toBe(true);
    expect(isSafeIdentifier('1abc')).toBe(false);
    expect(isSafeIdentifier('drop table x')).toBe(false);
  });

  it('makes names unique', () => {
    expect(uniqueName('ae', ['ae', 'AE_2'])).toBe('ae_3');
    expect(uniqueName('new', ['ae'])).toBe('new');
  });
});
