import { describe, expect, it } from 'vitest';
import { quoteKeywordTables } from '../../src-shared/sql/keyword-tables';

describe('quoteKeywordTables', () => {
  it('quotes a keyword table name after FROM and JOIN and before a dot, in any case', () => {
    expect(quoteKeywordTables('SELECT count(*) AS n FROM some', ['some'])).toEqual({ sql: 'SELECT count(*) AS n FROM "some"', quoted: ['some'] });
    expect(quoteKeywordTables('select some.x, t.y from SOME join t on some.id = t.id', ['some']).sql).toBe(
      'select "some".x, t.y from "some" join t on "some".id = t.id',
    );
    expect(quoteKeywordTables('SELECT * FROM a LEFT JOIN\n  -- the keyword table\n  all ON true', ['all']).sql).toBe(
      'SELECT * FROM a LEFT JOIN\n  -- the keyword table\n  "all" ON true',
    );
  });

  it('leaves the word alone where it is SQL, and inside strings, quoted names and comments', () => {
    const sql = `SELECT 'from some' AS s, "some" AS q /* from some */ FROM t WHERE x = SOME (SELECT 1) -- from some`;
    expect(quoteKeywordTables(sql, ['some'])).toEqual({ sql, quoted: [] });
    expect(quoteKeywordTables(`SELECT 'it''s' FROM some`, ['some']).sql).toBe(`SELECT 'it''s' FROM "some"`);
  });

  it('quotes nothing for names that are not there', () => {
    expect(quoteKeywordTables('SELECT * FROM ae', ['some'])).toEqual({ sql: 'SELECT * FROM ae', quoted: [] });
    expect(quoteKeywordTables('', [])).toEqual({ sql: '', quoted: [] });
  });
});
