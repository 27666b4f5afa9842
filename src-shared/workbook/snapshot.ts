import { parquetWriteBuffer } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import type { SqlRunner } from '../analysis/view-types';
import { tableToRows } from '../engine/arrow-values';
import type { FileSource } from '../engine/engine';
import type { ImportService } from '../import/import-service';
import type { ImportReport } from '../import/types';
import { storageClassOfSql } from '../sql/column-types';
import { quoteIdent } from '../sql/identifiers';
import { base64ToBytes, bytesToBase64 } from './base64';
import { sha256Hex } from './fingerprint';
import { basenameOf } from './source-paths';
import type { Snapshot, SnapshotTable, Workbook } from './workbook-schema';

/**
 * The optional data snapshot: each source table written as Parquet (with
 * hyparquet-writer), so a workbook can be re-opened when the extracts are not
 * at hand. Off unless the user asks, because the workbook then contains data.
 *
 * Two ways to store it:
 * - `files` (the default when saving to disk): one Parquet file per table in
 *   a folder beside the workbook, `<name>.workbook.data/<table>-<hash>.parquet`
 *   (the first 12 hex digits of its SHA-256, so saving a new snapshot never
 *   overwrites files the previous save still refers to). The
 *   JSON stays small and readable, and the data is plainly visible as files.
 * - `embedded`: base64 Parquet inside the JSON (about a third larger): one
 *   file to hand over, for the browser (which can download only one file).
 *
 * Each entry keeps the Parquet bytes' SHA-256, checked before loading.
 * Derived tables are not stored: they are recomputed from their SQL.
 */

/** What the UI shows before saving with a snapshot (information governance). */
export const SNAPSHOT_WARNING =
  'Including a data snapshot copies the rows of every source table into the workbook. ' +
  'Anyone who receives the workbook can then read that data, without the original extracts. ' +
  'Only include it if your information-governance rules allow this data to be shared with everyone who may receive the workbook; ' +
  'patient-level or small-number data must stay on this machine.';

/** A short label the UI can show next to a workbook that contains data. */
export const SNAPSHOT_BADGE = 'Contains data';

export type SnapshotStorage = Snapshot['storage'];

const DATE_EPOCH = "DATE '1970-01-01'";

interface ColumnPlan {
  name: string;
  select: string;
  element: SchemaElement;
  convert: (value: unknown) => unknown;
}

const asNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const asBigInt = (v: unknown) => (v === null || v === undefined ? null : BigInt(Math.round(Number(v))));

function planColumn(name: string, sqlType: string): ColumnPlan {
  const col = quoteIdent(name);
  const element = (type: SchemaElement['type'], extra: Partial<SchemaElement> = {}): SchemaElement => ({ name, type, repetition_type: 'OPTIONAL', ...extra });
  switch (storageClassOfSql(sqlType)) {
    case 'boolean':
      return { name, select: col, element: element('BOOLEAN'), convert: (v) => (v === null || v === undefined ? null : Boolean(v)) };
    case 'small-integer':
      return { name, select: `CAST(${col} AS INTEGER)`, element: element('INT32'), convert: asNumber };
    case 'big-integer':
      return { name, select: `CAST(${col} AS DOUBLE)`, element: element('INT64'), convert: asBigInt };
    case 'float':
      return { name, select: `CAST(${col} AS DOUBLE)`, element: element('DOUBLE'), convert: asNumber };
    case 'date':
      return {
        name,
        select: `CAST(date_diff('day', ${DATE_EPOCH}, ${col}) AS INTEGER)`,
        element: element('INT32', { converted_type: 'DATE' }),
        convert: asNumber,
      };
    case 'timestamp':
      return {
        name,
        select: `CAST(epoch_ms(CAST(${col} AS TIMESTAMP)) AS DOUBLE)`,
        element: element('INT64', { converted_type: 'TIMESTAMP_MILLIS' }),
        convert: asBigInt,
      };
    default:
      break;
  }
  return {
    name,
    select: `CAST(${col} AS VARCHAR)`,
    element: element('BYTE_ARRAY', { converted_type: 'UTF8' }),
    convert: (v) => (v === null || v === undefined ? null : String(v)),
  };
}

