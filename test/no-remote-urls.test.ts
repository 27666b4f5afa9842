import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllowedRequest } from '../src-main/request-guard';
import { ENGINE_SETUP_SQL } from '../src-shared/engine/duckdb-engine';
import { CONTENT_SECURITY_POLICY } from '../src-shared/security/content-policy';

const ROOT = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|js|mjs|cjs|html|css|json)$/.test(name) ? [full] : [];
  });
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? allFiles(full) : [full];
  });
}

/** A host the built app may contain a URL for, where (relative to out/), and why that is harmless. */
interface AllowedHost {
  host: string;
  files: RegExp;
  reason: string;
}

const RENDERER = /^renderer\//;
const RENDERER_BUNDLE = /^renderer\/assets\/index-[\w-]+\.js$/;
const DUCKDB_WORKERS_AND_WASM = /^renderer\/assets\/duckdb-[\w.-]+\.(?:js|wasm)$/;
const DUCKDB_WASM = /^renderer\/assets\/duckdb-(?:eh|coi)-[\w-]+\.wasm$/;
/** The board-pack writers, loaded on first export: pptxgenjs (with JSZip) and pdfkit's browser build. */
const PPTX_WRITER = /^renderer\/assets\/export-pack-[\w-]+\.js$/;
const PDF_WRITER = /^renderer\/assets\/pdfkit\.browser-[\w-]+\.js$/;

/**
 * Every remote URL in the built output (out/main, out/preload, out/renderer,
 * including duckdb-wasm's workers and .wasm binaries) must match one of these.
 * Nothing in out/main or out/preload is allowed at all. Most are XML namespace
 * names and links in comments or messages, which are never requested; the few
 * a library could request at run time say what stops it. Behind all of them:
 * the CSP (default-src 'none', connect-src 'self' blob: data:) in the app and
 * in browser mode, and in Electron the main-process request guard, which
 * cancels every request to another origin.
 */
