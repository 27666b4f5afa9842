import { ImportError } from '../types';
import type { Cell } from './cells';

export interface JsonTable {
  names: string[];
  rows: Cell[][];
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function recordsToTable(records: unknown[], fileName: string): JsonTable {
  const names: string[] = [];
  const index = new Map<string, number>();
  const rows: Cell[][] = [];
  records.forEach((record, i) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new ImportError(
        `Item ${i + 1} is not an object with named fields`,
        { file: fileName, line: i + 1 },
        'Each item must look like {"column": value, …}.',
      );
    }
    const row: Cell[] = [];
    for (const [key, value] of Object.entries(record as Record<string, unknown>)) {
      let c = index.get(key);
      if (c === undefined) {
        c = names.length;
        names.push(key);
        index.set(key, c);
      }
      row[c] = toCell(value);
    }
    rows.push(row);
  });
  return { names, rows };
}

function lineOf(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** A JSON array of objects (or an object holding one such array, e.g. `{"data": [...]}`). */
export function readJsonTable(text: string, fileName: string): JsonTable {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const pos = /position (\d+)/.exec(message);
    throw new ImportError(
      `The file is not valid JSON: ${message}`,
      { file: fileName, ...(pos ? { line: lineOf(text, Number(pos[1])) } : {}) },
      'If each line is a separate JSON object, name the file .ndjson; otherwise fix the JSON and try again.',
    );
  }
  if (!Array.isArray(parsed) && parsed && typeof parsed === 'object') {
    const arrays = Object.values(parsed as Record<string, unknown>).filter(Array.isArray);
    if (arrays.length === 1) parsed = arrays[0];
    else parsed = [parsed];
  }
  if (!Array.isArray(parsed))
    throw new ImportError(
      'The JSON does not hold a list of records',
      { file: fileName },
      'Expected an array of objects such as [{"org": "11X", "value": 1}, …].',
    );
  return recordsToTable(parsed, fileName);
}

/** Newline-delimited JSON: one object per line; blank lines ignored. */
export function readNdjsonTable(text: string, fileName: string): JsonTable {
  const records: unknown[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      throw new ImportError(
        `Line ${i + 1} is not valid JSON: ${(error as Error).message}`,
        { file: fileName, line: i + 1 },
        'Fix or remove that line and try again.',
      );
    }
  });
  return recordsToTable(records, fileName);
}
