import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../src-shared/workbook/base64';
import { checkFingerprint, fingerprintSource, HASH_CHUNK_BYTES, hashSource } from '../../src-shared/workbook/fingerprint';
import { escapeHtml, reportHtml, textToHtml } from '../../src-shared/workbook/report-html';
import type { WorkbookRun } from '../../src-shared/workbook/report-run';
import { memoryFileSource, snapshotFolderName } from '../../src-shared/workbook/snapshot';
import { emptyWorkbook } from '../../src-shared/workbook/workbook-schema';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('fingerprints', () => {
  it('is the plain SHA-256 of a small file, with size and modified time', async () => {
    const bytes = new TextEncoder().encode('org,n\n11X,5\n');
    const fp = await fingerprintSource(memoryFileSource('ae.csv', bytes, Date.UTC(2024, 4, 1, 10, 22, 3, 123) + 0.75));
    expect(fp).toEqual({ size: bytes.length, modified: '2024-05-01T10:22:03.123Z', hash: { algorithm: 'sha-256', value: sha(bytes) } });
  });

  it("hashes a large file in 8 MiB chunks: SHA-256 of the chunks' SHA-256s", async () => {
    const bytes = new Uint8Array(HASH_CHUNK_BYTES * 2 + 1000);
    for (let i = 0; i < bytes.length; i += 4093) bytes[i] = i % 251;
    const reads: number[] = [];
    const source = memoryFileSource('big.csv', bytes);
    const counting = { ...source, read: (s: number, e: number) => (reads.push(e - s), source.read(s, e)) };
    const digests = [0, 1, 2].map((i) =>
      createHash('sha256')
        .update(bytes.subarray(i * HASH_CHUNK_BYTES, (i + 1) * HASH_CHUNK_BYTES))
        .digest(),
    );
    expect(await hashSource(counting)).toEqual({ algorithm: 'sha-256-chunked', value: sha(Buffer.concat(digests)) });
    expect(reads).toEqual([HASH_CHUNK_BYTES, HASH_CHUNK_BYTES, 1000]);
  });

  it('compares with a saved fingerprint: size first, then time, then content', async () => {
    const a = new TextEncoder().encode('a,b\n1,2\n');
    const saved = await fingerprintSource(memoryFileSource('x.csv', a, 1000));
    expect((await checkFingerprint(saved, memoryFileSource('x.csv', a, 1000))).state).toBe('unchanged');
    expect((await checkFingerprint(saved, memoryFileSource('x.csv', a, 1000))).hashed).toBe(false);
    const touched = await checkFingerprint(saved, memoryFileSource('x.csv', a, 5000));
    expect([touched.state, touched.hashed]).toEqual(['unchanged', true]);
    const b = new TextEncoder().encode('a,b\n1,3\n');
    const edited = await checkFingerprint(saved, memoryFileSource('x.csv', b, 2000));
    expect([edited.state, edited.hashed]).toEqual(['changed', true]);
    // Same size and time count as unchanged (as make and rsync do) unless asked to hash.
    expect((await checkFingerprint(saved, memoryFileSource('x.csv', b, 1000))).state).toBe('unchanged');
    expect((await checkFingerprint(saved, memoryFileSource('x.csv', b, 1000), { alwaysHash: true })).state).toBe('changed');
    expect((await checkFingerprint(saved, memoryFileSource('x.csv', new Uint8Array(3), 1000))).state).toBe('changed');
    expect((await checkFingerprint(undefined, memoryFileSource('x.csv', a))).state).toBe('unknown');
  });
});

describe('snapshot helpers', () => {
  it('round-trips base64 and names the snapshot folder', () => {
    const bytes = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(bytesToBase64(new TextEncoder().encode('hello'))).toBe(Buffer.from('hello').toString('base64'));
    expect(() => base64ToBytes('not base64!')).toThrow('the embedded data is not valid base64');
    expect(snapshotFolderName('/p/board.workbook.json')).toBe('board.workbook.data');
  });
});

describe('report HTML', () => {
  it('escapes every text and keeps paragraphs', () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
    expect(textToHtml('One\nline <b>\n\nTwo')).toBe('<p>One<br>line &lt;b&gt;</p>\n<p>Two</p>');
  });

  it('lays items out on the grid with titles, commentary, images and data links, and no scripts or remote URLs', () => {
    const wb = { ...emptyWorkbook('Pack <1>'), notes: 'Read me & weep' };
    const run: WorkbookRun = {
      derived: [],
      charts: [],
      views: [],
      errors: ['x'],
      items: [
        { kind: 'text', id: 't1', title: 'Intro', text: 'Hello <world>', width: 2, commentary: null },
        { kind: 'error', id: 'e1', title: 'Broken', ref: { chart: 'c1' }, message: 'Chart "x": no column "y"', width: 1, commentary: 'Why <it> broke' },
        {
          kind: 'view-table',
          id: 'v1',
          title: 'Table',
          width: 1,
          commentary: null,
          viewId: 'v',
          tableId: 't',
          table: {
            id: 't',
            title: 'T',
            columns: [
              { key: 'org', label: 'Org', format: 'text' },
              { key: 'gbp', label: '£', format: 'gbp' },
            ],
            rows: [{ org: '<11X>', gbp: 1234.5 }],
          },
          data: { columns: [], rows: [] },
        },
      ],
    };
    const html = reportHtml(wb, run, { files: new Map([['v1', { csv: 'view v-t.csv' }]]) });
    expect(html).toContain('<title>Pack &lt;1&gt;</title>');
    expect(html).toContain('<section class="item text" id="t1" style="grid-column: span 2">\n<h2>Intro</h2>\n<p>Hello &lt;world&gt;</p>');
    expect(html).toContain('<p class="error">Chart &quot;x&quot;: no column &quot;y&quot;</p>');
    expect(html).toContain('<div class="commentary"><p>Why &lt;it&gt; broke</p></div>');
    expect(html).toContain('<td>&lt;11X&gt;</td><td class="num">£1,235</td>');
    expect(html).toContain('<a class="data" href="view%20v-t.csv">Data (CSV)</a>');
    expect(html).toContain('<h2>Notes</h2>\n<p>Read me &amp; weep</p>');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });
});
