import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
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

export function quirkyPath(dir: string, rows: number): string {
  return join(dir, `activity_quirky_${rows}.csv`);
}

/** The number written as an NHS finance extract writes money: `£1,602,905.79`, a deficit in brackets. */
function money(text: string, negative: boolean): string {
  const [whole, fraction = '00'] = text.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const amount = `£${grouped}.${fraction.padEnd(2, '0').slice(0, 2)}`;
  return negative ? `(${amount})` : amount;
}

/**
 * The same extract as a quirky file: Windows-1252 (Latin-1 for `£`), two
 * title lines, UK dates (`01/04/2014`), financial years, money as `£1,234.50`
 * with deficits in brackets, a suppressed `*` count every 101st row, and a
 * source note below the data. The importer must read it as it reads the clean one.
 */
export async function ensureQuirkyFile(dir: string, rows: number, activity: string): Promise<PreparedFile> {
  const started = performance.now();
  const path = quirkyPath(dir, rows);
  if (existsSync(path) && (await countLines(path)) === rows + 4)
    return { path, rows, bytes: statSync(path).size, reused: true, ms: performance.now() - started };
  const out = createWriteStream(path);
  const write = (text: string) => new Promise<void>((resolve) => (out.write(Buffer.from(text, 'latin1')) ? resolve() : out.once('drain', () => resolve())));
  await write('Activity by commissioner, provider and point of delivery (synthetic)\n\n');
  let header = true;
  let n = 0;
  let rest = '';
  for await (const chunk of createReadStream(activity, { encoding: 'utf8', highWaterMark: 4 * 1024 * 1024 }) as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    const rows = Papa.parse<string[]>(lines.filter((l) => l !== '').join('\n'), { header: false }).data;
    const converted: string[][] = [];
    for (const cells of rows) {
      if (header) {
        converted.push(cells);
        header = false;
        continue;
      }
      n++;
      // commissioner_code,commissioner_name,provider_code,provider_name,pod,pod_description,month,financial_year,activity,cost_gbp
      const [y, m, d] = cells[6]!.split('-');
      cells[6] = `${d}/${m}/${y}`;
      if (n % 101 === 0) cells[8] = '*';
      cells[9] = money(cells[9]!, n % 97 === 0);
      converted.push(cells);
    }
    if (converted.length > 0) await write(`${Papa.unparse(converted, { newline: '\n' })}\n`);
  }
  await write('Source: synthetic data made by the sample-data generator\n');
  await new Promise<void>((resolve) => out.end(() => resolve()));
  return { path, rows, bytes: statSync(path).size, reused: false, ms: performance.now() - started };
}
