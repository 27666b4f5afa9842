import { throwIfAborted, type FileSource } from '../engine/engine';
import type { Fingerprint, HashAlgorithm } from './workbook-schema';

/**
 * Fingerprints of source files: size, modified time and a SHA-256 content
 * hash, computed with WebCrypto (`crypto.subtle`, in Node 20 and Chromium).
 *
 * WebCrypto hashes one buffer at a time, so a large extract is hashed in
 * 8 MiB chunks to keep memory flat:
 * - `sha-256`: files up to 8 MiB — the plain SHA-256 of the content (what
 *   `sha256sum` prints);
 * - `sha-256-chunked`: larger files — SHA-256 of the concatenated SHA-256
 *   digests of each 8 MiB chunk, in order.
 * The algorithm follows from the size, so two files of the same size are
 * always hashed the same way.
 */

export const HASH_CHUNK_BYTES = 8 * 1024 * 1024;

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function digest(bytes: Uint8Array): Promise<ArrayBuffer> {
  return crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
}

/** SHA-256 of some bytes, as 64 lower-case hex digits. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(await digest(bytes));
}

export function hashAlgorithmFor(size: number): HashAlgorithm {
  return size <= HASH_CHUNK_BYTES ? 'sha-256' : 'sha-256-chunked';
}

export interface HashOptions {
  signal?: AbortSignal;
  /** Fraction of the file hashed so far. */
  onProgress?: (fraction: number) => void;
}

/** The content hash of a file, reading it in 8 MiB chunks. */
export async function hashSource(source: FileSource, opts: HashOptions = {}): Promise<Fingerprint['hash']> {
  const algorithm = hashAlgorithmFor(source.size);
  if (algorithm === 'sha-256') {
    throwIfAborted(opts.signal);
    const value = await sha256Hex(await source.read(0, source.size));
    opts.onProgress?.(1);
    return { algorithm, value };
  }
  const chunkDigests = new Uint8Array(Math.ceil(source.size / HASH_CHUNK_BYTES) * 32);
  let index = 0;
  for (let start = 0; start < source.size; start += HASH_CHUNK_BYTES) {
    throwIfAborted(opts.signal);
    const bytes = await source.read(start, Math.min(source.size, start + HASH_CHUNK_BYTES));
    chunkDigests.set(new Uint8Array(await digest(bytes)), index * 32);
    index++;
    opts.onProgress?.(Math.min(1, (start + bytes.length) / source.size));
  }
  return { algorithm, value: await sha256Hex(chunkDigests) };
}

/** `lastModified` (ms) as the ISO text a fingerprint stores, to the millisecond. */
export function modifiedText(lastModified: number | undefined): string | undefined {
  if (lastModified === undefined || !Number.isFinite(lastModified)) return undefined;
  return new Date(Math.floor(lastModified)).toISOString();
}

/** A file's fingerprint: size, modified time and content hash. */
export async function fingerprintSource(source: FileSource, opts: HashOptions = {}): Promise<Fingerprint> {
  const hash = await hashSource(source, opts);
  const modified = modifiedText(source.lastModified);
  return { size: source.size, ...(modified !== undefined ? { modified } : {}), hash };
}

export type FingerprintState =
  /** Same size and modified time, or same content. */
  | 'unchanged'
  /** Different content: a refreshed extract. */
  | 'changed'
  /** No fingerprint was saved (a migrated workbook). */
  | 'unknown';

export interface FingerprintCheck {
  state: FingerprintState;
  /** The file's fingerprint now (hash included only when it had to be computed). */
  current: { size: number; modified?: string; hash?: Fingerprint['hash'] };
  /** Whether the content was hashed (size and time alone did not settle it, or `alwaysHash`). */
  hashed: boolean;
}

/**
 * Compare a file with its saved fingerprint. A different size settles it at
 * once; the same size and modified time count as unchanged without reading
 * the file (as make and rsync do) unless `alwaysHash`; otherwise the content
 * is hashed and compared.
 */
export async function checkFingerprint(
  saved: Fingerprint | undefined,
  source: FileSource,
  opts: HashOptions & { alwaysHash?: boolean } = {},
): Promise<FingerprintCheck> {
  const modified = modifiedText(source.lastModified);
  const base = { size: source.size, ...(modified !== undefined ? { modified } : {}) };
  if (!saved) return { state: 'unknown', current: base, hashed: false };
  if (saved.size !== source.size) return { state: 'changed', current: base, hashed: false };
  if (!opts.alwaysHash && saved.modified !== undefined && saved.modified === modified) return { state: 'unchanged', current: base, hashed: false };
  const hash = await hashSource(source, opts);
  const same = hash.algorithm === saved.hash.algorithm && hash.value === saved.hash.value;
  return { state: same ? 'unchanged' : 'changed', current: { ...base, hash }, hashed: true };
}
