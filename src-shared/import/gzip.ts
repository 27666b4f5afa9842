/** Gzip in the browser and node alike, through DecompressionStream. */

/** Decompress the start of a gzip file (enough to sniff), tolerating the cut-off end. */
export async function gunzipHead(bytes: Uint8Array, limit: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  let total = 0;
  let complete = false;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        complete = true;
        break;
      }
      parts.push(value);
      total += value.length;
      if (total >= limit) break;
    }
  } catch {
    // A truncated gzip sample ends in an error; what was decoded so far is the sample.
  }
  void reader.cancel().catch(() => undefined);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return { bytes: out.subarray(0, Math.min(total, limit)), complete: complete && total <= limit };
}

/** Decompress a whole gzip file. */
export async function gunzipAll(bytes: Uint8Array): Promise<Uint8Array> {
  const buffer = await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  return new Uint8Array(buffer);
}
