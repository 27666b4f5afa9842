import { createReadStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeLargeActivity } from '../../sample-data/generator/activity';

/**
 * The activity extracts the benchmark reads: bench/data/activity_<N>.csv,
 * made by the sample-data generator (`writeLargeActivity`) and reused when a
 * complete file of that size is already there.
 */

export function activityPath(dir: string, rows: number): string {
  return join(dir, `activity_${rows}.csv`);
}

/** Lines in a file (newline characters), read in chunks. */
export async function countLines(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 }) as AsyncIterable<Buffer>) {
    let i = chunk.indexOf(10);
    while (i !== -1) {
      lines++;
      i = chunk.indexOf(10, i + 1);
    }
  }
  return lines;
}

export interface PreparedFile {
  path: string;
  rows: number;
  bytes: number;
  reused: boolean;
  ms: number;
}

/** The extract of `rows` data rows in `dir`: reused when it has a header and exactly `rows` rows, else written. */
export async function ensureActivityFile(dir: string, rows: number): Promise<PreparedFile> {
  const started = performance.now();
  const path = activityPath(dir, rows);
  if (existsSync(path) && (await countLines(path)) === rows + 1) {
    return { path, rows, bytes: statSync(path).size, reused: true, ms: performance.now() - started };
  }
  mkdirSync(dir, { recursive: true });
  writeLargeActivity(dir, rows);
  return { path, rows, bytes: statSync(path).size, reused: false, ms: performance.now() - started };
}