const ALLOWED_IN_BUILD: AllowedHost[] = [
  // Identifiers, never dereferenced.
  { host: 'www.w3.org', files: RENDERER, reason: 'XML/SVG/MathML namespace names (React DOM, ECharts, SheetJS, favicon.svg)' },
  { host: 'schemas.openxmlformats.org', files: RENDERER_BUNDLE, reason: 'Office Open XML namespace names in SheetJS' },
  { host: 'sheetjs.openxmlformats.org', files: RENDERER_BUNDLE, reason: 'a SheetJS-specific relationship namespace name' },
  { host: 'schemas.microsoft.com', files: RENDERER_BUNDLE, reason: 'Excel/Office namespace names in SheetJS' },
  { host: 'purl.oclc.org', files: RENDERER_BUNDLE, reason: 'strict OOXML namespace names in SheetJS' },
  { host: 'purl.org', files: RENDERER_BUNDLE, reason: 'Dublin Core namespace names in SheetJS document properties' },
  { host: 'openoffice.org', files: RENDERER_BUNDLE, reason: 'OpenDocument namespace names in SheetJS' },
  { host: 'docs.oasis-open.org', files: RENDERER_BUNDLE, reason: 'OpenDocument metadata namespace names in SheetJS' },
  { host: 'macVmlSchemaUri', files: RENDERER_BUNDLE, reason: 'a placeholder namespace name in SheetJS, not even a real host' },
  { host: 'json-schema.org', files: RENDERER_BUNDLE, reason: 'the $schema identifier zod writes into a JSON Schema; never fetched' },
  // Links in comments, licence banners and messages.
  { host: 'github.com', files: RENDERER, reason: 'links in library comments, licence banners, an emscripten error message and duckdb-wasm package metadata' },
  { host: 'en.wikipedia.org', files: RENDERER_BUNDLE, reason: 'links in ECharts comments' },
  { host: 'codemirror.net', files: RENDERER_BUNDLE, reason: 'links to the reference manual in CodeMirror 6 doc comments' },
  { host: 'lezer.codemirror.net', files: RENDERER_BUNDLE, reason: 'links in the Lezer parser’s doc comments (CodeMirror’s SQL language)' },
  { host: 'code.haverbeke.berlin', files: RENDERER_BUNDLE, reason: 'the issue tracker and style-mod links in CodeMirror comments' },
  { host: 'developer.mozilla.org', files: RENDERER_BUNDLE, reason: 'MDN links in CodeMirror and Lezer doc comments' },
  { host: 'graphics.ethz.ch', files: RENDERER_BUNDLE, reason: 'a paper cited in an ECharts comment (squarified treemaps)' },
  { host: 'stat.ethz.ch', files: RENDERER_BUNDLE, reason: 'R documentation cited in an ECharts comment (boxplot stats)' },
  { host: 'momentjs.com', files: RENDERER_BUNDLE, reason: 'a link in an ECharts comment' },
  { host: '0.30000000000000004.com', files: RENDERER_BUNDLE, reason: 'a link in an ECharts comment on floating point' },
  {
    host: 'sheetjs.com',
    files: RENDERER_BUNDLE,
    reason: "SheetJS banners, and the hyperlink in its Apple Numbers writer's template (the app never writes .numbers)",
  },
  {
    host: 'react.dev',
    files: RENDERER_BUNDLE,
    reason: "text of React's production error messages (an error-decoder link); never fetched, and navigation away is blocked",
  },
  { host: 'duckdb.org', files: DUCKDB_WASM, reason: 'documentation links in DuckDB error messages and function examples' },
  { host: 'exa', files: RENDERER_BUNDLE, reason: 'a zod comment: `new URL("https://exa\\nmple.com")`' },
  { host: '[...]', files: RENDERER_BUNDLE, reason: 'a zod comment about `new URL("http://[...]")`' },
  { host: '[${value}]', files: RENDERER_BUNDLE, reason: "zod's IPv6 check parses `http://[${value}]` with `new URL`; nothing is requested" },
  // Could be requested at run time by the library: each is stopped.
  {
    host: 'extensions.duckdb.org',
    files: DUCKDB_WASM,
    reason: "DuckDB's extension repository: ENGINE_SETUP_SQL turns extension autoinstall/autoload off, and CSP connect-src and the request guard refuse it",
  },
  { host: 'community-extensions.duckdb.org', files: DUCKDB_WASM, reason: "DuckDB's community extension repository: stopped as extensions.duckdb.org is" },
  { host: 'nightly-extensions.duckdb.org', files: DUCKDB_WASM, reason: "DuckDB's nightly extension repository: stopped as extensions.duckdb.org is" },
  {
    host: 'unpkg.com',
    files: DUCKDB_WASM,
    reason:
      "a stylesheet link in the HTML DuckDB renders for EXPLAIN (FORMAT html); the app never shows that HTML, and style-src 'self' plus the request guard would refuse it",
  },
  // pptxgenjs: it fetches an image only when given a path or URL for one; the app hands it data: URIs alone, and
  // CSP connect-src 'self' and the request guard would refuse any other origin.
  { host: 'schemas.openxmlformats.org', files: PPTX_WRITER, reason: 'Office Open XML namespace and relationship names pptxgenjs writes into slides' },
  { host: 'schemas.microsoft.com', files: PPTX_WRITER, reason: 'Office namespace names pptxgenjs writes into slides (charts, SVG pictures, themes)' },
  { host: 'purl.org', files: PPTX_WRITER, reason: 'Dublin Core namespace names in the document properties pptxgenjs writes' },
  { host: 'gitbrent.github.io', files: PPTX_WRITER, reason: 'pptxgenjs documentation links in its warnings' },
  { host: 'officeopenxml.com', files: PPTX_WRITER, reason: 'links in pptxgenjs comments' },
  { host: 'openxmldeveloper.org', files: PPTX_WRITER, reason: 'a link in a pptxgenjs comment' },
  { host: 'www.datypic.com', files: PPTX_WRITER, reason: 'schema references in pptxgenjs comments' },
  { host: 'c-rex.net', files: PPTX_WRITER, reason: 'a schema reference in a pptxgenjs comment' },
  { host: 'docs.microsoft.com', files: PPTX_WRITER, reason: 'a link in a pptxgenjs comment' },
  { host: 'stackoverflow.com', files: PPTX_WRITER, reason: 'links in pptxgenjs comments' },
  { host: 'whatev.com', files: PPTX_WRITER, reason: 'an example URL in a pptxgenjs comment' },
  { host: 'stuartk.com', files: PPTX_WRITER, reason: "JSZip's licence banner" },
  { host: 'stuk.github.io', files: PPTX_WRITER, reason: 'a documentation link in a JSZip error message' },
  { host: 'raw.github.com', files: PPTX_WRITER, reason: "JSZip's licence banner" },
  { host: 'ns.adobe.com', files: PDF_WRITER, reason: 'XMP metadata namespace names pdfkit writes into PDFs' },
  { host: 'purl.org', files: PDF_WRITER, reason: 'Dublin Core namespace names in the XMP metadata pdfkit writes' },
  { host: 'www.aiim.org', files: PDF_WRITER, reason: 'PDF/A and PDF/UA namespace names in the XMP metadata pdfkit writes' },
  { host: 'en.wikipedia.org', files: PDF_WRITER, reason: 'links in pdfkit comments (font metrics)' },
  { host: 'tools.ietf.org', files: PDF_WRITER, reason: 'RFC references in pdfkit comments (SASLprep)' },
  { host: 'www.freetype.org', files: PDF_WRITER, reason: 'a link in a fontkit comment' },
  { host: 'www.microsoft.com', files: PDF_WRITER, reason: 'a font specification link in a fontkit comment' },
  { host: 'words.filippo.io', files: PDF_WRITER, reason: 'a link in a comment of @noble/ciphers (PDF encryption, never used)' },
  { host: 'rolldown.rs', files: /^renderer\/assets\/rolldown-runtime-[\w-]+\.js$/, reason: "a documentation link in the bundler's runtime error message" },
  {
    host: '',
    files: DUCKDB_WORKERS_AND_WASM,
    reason:
      "bare 'http://', 'https://', 'ws://', 'wss://' prefixes duckdb-wasm and emscripten build URLs from for remote paths and sockets; CSP connect-src and the request guard refuse them",
  },
];

