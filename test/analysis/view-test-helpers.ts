/** Shared by the dtoc, growth and workforce view tests: fixtures on disk, the CLI runner, a spec run like the CLI's. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createImportService } from '../../src-shared/import/import-service';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../../src-main/cli/args';
import { runViewWith } from '../../src-main/cli/commands/view';
import { nodeFileSource } from '../../src-main/engine/node-file-source';
import { tableToRows, type PlainRow } from '../../src-shared/engine/arrow-values';
import type { Engine } from '../../src-shared/engine/engine';
import type { JsonValue } from '../../src-shared/format/plain-json';
import { describeTables, suggestMapping } from '../../src-shared/analysis/mapping';
import type { FieldMapping, ViewResult, ViewTemplate } from '../../src-shared/analysis/view-types';

export const SAMPLE = fileURLToPath(new URL('../../sample-data/', import.meta.url));

const dir = mkdtempSync(path.join(os.tmpdir(), 'wb-views-'));

export function fixture(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const VALUE_OPTIONS = new Set(['sql', 'sheet', 'delimiter', 'data', 'map', 'param', 'out']);

/** `view <template> …` through the CLI's generic runner; returns the parsed --json output and stderr lines. */
export async function cliView(templates: ViewTemplate[], argv: string[]): Promise<{ json: Record<string, JsonValue>; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  await runViewWith(templates, parseArgs(['view', ...argv, '--json'], VALUE_OPTIONS, new Set(['data'])), { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { json: JSON.parse(out.join('\n')) as Record<string, JsonValue>, err };
}

export async function load(engine: Engine, table: string, file: string): Promise<void> {
  await createImportService(engine).importFiles(table, [await nodeFileSource(file)]);
}

/** Map and run a template over loaded tables as the CLI does (recognised, then suggested, then given). */
export async function runSpec(
  engine: Engine,
  template: ViewTemplate,
  tables: string[],
  given: FieldMapping = {},
  params: Record<string, JsonValue> = {},
): Promise<ViewResult & { mapping: FieldMapping }> {
  const info = await describeTables(engine, tables);
  const mapping = suggestMapping(template.roles, info, { ...(template.recognise?.(info) ?? {}), ...given });
  const result = await template.run(engine, { template: template.id, tables, mapping, params: template.parseParams(params) });
  return { ...result, mapping };
}

export async function sqlRows(engine: Engine, sql: string): Promise<PlainRow[]> {
  return tableToRows(await engine.query(sql));
}

/** Rows of an array in a JSON result. */
export function rowsOf(value: JsonValue | undefined): Record<string, JsonValue>[] {
  if (!Array.isArray(value)) throw new Error('not an array');
  return value as Record<string, JsonValue>[];
}

export function objectOf(value: JsonValue | undefined): Record<string, JsonValue> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
  return value;
}

/**
 * Independent SQL for checking results on the sample data: native DuckDB
 * (@duckdb/node-api) reading the CSV itself, not through the app's importer.
 */
export async function nativeRows(sql: string): Promise<Record<string, unknown>[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    connection.closeSync();
  }
}

/** A sample-data CSV as native DuckDB reads it (`skip` lines above the header). */
export function csv(relative: string, skip = 0): string {
  return `read_csv('${path.join(SAMPLE, relative).replaceAll("'", "''")}', header = true, skip = ${skip})`;
}