/** A loaded table as Parquet bytes: text, booleans, whole numbers, numbers, dates and timestamps keep their types. */
export async function tableToParquet(db: SqlRunner, table: string, opts: { signal?: AbortSignal } = {}): Promise<{ bytes: Uint8Array; rows: number }> {
  const described = tableToRows(await db.query(`DESCRIBE ${quoteIdent(table)}`, opts));
  const plans = described.map((d) => planColumn(String(d.column_name), String(d.column_type)));
  const result = await db.query(`SELECT ${plans.map((p) => `${p.select} AS ${quoteIdent(p.name)}`).join(', ')} FROM ${quoteIdent(table)}`, opts);
  const columnData = plans.map((p, i) => {
    const vector = result.getChildAt(i);
    const data = new Array<unknown>(result.numRows);
    for (let r = 0; r < result.numRows; r++) data[r] = p.convert(vector?.get(r));
    return { name: p.name, data };
  });
  const buffer = parquetWriteBuffer({
    columnData,
    schema: [{ name: 'root', num_children: plans.length }, ...plans.map((p) => p.element)],
    rowGroupSize: 100_000,
    createdBy: 'Commissioning Workbench (workbook snapshot)',
  });
  return { bytes: new Uint8Array(buffer), rows: result.numRows };
}

/** `board-pack.workbook.json` → `board-pack.workbook.data` (the folder a `files` snapshot lives in). */
export function snapshotFolderName(workbookFileName: string): string {
  return `${basenameOf(workbookFileName).replace(/\.json$/i, '')}.data`;
}

export interface CreateSnapshotOptions {
  storage: SnapshotStorage;
  /** The workbook's file name (for the `files` folder name). */
  workbookFileName: string;
  /** When the snapshot was taken (default now). */
  created?: Date;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export interface CreatedSnapshot {
  snapshot: Snapshot;
  /** For `files` storage: the Parquet bytes to write, by path relative to the workbook. */
  files: { path: string; bytes: Uint8Array }[];
}

/** Snapshot every source table of a workbook (loaded in `db`). */
export async function createSnapshot(db: SqlRunner, workbook: Workbook, opts: CreateSnapshotOptions): Promise<CreatedSnapshot> {
  const folder = snapshotFolderName(opts.workbookFileName);
  const tables: SnapshotTable[] = [];
  const files: CreatedSnapshot['files'] = [];
  for (const source of workbook.sources) {
    opts.onProgress?.(`Copying ${source.table} into the snapshot…`);
    const { bytes, rows } = await tableToParquet(db, source.table, opts.signal ? { signal: opts.signal } : {});
    const entry: SnapshotTable = { table: source.table, rows, bytes: bytes.length, sha256: await sha256Hex(bytes) };
    if (opts.storage === 'files') {
      // The hash in the name means a new snapshot never overwrites the files the saved workbook still points to.
      entry.file = `${folder}/${source.table}-${entry.sha256.slice(0, 12)}.parquet`;
      files.push({ path: entry.file, bytes });
    } else {
      entry.data = bytesToBase64(bytes);
    }
    tables.push(entry);
  }
  return { snapshot: { created: (opts.created ?? new Date()).toISOString(), storage: opts.storage, tables }, files };
}

/** The workbook without its snapshot (what autosave and "save without data" write). */
export function withoutSnapshot(workbook: Workbook): Workbook {
  const { snapshot: _dropped, ...rest } = workbook;
  return rest;
}

/** Bytes in memory as a FileSource (for loading a snapshot through the importer). */
export function memoryFileSource(name: string, bytes: Uint8Array, lastModified?: number): FileSource {
  return {
    name,
    size: bytes.length,
    ...(lastModified !== undefined ? { lastModified } : {}),
    read: async (start, end) => bytes.subarray(Math.max(0, start), Math.min(bytes.length, end)),
  };
}

/** The embedded bytes of a snapshot entry (null for `files` storage). */
export function embeddedSnapshotBytes(entry: SnapshotTable): Uint8Array | null {
  return entry.data === undefined ? null : base64ToBytes(entry.data);
}

/** Check a snapshot table's bytes against its recorded hash and load them as the table. */
export async function restoreSnapshotTable(importer: Pick<ImportService, 'importFiles'>, entry: SnapshotTable, bytes: Uint8Array): Promise<ImportReport> {
  if (bytes.length !== entry.bytes || (await sha256Hex(bytes)) !== entry.sha256) {
    throw new Error(`The snapshot of table "${entry.table}" is damaged or was replaced (its size or SHA-256 does not match the workbook)`);
  }
  return importer.importFiles(entry.table, [memoryFileSource(`${entry.table}.parquet`, bytes)], { format: 'parquet' });
}
