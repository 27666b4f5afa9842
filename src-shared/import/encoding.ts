import type { TextEncoding } from './types';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Bytes of byte-order mark at the start of the file. */
  bomLength: number;
}

/** True when the bytes look like binary data rather than text in any encoding we read. */
export function looksBinary(bytes: Uint8Array, encoding: TextEncoding): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return false;
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return n > 0 && control / n > 0.01;
}

/** Whether `bytes` is valid UTF-8 (a truncated final sequence is allowed). */
export function isValidUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return false;
    if (i + need >= n) return true; // truncated at the end of the sample
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

/**
 * Detect a text file's encoding from a sample of its first bytes: a BOM decides;
 * otherwise valid UTF-8 is UTF-8 and anything else is read as Windows-1252 (the
 * encoding Excel on Windows writes, where `£` is byte 0xA3).
 */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: isValidUtf8(head) ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

export function bomLengthFor(head: Uint8Array, encoding: TextEncoding): number {
  const detected = detectEncoding(head);
  return detected.encoding === encoding ? detected.bomLength : 0;
}

/**
 * Windows-1252 bytes 0x80–0x9F are letters and punctuation (€ ‘ ’ – …), not the
 * C1 control codes of ISO-8859-1. Browsers decode them correctly; Node's
 * TextDecoder decodes `windows-1252` as ISO-8859-1, so they are mapped here.
 */
const CP1252_HIGH: Readonly<Record<number, string>> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};

function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (ch) => CP1252_HIGH[ch.charCodeAt(0)] ?? ch);
}

export function decodeText(bytes: Uint8Array, encoding: TextEncoding, bomLength = 0): string {
  const text = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(bytes.subarray(bomLength));
  return encoding === 'windows-1252' ? fixWindows1252(text) : text;
}

/**
 * Re-encode a whole non-UTF-8 file as UTF-8, reading it in chunks, so DuckDB's
 * CSV reader (UTF-8 only) can read it. Memory: the UTF-8 copy only.
 */
export async function transcodeToUtf8(
  read: (start: number, end: number) => Promise<Uint8Array>,
  size: number,
  encoding: TextEncoding,
  bomLength: number,
  onChunk?: (done: number) => void,
): Promise<Uint8Array> {
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let total = 0;
  const chunk = 8 * 1024 * 1024;
  for (let start = bomLength; start < size; start += chunk) {
    const end = Math.min(size, start + chunk);
    const decoded = decoder.decode(await read(start, end), { stream: end < size });
    const text = encoding === 'windows-1252' ? fixWindows1252(decoded) : decoded;
    const bytes = encoder.encode(text);
    parts.push(bytes);
    total += bytes.length;
    onChunk?.(end);
  }
  const tail = encoder.encode(decoder.decode());
  if (tail.length) {
    parts.push(tail);
    total += tail.length;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
