import { tableToRows } from '../engine/arrow-values';
import { valueKindOfSql } from '../sql/column-types';
import { quoteIdent } from '../sql/identifiers';
import type { FieldMapping, RoleDefinition, SqlRunner, TableColumn, TableInfo } from './view-types';

/** Column names and kinds of loaded tables. */
export async function describeTables(db: SqlRunner, tables: string[]): Promise<TableInfo[]> {
  const out: TableInfo[] = [];
  for (const table of tables) {
    const rows = tableToRows(await db.query(`DESCRIBE ${quoteIdent(table)}`));
    out.push({
      table,
      columns: rows.map((r) => ({ name: String(r.column_name), sqlType: String(r.column_type), kind: valueKindOfSql(String(r.column_type)) })),
    });
  }
  return out;
}

function normalise(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Suggest a column for each role from the columns' names and kinds: the first
 * hint (in the role's order of preference) that a suitable column's name equals
 * or contains wins. Each column is used for one role at most.
 */
export function suggestMapping(roles: RoleDefinition[], tables: TableInfo[], existing: FieldMapping = {}): FieldMapping {
  const mapping: FieldMapping = { ...existing };
  const used = new Set(Object.values(mapping));
  const columns = tables.flatMap((t) => t.columns);
  for (const role of roles) {
    if (mapping[role.role]) continue;
    const suitable = columns.filter((c) => !used.has(c.name) && (role.kinds as string[]).includes(c.kind));
    let found: TableColumn | undefined;
    for (const hint of role.hints) {
      const h = normalise(hint);
      found = suitable.find((c) => normalise(c.name) === h) ?? suitable.find((c) => normalise(c.name).includes(h));
      if (found) break;
    }
    if (found) {
      mapping[role.role] = found.name;
      used.add(found.name);
    }
  }
  return mapping;
}

/** The table holding a mapped column (the first listed that has it). */
export function tableWithColumn(tables: TableInfo[], column: string): TableInfo | null {
  return tables.find((t) => t.columns.some((c) => c.name === column)) ?? null;
}

/** Check every required role is mapped to an existing column; returns readable problems. */
export function mappingProblems(roles: RoleDefinition[], tables: TableInfo[], mapping: FieldMapping): string[] {
  const problems: string[] = [];
  for (const role of roles) {
    const column = mapping[role.role];
    if (!column) {
      if (role.required) problems.push(`No column is mapped to "${role.label}" (${role.role}).`);
      continue;
    }
    if (!tableWithColumn(tables, column))
      problems.push(`"${role.label}" is mapped to "${column}", which is not a column of ${tables.map((t) => t.table).join(', ')}.`);
  }
  return problems;
}
