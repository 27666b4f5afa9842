import type { FileSource } from '../../src-shared/engine/engine';
import { importFiles, type ImportHost } from '../../src-shared/import/importer';

/**
 * Where an import's time goes: the importer run once more through a host that
 * times every statement it sends to the engine. The app, the CLI and the
 * measured `import` step all call `importFiles` (through createImportService),
 * so this is the same code path with a stopwatch around each call
 * (diagnostics for `--import-breakdown`, not a measured step).
 */
export interface StatementTime {
  ms: number;
  /** The statement's start, whitespace collapsed. */
  sql: string;
}

function label(sql: string): string {
  return sql.replace(/\s+/g, ' ').slice(0, 100);
}

export async function importBreakdown(host: ImportHost, table: string, source: FileSource): Promise<{ totalMs: number; statements: StatementTime[] }> {
  const statements: StatementTime[] = [];
  const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      statements.push({ ms: performance.now() - started, sql: name });
    }
  };
  const timing: ImportHost = {
    query: (sql, opts) => timed(label(sql), () => host.query(sql, opts)),
    exec: (sql, opts) => timed(label(sql), () => host.exec(sql, opts)),
    registerFile: (name, s) => timed(`registerFile ${name}`, () => host.registerFile(name, s)),
    registerBuffer: (name, bytes) => timed(`registerBuffer ${name}`, () => host.registerBuffer(name, bytes)),
    dropFile: (name) => timed(`dropFile ${name}`, () => host.dropFile(name)),
    loadArrow: (t, data) => timed(`loadArrow ${t}`, () => host.loadArrow(t, data)),
  };
  const started = performance.now();
  await importFiles(timing, table, [source], {});
  return { totalMs: performance.now() - started, statements };
}

/** The statements taking at least `minMs`, slowest first, as text lines. */
export function formatBreakdown(b: { totalMs: number; statements: StatementTime[] }, minMs = 50): string {
  const shown = b.statements.filter((s) => s.ms >= minMs).sort((x, y) => y.ms - x.ms);
  const rest = b.statements.length - shown.length;
  return [
    `${Math.round(b.totalMs).toLocaleString('en-GB')} ms in ${b.statements.length} statements:`,
    ...shown.map((s) => `    ${Math.round(s.ms).toLocaleString('en-GB').padStart(7)} ms  ${s.sql}`),
    ...(rest > 0 ? [`    (${rest} more under ${minMs} ms)`] : []),
  ].join('\n');
}
