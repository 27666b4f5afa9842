/**
 * Sample-data generator entry point (`npm run sample-data`).
 *
 *   npm run sample-data                          regenerate sample-data/ (byte for byte)
 *   npm run sample-data -- --out DIR             the same files into DIR
 *   npm run sample-data -- --rows N --out DIR    only DIR/activity_N.csv, streamed
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLargeActivity } from './activity';
import { parseArgs, USAGE } from './cli';
import { generateAll } from './generate-all';

const SAMPLE_DATA_DIR = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_LARGE_DIR = fileURLToPath(new URL('../../bench/data', import.meta.url));

function main(argv: readonly string[]): number {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const started = performance.now();
  if (options.rows !== undefined) {
    const path = writeLargeActivity(resolve(options.out ?? DEFAULT_LARGE_DIR), options.rows);
    process.stdout.write(`Wrote ${options.rows} rows to ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    return 0;
  }
  const outDir = resolve(options.out ?? SAMPLE_DATA_DIR);
  for (const { file, rows } of generateAll(outDir)) {
    process.stdout.write(`${file}: ${rows} rows\n`);
  }
  process.stdout.write(`Sample data written to ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
