/**
 * Writing text files: whole small files from lines, and a buffered streaming
 * writer for very large files (never holds the whole file in memory).
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeWindows1252 } from './cp1252';

export type TextEncoding = 'utf-8' | 'windows-1252';
export type LineEnding = '\n' | '\r\n';

export interface TextFileOptions {
  encoding?: TextEncoding;
  eol?: LineEnding;
}

/** Write lines (each without its line ending) to a file; every line, including the last, is terminated. */
export function writeLines(path: string, lines: readonly string[], options: TextFileOptions = {}): void {
  const eol = options.eol ?? '\n';
  const text = lines.join(eol) + eol;
  mkdirSync(dirname(path), { recursive: true });
  if (options.encoding === 'windows-1252') writeFileSync(path, encodeWindows1252(text));
  else writeFileSync(path, text, 'utf8');
}

/** Buffered UTF-8 writer: appends lines and flushes to disk in chunks of about 1 MB. */
export class StreamingLineWriter {
  private readonly fd: number;
  private chunk: string[] = [];
  private chunkLength = 0;
  private closed = false;

  constructor(
    path: string,
    private readonly eol: LineEnding = '\n',
    private readonly flushAt = 1 << 20,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }

  writeLine(line: string): void {
    this.chunk.push(line);
    this.chunkLength += line.length + 1;
    if (this.chunkLength >= this.flushAt) this.flush();
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    writeSync(this.fd, this.chunk.join(this.eol) + this.eol);
    this.chunk = [];
    this.chunkLength = 0;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    closeSync(this.fd);
    this.closed = true;
  }
}