const URL_PATTERN = /\b(?:https?|wss?|ftp):\/\/([A-Za-z0-9.\-_~%:@[\]${}]*)/gi;

function isTruthyEnv(value: string | undefined): boolean {
  return Boolean(value) && value !== 'false' && value !== '0';
}

const BUILT_ENTRY_POINTS = ['out/main/main.js', 'out/preload/preload.cjs', 'out/renderer/index.html'];
const isBuilt = BUILT_ENTRY_POINTS.every((p) => existsSync(path.join(ROOT, p)));
const inCi = isTruthyEnv(process.env.CI);

describe('no remote content', () => {
  it('has no remote URL anywhere in shipped source (src-*), so nothing can be fetched from one', () => {
    const offenders: string[] = [];
    for (const dir of ['src-shared', 'src-main', 'src-renderer']) {
      for (const file of sourceFiles(path.join(ROOT, dir))) {
        const lines = readFileSync(file, 'utf8').split('\n');
        lines.forEach((line, i) => {
          for (const m of line.matchAll(/\b(?:https?|wss?|ftp):\/\/([^\s'"`)<>]+)/g)) {
            const host = m[1]!.split('/')[0]!;
            if (['localhost', '127.0.0.1', 'www.w3.org'].some((h) => host.startsWith(h))) continue;
            // The browser-mode server reports its own address, built from its loopback host (it only listens on 127.0.0.1/::1).
            if (file.endsWith(path.join('src-main', 'web', 'static-server.ts')) && host.startsWith('${')) continue;
            offenders.push(`${path.relative(ROOT, file)}:${i + 1}: ${m[0]}`);
          }
        });
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the guards the allowlist below relies on are in place', () => {
    expect(ENGINE_SETUP_SQL).toEqual(expect.arrayContaining(['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false']));
    const csp = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((directive) => {
        const [name, ...values] = directive.trim().split(/\s+/);
        return [name!, values.join(' ')];
      }),
    );
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('connect-src')).toBe("'self' blob: data:");
    expect(csp.get('style-src')).not.toMatch(/https?:|\*/);
    const requests = [
      'https://extensions.duckdb.org/v1.4.3/wasm_eh/httpfs.duckdb_extension.wasm',
      'https://community-extensions.duckdb.org/v1.4.3/wasm_eh/h3.duckdb_extension.wasm',
      'https://unpkg.com/treeflex/dist/css/treeflex.css',
      'https://bucket.s3.amazonaws.com/data.csv',
      'wss://example.org/socket',
    ];
    for (const url of requests) expect(isAllowedRequest(url), url).toBe(false);
  });

  // Runs on the output of `electron-vite build`. Locally it is skipped when out/
  // has not been built; in CI (CI set) a missing build is a failure, not a skip.
  it.skipIf(!isBuilt && !inCi)('has no remote URL in the built app (out/) except allowlisted, never-requested ones', () => {
    expect(isBuilt, `the built app is missing (${BUILT_ENTRY_POINTS.join(', ')}): run \`npx electron-vite build\` before this test`).toBe(true);
    const offenders = new Set<string>();
    const seen = new Set<AllowedHost>();
    for (const part of ['main', 'preload', 'renderer']) {
      for (const file of allFiles(path.join(ROOT, 'out', part))) {
        const relative = path.relative(path.join(ROOT, 'out'), file).split(path.sep).join('/');
        // latin1 keeps every byte, so URLs stored as ASCII inside .wasm binaries are found too.
        const text = readFileSync(file, 'latin1');
        for (const m of text.matchAll(URL_PATTERN)) {
          const host = m[1]!.split('/')[0]!.toLowerCase();
          const allowed = ALLOWED_IN_BUILD.find((a) => a.host.toLowerCase() === host && a.files.test(relative));
          if (allowed) seen.add(allowed);
          else offenders.add(`out/${relative}: ${text.slice(m.index, m.index + m[0].length + 60).split(/[\s"'`<>]/)[0]}`);
        }
      }
    }
    expect([...offenders].sort()).toEqual([]);
    // An entry nothing matches any more is stale: remove it rather than keep a blanket permission.
    expect(ALLOWED_IN_BUILD.filter((a) => !seen.has(a)).map((a) => a.host)).toEqual([]);
  });
});
