import type { ColumnType } from '../import/types';

/**
 * The one table from DuckDB's type names to what the product does with a
 * column: its ColumnType (import reports, workbooks, the grid), its value kind
 * (charts and views), and its storage class (data snapshots). Every place that
 * reads `DESCRIBE` goes through here, so `INTERVAL` is never mistaken for an
 * integer and `DECIMAL(18,3)` is always a number.
 */

/** How a column's values are stored and compared. */
export type StorageClass = 'boolean' | 'small-integer' | 'big-integer' | 'float' | 'date' | 'timestamp' | 'text' | 'other';

const EXACT: Readonly<Record<string, StorageClass>> = {
  BOOLEAN: 'boolean',
  BOOL: 'boolean',
  TINYINT: 'small-integer',
  SMALLINT: 'small-integer',
  INTEGER: 'small-integer',
  INT: 'small-integer',
  UTINYINT: 'small-integer',
  USMALLINT: 'small-integer',
  UINTEGER: 'big-integer',
  BIGINT: 'big-integer',
  UBIGINT: 'big-integer',
  HUGEINT: 'big-integer',
  UHUGEINT: 'big-integer',
  FLOAT: 'float',
  REAL: 'float',
  DOUBLE: 'float',
  DATE: 'date',
  VARCHAR: 'text',
  TEXT: 'text',
  STRING: 'text',
  CHAR: 'text',
  BPCHAR: 'text',
  UUID: 'text',
};

/** The storage class of a DuckDB type name (`DECIMAL(18,3)`, `TIMESTAMP WITH TIME ZONE`, `VARCHAR(20)` included). */
export function storageClassOfSql(sqlType: string): StorageClass {
  const t = sqlType.trim().toUpperCase();
  const exact = EXACT[t];
  if (exact) return exact;
  if (/^(DECIMAL|NUMERIC)(\s*\(\s*\d+\s*(,\s*\d+\s*)?\))?$/.test(t)) return 'float';
  if (/^TIMESTAMP(_S|_MS|_NS|TZ| WITH TIME ZONE)?$/.test(t)) return 'timestamp';
  if (/^(VARCHAR|CHAR|BPCHAR)\s*\(\s*\d+\s*\)$/.test(t)) return 'text';
  return 'other';
}

/** The ColumnType of a DuckDB type: anything without its own type (INTERVAL, BLOB, lists, structs) is kept as text. */
export function columnTypeOfSql(sqlType: string): ColumnType {
  switch (storageClassOfSql(sqlType)) {
    case 'boolean':
      return 'boolean';
    case 'small-integer':
    case 'big-integer':
      return 'integer';
    case 'float':
      return 'number';
    case 'date':
      return 'date';
    case 'timestamp':
      return 'timestamp';
    default:
      return 'text';
  }
}

/** The value kind charts and views work with: dates and timestamps are both `date`. */
export type ValueKindOfColumn = 'number' | 'string' | 'date' | 'boolean' | 'other';

export function valueKindOfSql(sqlType: string): ValueKindOfColumn {
  switch (storageClassOfSql(sqlType)) {
    case 'boolean':
      return 'boolean';
    case 'small-integer':
    case 'big-integer':
    case 'float':
      return 'number';
    case 'date':
    case 'timestamp':
      return 'date';
    case 'text':
      return 'string';
    default:
      return 'other';
  }
}
